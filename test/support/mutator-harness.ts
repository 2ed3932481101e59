/**
 * Fixtures for the mutator tests (test/aspects/cdk/mutators/): a real stack synthesized with only the
 * given aspects (no checker), read back as JSON, and the props of the resource types the mutators touch.
 */
import { Aspects, TerraformStack, TerraformVariable, Testing, Token } from 'cdktf';
import type { IAspect } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';

/** One key per purpose, as literal ARNs. */
export const KEYS = {
  logs: 'arn:aws:kms:us-east-1:123456789012:key/logs',
  alerting: 'arn:aws:kms:us-east-1:123456789012:key/alerting',
  data: 'arn:aws:kms:us-east-1:123456789012:key/data',
};

export type Resources = Record<string, Record<string, Record<string, unknown>>>;
export interface Synth {
  resource: Resources;
  data?: Resources;
}

/** Synthesizes `build` in a stack with an AWS provider and the given aspects (no checker); returns the JSON. */
export function synth(aspects: IAspect[], build: (s: Construct) => void): Synth {
  const stack = new TerraformStack(Testing.app(), 's');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  build(stack);
  for (const a of aspects) Aspects.of(stack).add(a);
  return JSON.parse(Testing.synth(stack)) as Synth;
}

/** Synthesizes `build` with one mutator and returns the resource bodies by type and id. */
export function mutate(aspect: IAspect, build: (s: Construct) => void): Resources {
  return synth([aspect], build).resource;
}

/** An unresolved value of any shape, as a block or map the author computed in Terraform. */
export function tokenOf(s: Construct, id: string): unknown {
  return Token.asAny(new TerraformVariable(s, id, { type: 'any' }).value);
}

export const lambdaProps = {
  functionName: 'f',
  role: 'arn:aws:iam::123456789012:role/r',
  runtime: 'nodejs20.x',
  handler: 'index.handler',
  s3Bucket: 'b',
  s3Key: 'k',
};

export const canaryProps = {
  artifactS3Location: 's3://b/',
  executionRoleArn: 'r',
  handler: 'h',
  runtimeVersion: 'syn-nodejs-puppeteer-9.1',
  schedule: { expression: 'rate(5 minutes)' },
};

export const firehoseProps = {
  destination: 'extended_s3',
  extendedS3Configuration: { bucketArn: 'arn:aws:s3:::b', roleArn: 'r' },
};
