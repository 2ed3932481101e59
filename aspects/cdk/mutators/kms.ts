/**
 * KmsKeyMutator — mutates. Where an encryption setting was left out, injects the customer-managed key
 * the policy declares for that purpose (see KEY_PURPOSE_OF):
 * log groups, SNS topics, S3 bucket default encryption, canary artifacts, Aurora storage, Performance
 * Insights and the managed master secret, Secrets Manager secrets, Lambda environment variables, X-Ray
 * encryption, Firehose delivery streams.
 *
 * Invariants: idempotent; keys come from the policy (declared before synthesis), never created here;
 * an explicit choice (an AWS-managed key, `AES256`, `SSE_S3`, encryption turned off, a token) is never
 * overwritten — the KMS rules judge it. When the policy declares no key for a purpose, nothing is
 * injected and the matching rule reports the gap.
 */
import type { IAspect } from '../engine';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy, KeyPurpose } from '../../core/policy';
import { KEY_PURPOSE_OF } from '../../core/policy';
import type { Mutable } from './util';
import type { MutatorContext } from './util';
import { blockValue, foreignStackOf, isToken, mutable, put, resourceType, setIfAbsent } from './util';

type Injector = (r: Mutable, key: (purpose: KeyPurpose) => string | undefined) => void;

const INJECTORS: Readonly<Record<string, Injector>> = {
  aws_cloudwatch_log_group: (r, key) => setIfAbsent(r, 'kmsKeyId', key(KEY_PURPOSE_OF.logGroup)),
  aws_sns_topic: (r, key) => setIfAbsent(r, 'kmsMasterKeyId', key(KEY_PURPOSE_OF.snsTopic)),
  aws_secretsmanager_secret: (r, key) => setIfAbsent(r, 'kmsKeyId', key(KEY_PURPOSE_OF.secretsManagerSecret)),
  aws_lambda_function: (r, key) => {
    const env = blockValue(r['environmentInput']);
    const vars = env?.['variables'];
    const hasVars = vars !== undefined && (isToken(vars) || Object.keys(vars as object).length > 0);
    if (hasVars) setIfAbsent(r, 'kmsKeyArn', key(KEY_PURPOSE_OF.lambdaEnvironment));
  },
  aws_xray_encryption_config: (r, key) => {
    if (r['typeInput'] === 'KMS') setIfAbsent(r, 'keyId', key(KEY_PURPOSE_OF.xray));
  },
  aws_rds_cluster: (r, key) => {
    setIfAbsent(r, 'storageEncrypted', true);
    if (r['storageEncryptedInput'] === true) setIfAbsent(r, 'kmsKeyId', key(KEY_PURPOSE_OF.rdsStorage));
    if (r['manageMasterUserPasswordInput'] === true) {
      setIfAbsent(r, 'masterUserSecretKmsKeyId', key(KEY_PURPOSE_OF.rdsMasterSecret));
    }
    if (r['performanceInsightsEnabledInput'] === true) {
      setIfAbsent(r, 'performanceInsightsKmsKeyId', key(KEY_PURPOSE_OF.performanceInsights));
    }
  },
  aws_rds_cluster_instance: (r, key) => {
    if (r['performanceInsightsEnabledInput'] === true) {
      setIfAbsent(r, 'performanceInsightsKmsKeyId', key(KEY_PURPOSE_OF.performanceInsights));
    }
  },
  aws_s3_bucket_server_side_encryption_configuration: (r, key) => {
    const k = key(KEY_PURPOSE_OF.s3Bucket);
    const rules = r['ruleInput'];
    if (k === undefined || !Array.isArray(rules) || isToken(rules)) return;
    let changed = false;
    const next = rules.map((raw: unknown) => {
      const rule = blockValue(raw);
      if (!rule) return raw;
      const byDefault = rule['applyServerSideEncryptionByDefault'];
      if (isToken(byDefault)) return raw;
      const d = blockValue(byDefault);
      if (d === undefined) {
        changed = true;
        return {
          ...rule,
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: k },
        };
      }
      if (d['sseAlgorithm'] === 'aws:kms' && d['kmsMasterKeyId'] === undefined) {
        changed = true;
        return { ...rule, applyServerSideEncryptionByDefault: { ...d, kmsMasterKeyId: k } };
      }
      return raw;
    });
    if (changed) put(r, 'Rule', next);
  },
  aws_synthetics_canary: (r, key) => {
    const k = key(KEY_PURPOSE_OF.canaryArtifacts);
    const raw = r['artifactConfigInput'];
    if (k === undefined || isToken(raw)) return;
    const artifact = blockValue(raw) ?? {};
    const enc = artifact['s3Encryption'];
    if (isToken(enc)) return;
    const e = blockValue(enc);
    if (e === undefined) {
      put(r, 'ArtifactConfig', { ...artifact, s3Encryption: { encryptionMode: 'SSE_KMS', kmsKeyArn: k } });
    } else if ((e['encryptionMode'] ?? 'SSE_KMS') === 'SSE_KMS' && e['kmsKeyArn'] === undefined) {
      put(r, 'ArtifactConfig', {
        ...artifact,
        s3Encryption: { ...e, encryptionMode: 'SSE_KMS', kmsKeyArn: k },
      });
    }
  },
  aws_kinesis_firehose_delivery_stream: (r, key) => {
    const k = key(KEY_PURPOSE_OF.firehose);
    // Server-side encryption applies to Direct PUT streams only (Kinesis and MSK sources bring their own).
    if (
      k === undefined ||
      r['kinesisSourceConfigurationInput'] !== undefined ||
      r['mskSourceConfigurationInput'] !== undefined
    ) {
      return;
    }
    const raw = r['serverSideEncryptionInput'];
    if (isToken(raw)) return;
    const sse = blockValue(raw);
    if (sse === undefined) {
      put(r, 'ServerSideEncryption', { enabled: true, keyType: 'CUSTOMER_MANAGED_CMK', keyArn: k });
    }
  },
};

/** Resource types whose encryption settings this mutator fills in. */
export const KMS_INJECTED_TYPES: readonly string[] = Object.keys(INJECTORS);

export class KmsKeyMutator implements IAspect {
  constructor(
    private readonly policy: CompliancePolicy,
    private readonly context: MutatorContext = { report: () => undefined },
  ) {}

  visit(node: IConstruct): void {
    const type = resourceType(node);
    if (type === undefined) return;
    const inject = INJECTORS[type];
    if (inject) inject(mutable(node), (purpose) => this.keyFor(purpose, node));
  }

  /**
   * The policy's key for a purpose, unless it belongs to another stack: injected after CDKTF prepared its
   * cross-stack references, such a key would resolve as a reference to this stack (to a key of the same
   * construct id here, or to nothing), so it is not injected and the problem is reported instead.
   */
  private keyFor(purpose: KeyPurpose, node: IConstruct): string | undefined {
    const key = this.policy.keys[purpose];
    if (key === undefined) return undefined;
    const origin = foreignStackOf(key, node);
    if (origin === undefined) return key;
    this.context.report(
      node,
      `[compliance/CrossStackKey] the policy's ${purpose} key is declared in stack ${origin}, and each stack is deployed and judged on its own, so it is not injected here: declare a ${purpose} key in this stack and apply a policy per stack, or pass the key's literal ARN and list it in trustedKeyArns`,
    );
    return undefined;
  }
}
