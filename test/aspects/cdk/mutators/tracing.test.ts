/**
 * TracingMutator (aspects/cdk/mutators/tracing.ts): active tracing turned on for Lambda functions, API
 * Gateway stages and Synthetics canaries where it was left out, explicit choices kept, and nothing done
 * when the policy does not require tracing.
 */
import type { Construct } from 'constructs';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SyntheticsCanary } from '@cdktf/provider-aws/lib/synthetics-canary';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { TracingMutator, paymentsPolicy } from '@payments-compliance/gate';
import { KEYS, lambdaProps, mutate } from '../../../support/mutator-harness';

const policy = paymentsPolicy({ keys: KEYS });

describe('TracingMutator', () => {
  const build = (s: Construct) => {
    new LambdaFunction(s, 'fn', lambdaProps);
    new LambdaFunction(s, 'passthrough', {
      ...lambdaProps,
      functionName: 'g',
      tracingConfig: { mode: 'PassThrough' },
    });
    new ApiGatewayStage(s, 'stage', { restApiId: 'a', stageName: 'v1', deploymentId: 'd' });
    new ApiGatewayStage(s, 'off', {
      restApiId: 'a',
      stageName: 'v2',
      deploymentId: 'd',
      xrayTracingEnabled: false,
    });
    const canary = {
      artifactS3Location: 's3://b/',
      executionRoleArn: 'r',
      handler: 'h',
      runtimeVersion: 'syn-nodejs-puppeteer-9.1',
      schedule: { expression: 'rate(5 minutes)' },
    };
    new SyntheticsCanary(s, 'canary', { ...canary, name: 'c1' });
    new SyntheticsCanary(s, 'canary-timeout', { ...canary, name: 'c2', runConfig: { timeoutInSeconds: 60 } });
    new SyntheticsCanary(s, 'canary-off', { ...canary, name: 'c3', runConfig: { activeTracing: false } });
  };

  it('turns on active tracing where it was left out and keeps explicit choices', () => {
    const r = mutate(new TracingMutator(policy), build);
    expect(r.aws_lambda_function.fn.tracing_config).toEqual({ mode: 'Active' });
    expect(r.aws_lambda_function.passthrough.tracing_config).toEqual({ mode: 'PassThrough' });
    expect(r.aws_api_gateway_stage.stage.xray_tracing_enabled).toBe(true);
    expect(r.aws_api_gateway_stage.off.xray_tracing_enabled).toBe(false);
    expect(r.aws_synthetics_canary.canary.run_config).toEqual({ active_tracing: true });
    expect(r.aws_synthetics_canary['canary-timeout'].run_config).toEqual({
      active_tracing: true,
      timeout_in_seconds: 60,
    });
    expect(r.aws_synthetics_canary['canary-off'].run_config).toEqual({ active_tracing: false });
  });

  it('does nothing when the policy does not require tracing', () => {
    const r = mutate(new TracingMutator(paymentsPolicy({ tracing: false })), build);
    expect(r.aws_lambda_function.fn.tracing_config).toBeUndefined();
    expect(r.aws_api_gateway_stage.stage.xray_tracing_enabled).toBeUndefined();
    expect(r.aws_synthetics_canary.canary.run_config).toBeUndefined();
  });
});
