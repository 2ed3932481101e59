import rule from '../../../aspects/rules/RequiredTags';
import { unresolved } from '../../../aspects/core/rule';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { judge } from '../../support/rule-harness';

const ADDR = 'aws_sqs_queue.q';
const OK = [{ outcome: 'compliant', message: undefined }];
const REQUIRED = { Environment: 'production', CostCenter: 'payments' };
/** A queue with `tags`, under an aws provider whose default_tags are `defaults` (none when undefined). */
const run = (tags: unknown, defaults?: Record<string, unknown>) =>
  judge(rule, ADDR, {
    resource: { aws_sqs_queue: { q: tags === undefined ? {} : { tags } } },
    provider: defaults ? { aws: [{ default_tags: [{ tags: defaults }] }] } : undefined,
    taggableTypes: ['aws_sqs_queue'],
  });
const wrong = (message: string) => ({ outcome: 'non-compliant', message, attribute: 'tags' });

describe('RequiredTags', () => {
  it('accepts every required tag with the policy value, on the resource or from the provider default_tags', () => {
    expect(run(REQUIRED)).toEqual(OK);
    expect(run(undefined, REQUIRED)).toEqual(OK);
    expect(run({ Environment: 'production' }, { CostCenter: 'payments' })).toEqual(OK);
    expect(run({ ...REQUIRED, Team: 'anyone' })).toEqual(OK);
  });

  it('lets the resource’s own tags override the provider default_tags', () => {
    expect(run({ CostCenter: 'marketing' }, REQUIRED)).toEqual([
      wrong('tag CostCenter is "marketing"; it must be "payments"'),
    ]);
    expect(run({ CostCenter: 'payments' }, { ...REQUIRED, CostCenter: 'marketing' })).toEqual(OK);
  });

  it('reports each missing tag, in policy order, with the value it must have', () => {
    expect(run(undefined)).toEqual([
      wrong('tag Environment is missing; it must be "production"'),
      wrong('tag CostCenter is missing; it must be "payments"'),
    ]);
    expect(run({ Environment: 'production' })).toEqual([
      wrong('tag CostCenter is missing; it must be "payments"'),
    ]);
  });

  it('rejects a wrong value, quoting it', () => {
    expect(run({ Environment: 'staging', CostCenter: 'payments' })).toEqual([
      wrong('tag Environment is "staging"; it must be "production"'),
    ]);
  });

  it('cannot judge tags from a variable, nor one tag value from a variable', () => {
    expect(run('${var.tags}')).toEqual([unresolved('tags', '${var.tags}')]);
    expect(run({ Environment: '${var.env}', CostCenter: 'payments' })).toEqual([
      unresolved('tags.Environment', '${var.env}'),
    ]);
  });

  it('follows policy.requiredTags', () => {
    const results = judge(rule, ADDR, {
      resource: { aws_sqs_queue: { q: { tags: REQUIRED } } },
      policy: paymentsPolicy({ requiredTags: { Owner: 'pay-team' } }),
    });
    expect(results).toEqual([wrong('tag Owner is missing; it must be "pay-team"')]);
  });
});
