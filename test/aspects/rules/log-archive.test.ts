/** aspects/rules/log-archive.ts: the archive path of a log group, as LogGroupRetentionOneYear reads it. */
import { TfModel } from '../../../aspects/core/model';
import { archivePathOf } from '../../../aspects/rules/log-archive';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;
const model = (resource: Blocks) => new TfModel({ resource }, { taggableTypes: [] });

describe('archivePathOf', () => {
  it("is of kind 'none', with the reasons, for a group that no subscription filter archives", () => {
    const m = model({ aws_cloudwatch_log_group: { g: { name: '/ledger/app', retention_in_days: 90 } } });
    const group = m.byAddress('aws_cloudwatch_log_group.g');
    if (!group) throw new Error('test setup: no group');
    expect(archivePathOf(m, group, 365)).toEqual({
      kind: 'none',
      reasons: ['no aws_cloudwatch_log_subscription_filter sends the group to an archive'],
    });
  });
});
