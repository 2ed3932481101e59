/**
 * The fixture runner of the CLI tests (test/aspects/cli/terraform-fixtures.ts): with
 * GATE_TEST_FIXTURE_CACHE, a fixture is planned or applied once and later calls get a copy of the result
 * that Terraform still works in; without it, nothing is kept.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { terraform, terraformAvailable } from '../../support/terraform';
import { applyFixture, cacheEntry, planFixture } from './terraform-fixtures';

const describeTf = terraformAvailable() ? describe : describe.skip;

describeTf('planned fixtures kept across runs (GATE_TEST_FIXTURE_CACHE)', () => {
  const saved = process.env['GATE_TEST_FIXTURE_CACHE'];
  let cache: string;
  const made: { cleanup: () => void }[] = [];
  const keep = <T extends { cleanup: () => void }>(f: T): T => (made.push(f), f);

  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-cache-'));
    process.env['GATE_TEST_FIXTURE_CACHE'] = cache;
  });
  afterEach(() => {
    for (const f of made.splice(0)) f.cleanup();
    fs.rmSync(cache, { recursive: true, force: true });
    if (saved === undefined) delete process.env['GATE_TEST_FIXTURE_CACHE'];
    else process.env['GATE_TEST_FIXTURE_CACHE'] = saved;
  });

  it('plans once, then hands out copies of the same plan that their callers may remove', () => {
    const first = keep(planFixture('no-aws'));
    const entry = cacheEntry('no-aws', 'plan')!;
    expect(path.dirname(entry)).toBe(cache);
    expect(fs.readFileSync(path.join(entry, 'plan.json'), 'utf8')).toBe(first.planText);
    // a marker in the entry shows the second call copied it rather than planning again
    fs.writeFileSync(path.join(entry, 'copied-from-cache'), '');
    const second = keep(planFixture('no-aws'));
    expect(second.dir).not.toBe(first.dir);
    expect(second.planText).toBe(first.planText);
    expect(JSON.parse(second.planText).planned_values.root_module.resources[0].address).toBe(
      'terraform_data.marker',
    );
    expect(fs.existsSync(path.join(second.dir, 'copied-from-cache'))).toBe(true);
    expect(fs.existsSync(path.join(first.dir, 'copied-from-cache'))).toBe(false);
    second.cleanup();
    expect(fs.existsSync(second.dir)).toBe(false);
    expect(fs.existsSync(path.join(entry, 'plan.json'))).toBe(true);
    // nothing half-made is left beside the entry
    expect(fs.readdirSync(cache)).toEqual([path.basename(entry)]);
  }, 120_000);

  it('keys an entry by kind and by the fixture, so a plan never stands in for a state', () => {
    const plan = cacheEntry('no-aws', 'plan');
    expect(cacheEntry('no-aws', 'apply')).not.toBe(plan);
    expect(cacheEntry('empty', 'plan')).not.toBe(plan);
    expect(cacheEntry('no-aws', 'plan')).toBe(plan);
    const applied = keep(applyFixture('no-aws'));
    const state = JSON.parse(fs.readFileSync(applied.stateFile, 'utf8'));
    expect(state.values.root_module.resources[0].address).toBe('terraform_data.marker');
    expect(fs.existsSync(cacheEntry('no-aws', 'apply')!)).toBe(true);
    expect(fs.existsSync(plan!)).toBe(false);
  }, 120_000);

  it('a cached copy of an AWS fixture still finds its provider (the links into the plugin cache are kept)', () => {
    keep(planFixture('payments'));
    const copy = keep(planFixture('payments'));
    const r = terraform(copy.dir, ['validate', '-no-color']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  }, 300_000);
});

describe('planned fixtures without a cache', () => {
  it('keeps nothing: no cache entry is named', () => {
    const saved = process.env['GATE_TEST_FIXTURE_CACHE'];
    delete process.env['GATE_TEST_FIXTURE_CACHE'];
    try {
      expect(cacheEntry('no-aws', 'plan')).toBeUndefined();
    } finally {
      if (saved !== undefined) process.env['GATE_TEST_FIXTURE_CACHE'] = saved;
    }
  });
});
