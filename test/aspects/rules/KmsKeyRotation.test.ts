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

describe('KmsKeyRotation messages', () => {
  it.each([
    [
      'an asymmetric customer_master_key_spec',
      { customer_master_key_spec: 'RSA_2048' },
      {
        outcome: 'not-applicable',
        message: 'customer_master_key_spec is "RSA_2048"; only symmetric keys support automatic rotation',
      },
    ],
    [
      'an HMAC key_spec',
      { key_spec: 'HMAC_256' },
      {
        outcome: 'not-applicable',
        message: 'key_spec is "HMAC_256"; only symmetric keys support automatic rotation',
      },
    ],
    [
      'a key spec from a variable',
      { key_spec: '${var.spec}' },
      {
        outcome: 'unresolved',
        attribute: 'key_spec',
        message:
          'key_spec is "${var.spec}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ],
    [
      'a custom key store',
      { custom_key_store_id: 'cks-1234' },
      {
        outcome: 'not-applicable',
        message: 'the key lives in a custom key store, where AWS KMS does not rotate keys automatically',
      },
    ],
    [
      'an empty custom key store id with rotation off',
      { custom_key_store_id: '', enable_key_rotation: false },
      {
        outcome: 'non-compliant',
        message: 'enable_key_rotation is false; it must be true',
        attribute: 'enable_key_rotation',
      },
    ],
  ])('judges %s', (_, cfg, expected) => {
    expect(run(cfg)).toEqual([expected]);
  });
});
