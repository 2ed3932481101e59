import rule from '../../../aspects/rules/ApiDeploymentNoStageName';
import { judge } from '../../support/rule-harness';

const run = (cfg: Record<string, unknown>) =>
  judge(rule, 'aws_api_gateway_deployment.d', {
    resource: {
      aws_api_gateway_deployment: { d: { rest_api_id: '${aws_api_gateway_rest_api.api.id}', ...cfg } },
    },
  });
const creates = (name: string) => ({
  outcome: 'non-compliant',
  attribute: 'stage_name',
  message: `stage_name is "${name}": the deployment creates that stage itself, without access logs, tracing or method settings, and no aws_api_gateway_stage describes it for the stage rules to judge`,
});

describe('ApiDeploymentNoStageName', () => {
  // Regression (issue 13): the stage a deployment created had no logs or tracing, and no stage rule saw it.
  it('refuses a deployment that creates its stage through stage_name', () => {
    expect(run({ stage_name: 'prod' })).toEqual([creates('prod')]);
    expect(run({ stage_name: 7 })).toEqual([creates('7')]);
  });
  it('accepts a deployment without stage_name, or with an empty one (the provider creates no stage)', () => {
    expect(run({})).toEqual([{ outcome: 'compliant', message: undefined }]);
    expect(run({ stage_name: null })).toEqual([{ outcome: 'compliant', message: undefined }]);
    expect(run({ stage_name: '' })).toEqual([{ outcome: 'compliant', message: undefined }]);
  });
  it('cannot judge a stage name from a variable', () => {
    expect(run({ stage_name: '${var.stage}' })).toEqual([
      {
        outcome: 'unresolved',
        attribute: 'stage_name',
        message:
          'stage_name is "${var.stage}", which cannot be judged before apply; set a literal value or a reference to a resource in this stack',
      },
    ]);
  });
});
