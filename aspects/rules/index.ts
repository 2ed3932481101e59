/**
 * The rule catalogue. One rule per file; the file name is the rule id (a test enforces it, and that
 * every rule file is listed here). Order is the report order.
 */
import type { Rule } from '../core/rule';
// --- logs, tags, tracing (lead)
import LogGroupKmsCmk from './LogGroupKmsCmk';
import LogGroupRetention from './LogGroupRetention';
import LogGroupRetentionOneYear from './LogGroupRetentionOneYear';
import RequiredTags from './RequiredTags';
import LambdaTracingActive from './LambdaTracingActive';
// --- section A imports
import KmsKeyRotation from './KmsKeyRotation';
import KmsKeyPolicyDefined from './KmsKeyPolicyDefined';
import KmsKeyEnabled from './KmsKeyEnabled';
import LogGroupKeyAdmitsLogs from './LogGroupKeyAdmitsLogs';
import SnsTopicKmsCmk from './SnsTopicKmsCmk';
import SnsTopicTlsOnly from './SnsTopicTlsOnly';
import SnsTopicNotPublic from './SnsTopicNotPublic';
import AlarmTopicKeyAdmitsServices from './AlarmTopicKeyAdmitsServices';
import AlarmTopicPolicyAdmitsServices from './AlarmTopicPolicyAdmitsServices';
import AlarmNotifiesTopic from './AlarmNotifiesTopic';
import S3BucketKmsEncryption from './S3BucketKmsEncryption';
import S3BucketPublicAccessBlocked from './S3BucketPublicAccessBlocked';
import S3BucketTlsOnly from './S3BucketTlsOnly';
import S3BucketPolicyNotPublic from './S3BucketPolicyNotPublic';
import S3BucketVersioning from './S3BucketVersioning';
import S3BucketLifecycle from './S3BucketLifecycle';
import S3BucketOwnershipEnforced from './S3BucketOwnershipEnforced';
import IamNoWildcardActions from './IamNoWildcardActions';
import IamNoWildcardResources from './IamNoWildcardResources';
import VpcFlowLogs from './VpcFlowLogs';
import DefaultSecurityGroupClosed from './DefaultSecurityGroupClosed';
import SecurityGroupNoPublicIngress from './SecurityGroupNoPublicIngress';
import SecretKmsCmk from './SecretKmsCmk';
import SqsQueueKmsCmk from './SqsQueueKmsCmk';
import SqsQueueNotPublic from './SqsQueueNotPublic';
// --- end section A imports
// --- section B imports
import LambdaLogGroupDeclared from './LambdaLogGroupDeclared';
import LambdaInsideVpc from './LambdaInsideVpc';
import LambdaRuntimeCurrent from './LambdaRuntimeCurrent';
import LambdaEnvironmentKmsCmk from './LambdaEnvironmentKmsCmk';
import LambdaEnvironmentNoSecrets from './LambdaEnvironmentNoSecrets';
import LambdaConcurrencyLimit from './LambdaConcurrencyLimit';
import LambdaExplicitLimits from './LambdaExplicitLimits';
import LambdaPermissionScoped from './LambdaPermissionScoped';
import ApiStageTracing from './ApiStageTracing';
import ApiStageAccessLogging from './ApiStageAccessLogging';
import ApiStageExecutionLogGroupDeclared from './ApiStageExecutionLogGroupDeclared';
import ApiStageMethodSettings from './ApiStageMethodSettings';
import ApiDeploymentNoStageName from './ApiDeploymentNoStageName';
import ApiMethodSettingsLogging from './ApiMethodSettingsLogging';
import ApiMethodSettingsNoDataTrace from './ApiMethodSettingsNoDataTrace';
import ApiCacheEncrypted from './ApiCacheEncrypted';
import ApiMethodAuthorization from './ApiMethodAuthorization';
import RdsStorageEncryptedCmk from './RdsStorageEncryptedCmk';
import RdsIamAuth from './RdsIamAuth';
import RdsDeletionProtection from './RdsDeletionProtection';
import RdsLogExports from './RdsLogExports';
import RdsLogGroupDeclared from './RdsLogGroupDeclared';
import RdsBackupRetention from './RdsBackupRetention';
import RdsManagedSecretCmk from './RdsManagedSecretCmk';
import RdsInstanceNotPublic from './RdsInstanceNotPublic';
import RdsPerformanceInsightsCmk from './RdsPerformanceInsightsCmk';
import RdsCopyTagsToSnapshot from './RdsCopyTagsToSnapshot';
import CanaryArtifactsKmsCmk from './CanaryArtifactsKmsCmk';
import CanaryTracingActive from './CanaryTracingActive';
import CanaryRuntimeCurrent from './CanaryRuntimeCurrent';
import XrayEncryptionCmk from './XrayEncryptionCmk';
import FirehoseEncryptedCmk from './FirehoseEncryptedCmk';
// --- end section B imports

export const CATALOGUE: readonly Rule[] = [
  RequiredTags,
  LogGroupKmsCmk,
  LogGroupRetention,
  LogGroupRetentionOneYear,
  LambdaTracingActive,
  // --- section A rules
  KmsKeyRotation,
  KmsKeyPolicyDefined,
  KmsKeyEnabled,
  LogGroupKeyAdmitsLogs,
  SnsTopicKmsCmk,
  SnsTopicTlsOnly,
  SnsTopicNotPublic,
  AlarmTopicKeyAdmitsServices,
  AlarmTopicPolicyAdmitsServices,
  AlarmNotifiesTopic,
  S3BucketKmsEncryption,
  S3BucketPublicAccessBlocked,
  S3BucketTlsOnly,
  S3BucketPolicyNotPublic,
  S3BucketVersioning,
  S3BucketLifecycle,
  S3BucketOwnershipEnforced,
  IamNoWildcardActions,
  IamNoWildcardResources,
  VpcFlowLogs,
  DefaultSecurityGroupClosed,
  SecurityGroupNoPublicIngress,
  SecretKmsCmk,
  SqsQueueKmsCmk,
  SqsQueueNotPublic,
  // --- end section A rules
  // --- section B rules
  LambdaLogGroupDeclared,
  LambdaInsideVpc,
  LambdaRuntimeCurrent,
  LambdaEnvironmentKmsCmk,
  LambdaEnvironmentNoSecrets,
  LambdaConcurrencyLimit,
  LambdaExplicitLimits,
  LambdaPermissionScoped,
  ApiStageTracing,
  ApiStageAccessLogging,
  ApiStageExecutionLogGroupDeclared,
  ApiStageMethodSettings,
  ApiDeploymentNoStageName,
  ApiMethodSettingsLogging,
  ApiMethodSettingsNoDataTrace,
  ApiCacheEncrypted,
  ApiMethodAuthorization,
  RdsStorageEncryptedCmk,
  RdsIamAuth,
  RdsDeletionProtection,
  RdsLogExports,
  RdsLogGroupDeclared,
  RdsBackupRetention,
  RdsManagedSecretCmk,
  RdsInstanceNotPublic,
  RdsPerformanceInsightsCmk,
  RdsCopyTagsToSnapshot,
  CanaryArtifactsKmsCmk,
  CanaryTracingActive,
  CanaryRuntimeCurrent,
  XrayEncryptionCmk,
  FirehoseEncryptedCmk,
  // --- end section B rules
];
