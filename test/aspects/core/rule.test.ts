/**
 * The result constructors and defineRule (aspects/core/rule.ts): the exact results rules return, the
 * messages of unresolved values (a cross-stack reference says so), and frozen rule literals.
 */
import {
  compliant,
  compliantWithWarning,
  defineRule,
  nonCompliant,
  notApplicable,
  unresolved,
} from '../../../aspects/core/rule';

describe('result constructors', () => {
  it('compliant(): one shared, frozen result without a message', () => {
    expect(compliant()).toStrictEqual({ outcome: 'compliant', message: undefined });
    expect(compliant()).toBe(compliant());
    expect(Object.isFrozen(compliant())).toBe(true);
  });

  it('compliant(message): a compliant result that explains itself', () => {
    expect(compliant('kept by the archive')).toStrictEqual({
      outcome: 'compliant',
      message: 'kept by the archive',
    });
  });

  it('compliantWithWarning: compliant, with the warning and the attribute', () => {
    expect(compliantWithWarning('runtime ends soon', 'runtime')).toStrictEqual({
      outcome: 'compliant',
      warning: 'runtime ends soon',
      attribute: 'runtime',
    });
    expect(compliantWithWarning('w')).toStrictEqual({
      outcome: 'compliant',
      warning: 'w',
      attribute: undefined,
    });
  });

  it('nonCompliant and notApplicable carry their message', () => {
    expect(nonCompliant('wrong', 'acl')).toStrictEqual({
      outcome: 'non-compliant',
      message: 'wrong',
      attribute: 'acl',
    });
    expect(notApplicable('no logs')).toStrictEqual({ outcome: 'not-applicable', message: 'no logs' });
    expect(notApplicable()).toStrictEqual({ outcome: 'not-applicable', message: undefined });
  });

  it('unresolved: a value that cannot be judged before apply', () => {
    expect(unresolved('kms_key_id', '${var.key}')).toStrictEqual({
      outcome: 'unresolved',
      attribute: 'kms_key_id',
      message:
        'kms_key_id is "${var.key}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
    });
  });

  it('unresolved: a cross-stack reference says that each stack is judged on its own', () => {
    const expression = '${data.terraform_remote_state.cross-stack-reference-input-keys.outputs.arn}';
    expect(unresolved('kms_key_id', expression)).toStrictEqual({
      outcome: 'unresolved',
      attribute: 'kms_key_id',
      message: `kms_key_id is "${expression}", a cross-stack reference (terraform_remote_state of another stack): each stack is judged on its own, so the value cannot be judged here; declare what the stack needs in the stack itself (e.g. its own key for the policy), or give the literal ARN and list it in the policy's trustedKeyArns`,
    });
  });
});

describe('defineRule', () => {
  it('returns the rule itself, frozen', () => {
    const literal = {
      id: 'R',
      description: 'R holds.',
      fix: 'fix R',
      severity: 'low' as const,
      controls: {},
      appliesTo: ['aws_s3_bucket'],
      evaluate: () => compliant(),
    };
    const rule = defineRule(literal);
    expect(rule).toBe(literal);
    expect(Object.isFrozen(rule)).toBe(true);
  });
});
