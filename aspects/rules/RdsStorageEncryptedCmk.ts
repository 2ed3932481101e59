import { defineRule } from '../core/rule';
import { requireBool, requireCmk } from './requirements';
import { allOf } from './requirements';

export default defineRule({
  id: 'RdsStorageEncryptedCmk',
  description: 'Every Aurora cluster encrypts its storage with a customer-managed KMS key.',
  fix: 'set storage_encrypted = true and kms_key_id to a customer-managed aws_kms_key',
  severity: 'critical',
  controls: {
    pciDss: ['3.5.1'],
    securityHub: ['RDS.27'],
    cdkNag: [
      'AwsSolutions-RDS2',
      'HIPAA.Security-RDSStorageEncrypted',
      'NIST.800.53.R5-RDSStorageEncrypted',
      'PCI.DSS.321-RDSStorageEncrypted',
    ],
    checkov: ['CKV_AWS_96', 'CKV_AWS_327'],
  },
  appliesTo: ['aws_rds_cluster'],
  injectedBy: 'kms',
  injectedFix:
    "leave storage_encrypted and kms_key_id unset so the gate turns encryption on with the policy's data key",
  keyPurpose: 'data',
  evaluate: (r, ctx) =>
    allOf(requireBool(r, 'storage_encrypted', true, false), requireCmk(r, 'kms_key_id', ctx)),
});
