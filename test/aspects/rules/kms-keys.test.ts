/** judgeStackKey (aspects/rules/kms-keys.ts): a literal alias/<name> declared in the stack names the stack's key. */
import { TfModel } from '../../../aspects/core/model';
import { judgeStackKey } from '../../../aspects/rules/kms-keys';
import rule from '../../../aspects/rules/LogGroupKeyAdmitsLogs';
import { judge } from '../../support/rule-harness';

const model = (aliases: Record<string, Record<string, unknown>>) =>
  new TfModel({ resource: { aws_kms_key: { k: {} }, aws_kms_alias: aliases } }, { taggableTypes: [] });

describe('judgeStackKey', () => {
  it('names the key an alias of the stack targets, the first declared when two share a name', () => {
    const m = model({
      a: { name: 'alias/ledger-logs', target_key_id: '${aws_kms_key.k.key_id}' },
      b: { name: 'alias/ledger-logs', target_key_id: 'alias/aws/logs' },
    });
    const j = judgeStackKey(m, 'alias/ledger-logs');
    expect(j).toEqual({ kind: 'cmk', key: m.byAddress('aws_kms_key.k'), text: '${aws_kms_key.k.key_id}' });
  });
  it('leaves every other judgement as judgeKey gives it', () => {
    const m = model({ a: { name: 'alias/ledger-logs', target_key_id: '${aws_kms_key.k.key_id}' } });
    expect(judgeStackKey(m, undefined)).toEqual({ kind: 'absent' });
    expect(judgeStackKey(m, 'alias/aws/logs')).toEqual({ kind: 'aws-managed', text: 'alias/aws/logs' });
    expect(judgeStackKey(m, 'alias/')).toEqual({ kind: 'unknown', text: 'alias/' });
    expect(judgeStackKey(m, 'ledger-logs')).toEqual({ kind: 'unknown', text: 'ledger-logs' });
    expect(judgeStackKey(m, 42)).toEqual({ kind: 'unknown', text: '42' });
    const trusted = 'arn:aws:kms:us-east-1:111122223333:key/1234';
    expect(judgeStackKey(m, trusted, [trusted])).toEqual({ kind: 'cmk', text: trusted });
  });
  it('does not loop on an alias that targets itself', () => {
    const m = model({ a: { name: 'alias/loop', target_key_id: '${aws_kms_alias.a.name}' } });
    expect(judgeStackKey(m, 'alias/loop')).toEqual({ kind: 'unresolved', text: '${aws_kms_alias.a.name}' });
  });
  it('stops an alias cycle where it returns to the alias the literal names', () => {
    const m = model({
      a: { name: 'alias/ping', target_key_id: '${aws_kms_alias.b.name}' },
      b: { name: 'alias/pong', target_key_id: '${aws_kms_alias.a.name}' },
    });
    // The reference that closes the cycle is the one reported: b's target, back to a.
    expect(judgeStackKey(m, 'alias/ping')).toEqual({ kind: 'unresolved', text: '${aws_kms_alias.a.name}' });
  });
});

describe('a literal alias in a rule that follows the key to its policy', () => {
  it('LogGroupKeyAdmitsLogs judges the policy of the key the literal alias names', () => {
    const r = judge(rule, 'aws_cloudwatch_log_group.g', {
      resource: {
        aws_kms_key: { k: { policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) } },
        aws_kms_alias: { a: { name: 'alias/ledger-logs', target_key_id: '${aws_kms_key.k.key_id}' } },
        aws_cloudwatch_log_group: { g: { name: '/ledger', kms_key_id: 'alias/ledger-logs' } },
      },
    });
    // The key was found (a literal it could not follow would be not-applicable): its policy is judged.
    expect(r.map((x) => x.outcome)).toContain('non-compliant');
    expect(r[0].message).toContain('aws_kms_key.k');
  });
});
