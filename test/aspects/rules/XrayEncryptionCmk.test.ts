import rule from '../../../aspects/rules/XrayEncryptionCmk';
import { unresolved } from '../../../aspects/core/rule';
import { CMK, CMK_ARN, judge, outcomeOf } from '../../support/rule-harness';

const ADDR = 'aws_xray_encryption_config.x';
const config = (cfg: Record<string, unknown>) => ({
  resource: { ...CMK, aws_xray_encryption_config: { x: cfg } },
});

describe('XrayEncryptionCmk', () => {
  it('accepts KMS with a key declared in the stack', () => {
    expect(outcomeOf(judge(rule, ADDR, config({ type: 'KMS', key_id: CMK_ARN })))).toBe('compliant');
  });
  it('rejects type NONE, reporting the type and the missing key', () => {
    const results = judge(rule, ADDR, config({ type: 'NONE' }));
    expect(results.map((r) => r.attribute)).toEqual(['type', 'key_id']);
    expect(results[0].message).toContain('"NONE"');
  });
  it('rejects KMS with the AWS-managed X-Ray key', () => {
    expect(outcomeOf(judge(rule, ADDR, config({ type: 'KMS', key_id: 'alias/aws/xray' })))).toBe(
      'non-compliant',
    );
  });
  it('reports a key from a variable as unresolved', () => {
    expect(outcomeOf(judge(rule, ADDR, config({ type: 'KMS', key_id: '${var.key}' })))).toBe('unresolved');
  });

  const NOT_KMS = (actual: string) => ({
    outcome: 'non-compliant',
    message: `type is ${actual}, so traces are encrypted with an AWS-owned key; it must be "KMS"`,
    attribute: 'type',
  });

  it('rejects a type left out or NONE, saying which', () => {
    expect(judge(rule, ADDR, config({ key_id: CMK_ARN }))).toEqual([NOT_KMS('not set')]);
    expect(judge(rule, ADDR, config({ type: 'NONE', key_id: CMK_ARN }))).toEqual([NOT_KMS('"NONE"')]);
  });

  it('names the type or key it cannot judge', () => {
    expect(judge(rule, ADDR, config({ type: '${var.type}', key_id: CMK_ARN }))).toEqual([
      unresolved('type', '${var.type}'),
    ]);
    expect(judge(rule, ADDR, config({ type: 'KMS', key_id: '${var.key}' }))).toEqual([
      unresolved('key_id', '${var.key}'),
    ]);
  });
});
