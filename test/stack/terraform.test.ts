/**
 * The synthesized stack, judged by real Terraform and the real hashicorp/aws 5.100.0 provider (from the
 * filesystem mirror when one exists), offline: fake credentials + `-var offline=true`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SynthResult } from '../support/synth';
import { synthPaymentsStack } from '../support/synth';
import type { TfPlanJson, TfRun } from '../support/terraform';
import {
  cliConfig,
  initOnce,
  planOffline,
  plannedResources,
  terraformAvailable,
  terraformOk,
} from '../support/terraform';

const available = terraformAvailable();
const describeTf = available ? describe : describe.skip;
if (!available) console.warn('terraform is not on PATH: the Terraform tests are skipped');

const REQUIRED_TAGS = { Environment: 'production', CostCenter: 'payments' };

describeTf('terraform (real provider, offline)', () => {
  let s: SynthResult;
  let init: TfRun | undefined;
  let plan: TfPlanJson;
  let planRun: TfRun;

  beforeAll(() => {
    s = synthPaymentsStack();
    init = initOnce(s.stackDir);
    ({ plan, planRun } = planOffline(s.stackDir));
  }, 900_000);

  it('installs hashicorp/aws 5.100.0 (from the mirror when one is detected)', () => {
    const config = cliConfig();
    const text = fs.readFileSync(config.configFile, 'utf8');
    if (config.mirror) expect(text).toContain(`path    = ${JSON.stringify(config.mirror)}`);
    else expect(text).not.toContain('provider_installation');
    expect(init?.status).toBe(0);
    const lock = fs.readFileSync(path.join(s.stackDir, '.terraform.lock.hcl'), 'utf8');
    expect(lock).toContain('provider "registry.terraform.io/hashicorp/aws"');
    expect(lock).toContain('version     = "5.100.0"');
  });

  it('validates with no errors and no warnings', () => {
    const r = terraformOk(s.stackDir, ['validate', '-json', '-no-color']);
    const v = JSON.parse(r.stdout) as {
      valid: boolean;
      error_count: number;
      warning_count: number;
      diagnostics: unknown[];
    };
    expect(v.valid).toBe(true);
    expect(v.error_count).toBe(0);
    expect(v.diagnostics).toEqual([]);
    expect(v.warning_count).toBe(0);
  });

  it('plans every synthesized resource for creation, offline', () => {
    expect(planRun.status).toBe(0);
    const synthesized = Object.values(s.json.resource).reduce(
      (n, byName) => n + Object.keys(byName).length,
      0,
    );
    const creates = (plan.resource_changes ?? []).filter((c) => c.change.actions.join(',') === 'create');
    expect(creates).toHaveLength(synthesized);
    expect(plan.terraform_version).toMatch(/^1\./);
  });

  it('every planned resource with tags_all carries Environment=production and CostCenter=payments', () => {
    const tagged = plannedResources(plan).filter((r) => 'tags_all' in r.values);
    expect(tagged.length).toBeGreaterThan(50);
    for (const r of tagged) {
      const tagsAll = (r.values['tags_all'] ?? {}) as Record<string, string>;
      expect({
        address: r.address,
        Environment: tagsAll['Environment'],
        CostCenter: tagsAll['CostCenter'],
      }).toEqual({
        address: r.address,
        ...REQUIRED_TAGS,
      });
    }
  });

  it('resolves the values the stack depends on: 90-day groups, 400-day archive, canary schedule', () => {
    const byType = (t: string) => plannedResources(plan).filter((r) => r.type === t);
    for (const g of byType('aws_cloudwatch_log_group')) {
      const firehoseErrors = String(g.values['name']).startsWith('/aws/kinesisfirehose/');
      expect([g.values['name'], g.values['retention_in_days']]).toEqual([
        g.values['name'],
        firehoseErrors ? 365 : 90,
      ]);
    }
    const lifecycle = byType('aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle).toHaveLength(2);
    const canary = byType('aws_synthetics_canary')[0];
    expect(canary.values['name']).toBe('payments-health');
    expect((canary.values['schedule'] as Array<{ expression: string }>)[0].expression).toBe(
      'rate(5 minutes)',
    );
    const subnets = byType('aws_subnet').map((r) => r.values['cidr_block']);
    expect(subnets.sort()).toEqual(['10.20.0.0/20', '10.20.16.0/20']);
  });
});
