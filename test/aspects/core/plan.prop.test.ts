/**
 * Law: for generated stacks, judging the synthesized cdk.tf.json and judging the real Terraform plan of
 * that same configuration give the same verdict per resource, rule by rule.
 *
 * Planning is slow (~10 s), so each run batches 1-3 generated stacks into one root configuration (each
 * stack's resources renamed apart, references included: see mergeStacks), which is judged as a
 * cdk.tf.json and planned by the real Terraform, offline, then judged as a plan. Some stacks are synthesized
 * with the gate (they comply), others without it (values left out: they violate), so both verdicts are
 * exercised. 3 runs by default (test/support/fc.ts: FC_NUM_RUNS / FC_RUNS_FACTOR for a soak).
 */
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { evaluate } from '../../../aspects/core/evaluate';
import type { TfConfigJson } from '../../../aspects/core/model';
import { TfModel } from '../../../aspects/core/model';
import { readPlan } from '../../../aspects/core/plan';
import { paymentsPolicy } from '../../../aspects/core/policy';
import { SHIPPED_TAGGABLE_TYPES } from '../../../aspects/core/taggable-types';
import { CATALOGUE } from '../../../aspects/rules';
import { stackArb } from '../../arbitraries/resources';
import { fcParams } from '../../support/fc';
import { GENERATED_POLICY, synthGenerated } from '../../support/gate-harness';
import { initOnce, terraformAvailable, terraformOk } from '../../support/terraform';

const describeTf = terraformAvailable() ? describe : describe.skip;
const policy = paymentsPolicy({ ...GENERATED_POLICY, today: '2026-11-28' });
const rules = CATALOGUE.filter((r) => !policy.disabledRules.includes(r.id));
const taggableTypes = SHIPPED_TAGGABLE_TYPES;

/** `address rule` -> outcome (the worst per pair, as the report does: non-compliant over unresolved over compliant). */
function verdicts(model: TfModel): Map<string, string> {
  const rank: Record<string, number> = {
    'not-applicable': 0,
    compliant: 1,
    unresolved: 2,
    'non-compliant': 3,
  };
  const out = new Map<string, string>();
  for (const f of evaluate(model, policy, rules).findings) {
    const key = `${f.resource.address} ${f.rule.id}`;
    const was = out.get(key);
    if (was === undefined || rank[f.outcome] > rank[was]) out.set(key, f.outcome);
  }
  return out;
}

/**
 * hashicorp/aws 5.100.0 validates `runtime` against a list that predates nodejs24.x (plan fails), so a
 * generated nodejs24.x function is planned as nodejs22.x; both sides judge this same configuration.
 */
function plannable(json: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(json).replace(/"runtime":"nodejs24\.x"/g, '"runtime":"nodejs22.x"'));
}

/** Every string in a JSON value mapped by `f`. */
function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/**
 * One configuration holding every stack of the batch in its root module (as each stack is planned on its
 * own): stack i's resource `type.name` becomes `type.s<i>_name`, in its key and in every reference, and the
 * provider gets the offline settings of test/support/terraform.ts (fake credentials come from its env).
 */
function mergeStacks(stacks: readonly Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, Record<string, Record<string, unknown>>> = { resource: {}, data: {} };
  stacks.forEach((json, i) => {
    const renames: [RegExp, string][] = [];
    for (const block of ['resource', 'data'] as const) {
      const byType = (json[block] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [type, byName] of Object.entries(byType))
        for (const name of Object.keys(byName)) {
          const escaped = `${block === 'data' ? 'data\\.' : ''}${type}\\.${name.replace(/[-]/g, '\\-')}`;
          renames.push([
            new RegExp(`\\b${escaped}(?=[.}\\[\\s,)]|$)`, 'g'),
            `${block === 'data' ? 'data.' : ''}${type}.s${i}_${name}`,
          ]);
        }
    }
    const rename = (s: string) =>
      s.includes('.') ? renames.reduce((t, [re, to]) => t.replace(re, to), s) : s;
    for (const block of ['resource', 'data'] as const) {
      const byType = (json[block] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [type, byName] of Object.entries(byType))
        for (const [name, body] of Object.entries(byName))
          (merged[block][type] ??= {})[`s${i}_${name}`] = mapStrings(body, rename);
    }
  });
  return {
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
    provider: {
      aws: [
        {
          region: 'us-east-1',
          skip_credentials_validation: true,
          skip_requesting_account_id: true,
          skip_metadata_api_check: 'true',
        },
      ],
    },
    resource: merged.resource,
    ...(Object.keys(merged.data).length > 0 ? { data: merged.data } : {}),
  };
}

describeTf('judging a cdk.tf.json and judging its plan agree', () => {
  it('gives the same verdict per resource and rule for generated stacks (gated and ungated)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ stack: stackArb(4), gate: fc.boolean() }), { minLength: 1, maxLength: 3 }),
        (batch) => {
          const jsons = batch.map(({ stack, gate }) => {
            const out = synthGenerated(stack, { gate });
            if (out.error) throw new Error(`synthesis failed:\n${out.error.message}`);
            return plannable(out.json!);
          });
          const merged = mergeStacks(jsons);
          const want = verdicts(new TfModel(merged as TfConfigJson, { taggableTypes }));
          const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-prop-'));
          try {
            fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(merged, null, 2));
            initOnce(dir);
            terraformOk(dir, ['plan', '-input=false', '-lock=false', '-no-color', '-out=plan.tfplan']);
            const plan = JSON.parse(terraformOk(dir, ['show', '-json', 'plan.tfplan']).stdout);
            const have = verdicts(readPlan(plan, { taggableTypes }).model);
            const differences = [...new Set([...want.keys(), ...have.keys()])]
              .filter((k) => want.get(k) !== have.get(k))
              .map((k) => `${k}: cdk.tf.json ${want.get(k)}, plan ${have.get(k)}`);
            expect(differences).toEqual([]);
            expect(want.size).toBeGreaterThan(0);
          } finally {
            fs.rmSync(dir, { recursive: true, force: true });
          }
        },
      ),
      fcParams({ numRuns: 3, endOnFailure: true }),
    );
  }, 900_000);
});
