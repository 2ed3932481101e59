import rule from '../../../aspects/rules/SecretKmsCmk';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const run = (cfg: Record<string, unknown>) =>
  judge(rule, 'aws_secretsmanager_secret.s', { resource: { ...CMK, aws_secretsmanager_secret: { s: cfg } } });

describe('SecretKmsCmk', () => {
  it('accepts a secret encrypted with a key of the stack', () => {
    expect(outcomeOf(run({ kms_key_id: CMK_ARN }))).toBe('compliant');
  });
  it('rejects a secret without kms_key_id (aws/secretsmanager)', () => {
    const [r] = run({});
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('kms_key_id');
  });
  it('rejects alias/aws/secretsmanager', () => {
    expect(outcomeOf(run({ kms_key_id: 'alias/aws/secretsmanager' }))).toBe('non-compliant');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(run({ kms_key_id: '${var.key}' }))).toBe('unresolved');
  });
});
