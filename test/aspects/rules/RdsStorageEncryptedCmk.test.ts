import rule from '../../../aspects/rules/RdsStorageEncryptedCmk';
import { unresolved } from '../../../aspects/core/rule';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: { ...CMK, aws_rds_cluster: { db: { engine: 'aurora-postgresql', ...cfg } } },
});

describe('RdsStorageEncryptedCmk', () => {
  it('accepts storage encrypted with a key declared in the stack', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ storage_encrypted: true, kms_key_id: CMK_ARN })))).toBe(
      'compliant',
    );
  });
  it('rejects encrypted storage without kms_key_id (aws/rds key)', () => {
    const [r] = judge(rule, ADDR, cluster({ storage_encrypted: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('kms_key_id');
  });
  it('rejects alias/aws/rds', () => {
    expect(
      outcomeOf(judge(rule, ADDR, cluster({ storage_encrypted: true, kms_key_id: 'alias/aws/rds' }))),
    ).toBe('non-compliant');
  });
  it('rejects unencrypted storage, reporting encryption and key separately', () => {
    const results = judge(rule, ADDR, cluster({ storage_encrypted: false }));
    expect(results.map((r) => [r.outcome, r.attribute])).toEqual([
      ['non-compliant', 'storage_encrypted'],
      ['non-compliant', 'kms_key_id'],
    ]);
  });
  it('reports a key from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ storage_encrypted: true, kms_key_id: '${var.key}' })))).toBe(
      'unresolved',
    );
  });

  it('rejects storage_encrypted left out (the provider default is false), with the key judged apart', () => {
    expect(judge(rule, ADDR, cluster({ kms_key_id: CMK_ARN }))).toEqual([
      {
        outcome: 'non-compliant',
        message: 'storage_encrypted is not set (the provider default is false); it must be true',
        attribute: 'storage_encrypted',
      },
    ]);
  });

  it('cannot judge storage_encrypted from a variable', () => {
    expect(judge(rule, ADDR, cluster({ storage_encrypted: '${var.enc}', kms_key_id: CMK_ARN }))).toEqual([
      unresolved('storage_encrypted', '${var.enc}'),
    ]);
  });
});
