import rule from '../../../aspects/rules/RdsManagedSecretCmk';
import { unresolved } from '../../../aspects/core/rule';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_rds_cluster.db';
const cluster = (cfg: Record<string, unknown>) => ({
  resource: {
    ...CMK,
    aws_rds_cluster: { db: { engine: 'aurora-postgresql', master_username: 'app_admin', ...cfg } },
  },
});

describe('RdsManagedSecretCmk', () => {
  it('accepts a managed master secret encrypted with a key declared in the stack', () => {
    const input = cluster({ manage_master_user_password: true, master_user_secret_kms_key_id: CMK_ARN });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('compliant');
  });
  it('rejects a managed secret without a customer-managed key (aws/secretsmanager)', () => {
    const [r] = judge(rule, ADDR, cluster({ manage_master_user_password: true }));
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('master_user_secret_kms_key_id');
  });
  it('rejects a literal master_password, saying it lands in state', () => {
    const results = judge(rule, ADDR, cluster({ master_password: 'hunter2hunter2' }));
    expect(results.map((r) => r.attribute)).toEqual(['master_password', 'manage_master_user_password']);
    expect(results[0].message).toContain('state');
  });
  it('rejects a cluster that does not manage its password', () => {
    expect(outcomeOf(judge(rule, ADDR, cluster({ manage_master_user_password: false })))).toBe(
      'non-compliant',
    );
  });
  it('reports a secret key from a variable as unresolved', () => {
    const input = cluster({ manage_master_user_password: true, master_user_secret_kms_key_id: '${var.key}' });
    expect(outcomeOf(judge(rule, ADDR, input))).toBe('unresolved');
  });

  const OK = [{ outcome: 'compliant', message: undefined }];
  const MANAGED = { manage_master_user_password: true, master_user_secret_kms_key_id: CMK_ARN };

  it.each<[string, unknown]>([
    ['null', null],
    ['an empty string', ''],
  ])('treats a master_password of %s as not set', (_case, password) => {
    expect(judge(rule, ADDR, cluster({ ...MANAGED, master_password: password }))).toEqual(OK);
  });

  it('rejects a master_password from a variable too (it still lands in state), naming each problem once', () => {
    expect(judge(rule, ADDR, cluster({ ...MANAGED, master_password: '${var.pw}' }))).toEqual([
      {
        outcome: 'non-compliant',
        message:
          'master_password is set, so the password is stored in the Terraform state; use manage_master_user_password',
        attribute: 'master_password',
      },
    ]);
  });

  it('says the password is not managed, and does not ask for a secret key then', () => {
    expect(judge(rule, ADDR, cluster({}))).toEqual([
      {
        outcome: 'non-compliant',
        message: 'manage_master_user_password is not set (the provider default is false); it must be true',
        attribute: 'manage_master_user_password',
      },
    ]);
    expect(judge(rule, ADDR, cluster({ manage_master_user_password: false }))).toEqual([
      {
        outcome: 'non-compliant',
        message: 'manage_master_user_password is false; it must be true',
        attribute: 'manage_master_user_password',
      },
    ]);
  });

  it('cannot judge the switch from a variable, nor the key behind it', () => {
    expect(judge(rule, ADDR, cluster({ manage_master_user_password: '${var.managed}' }))).toEqual([
      unresolved('manage_master_user_password', '${var.managed}'),
    ]);
  });
});
