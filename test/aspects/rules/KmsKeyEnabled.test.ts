import rule from '../../../aspects/rules/KmsKeyEnabled';
import { judge, outcomeOf } from '../../support/rule-harness';

const run = (cfg: Record<string, unknown>) =>
  judge(rule, 'aws_kms_key.k', { resource: { aws_kms_key: { k: cfg } } });

describe('KmsKeyEnabled', () => {
  it('accepts a key that does not set is_enabled (enabled by default) or sets it true', () => {
    expect(outcomeOf(run({}))).toBe('compliant');
    expect(outcomeOf(run({ is_enabled: true }))).toBe('compliant');
  });
  it('rejects a disabled key', () => {
    const [r] = run({ is_enabled: false });
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('is_enabled is false');
  });
  it('reports a variable as unresolved', () => {
    expect(outcomeOf(run({ is_enabled: '${var.on}' }))).toBe('unresolved');
  });
});
