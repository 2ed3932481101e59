/** aspects/rules/key-policies.ts: which policy governs a KMS key (its own, or an aws_kms_key_policy). */
import { TfModel } from '../../../aspects/core/model';
import { keyPolicyOf } from '../../../aspects/rules/key-policies';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });
const DOC = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}';

describe('keyPolicyOf', () => {
  it('keyPolicyOf: a key policy resource replaces the key policy; an unknowable one leaves an absent policy unresolved', () => {
    const m = model({
      aws_kms_key: { own: { policy: DOC }, replaced: { policy: DOC }, bare: {} },
      aws_kms_key_policy: {
        p: { key_id: '${aws_kms_key.replaced.id}', policy: '{"Statement":[]}' },
        q: { key_id: '${var.key}' },
      },
    });
    const k = (n: string) => m.byAddress(`aws_kms_key.${n}`)!;
    expect(keyPolicyOf(m, k('replaced'))).toEqual({
      attribute: 'aws_kms_key_policy.p.policy',
      document: { kind: 'document', statements: [] },
    });
    const own = keyPolicyOf(m, k('own'));
    expect(own.attribute).toBe('policy');
    expect(own.document.kind).toBe('document');
    expect(own.unknownLink).toBeUndefined();
    expect(keyPolicyOf(m, k('bare'))).toEqual({
      attribute: 'policy',
      document: { kind: 'absent' },
      unknownLink: {
        resource: m.byAddress('aws_kms_key_policy.q'),
        attribute: 'aws_kms_key_policy.q.key_id',
        expression: '${var.key}',
      },
    });
    const clean = model({ aws_kms_key: { bare: {} } });
    expect(keyPolicyOf(clean, clean.byAddress('aws_kms_key.bare')!)).toEqual({
      attribute: 'policy',
      document: { kind: 'absent' },
    });
  });
});
