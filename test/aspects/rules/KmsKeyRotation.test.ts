import rule from '../../../aspects/rules/KmsKeyRotation';
import { judge, outcomeOf } from '../../support/rule-harness';

const key = (cfg: Record<string, unknown>) => ({ resource: { aws_kms_key: { k: cfg } } });
const run = (cfg: Record<string, unknown>) => judge(rule, 'aws_kms_key.k', key(cfg));

describe('KmsKeyRotation', () => {
  it('accepts a symmetric key with rotation on', () => {
    expect(outcomeOf(run({ enable_key_rotation: true }))).toBe('compliant');
    expect(outcomeOf(run({ enable_key_rotation: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT' }))).toBe(
      'compliant',
    );
  });
  it('rejects a key whose rotation was left at the provider default (off)', () => {
    const [r] = run({});
    expect(r.outcome).toBe('non-compliant');
    expect(r.message).toContain('not set');
  });
  it('rejects a key with enable_key_rotation false', () => {
    const [r] = run({ enable_key_rotation: false });
    expect(r.outcome).toBe('non-compliant');
    expect(r.attribute).toBe('enable_key_rotation');
  });
  it('does not apply to asymmetric and HMAC keys, which cannot rotate', () => {
    expect(outcomeOf(run({ customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' }))).toBe(
      'not-applicable',
    );
    expect(outcomeOf(run({ customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' }))).toBe(
      'not-applicable',
    );
  });
  it('does not apply to a key in a custom key store', () => {
    expect(outcomeOf(run({ custom_key_store_id: 'cks-1234' }))).toBe('not-applicable');
  });
  it('reports a variable rotation flag or key spec as unresolved', () => {
    expect(outcomeOf(run({ enable_key_rotation: '${var.rotate}' }))).toBe('unresolved');
    expect(outcomeOf(run({ enable_key_rotation: true, customer_master_key_spec: '${var.spec}' }))).toBe(
      'unresolved',
    );
  });
});
