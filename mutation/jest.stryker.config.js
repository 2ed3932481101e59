/**
 * Jest configuration for mutation testing (`npm run mutation`, see mutation/stryker.config.mjs): only the gate's
 * own tests, test/aspects/**.
 *
 * Stryker runs every test that covers a mutant, once per mutant, and jest cannot stop at the first
 * failure; so the cost of a mutation run is (mutants x covering tests). The property tests cover nearly
 * every line of the gate and take ~10 s each at 15 runs on 2 cores, and the adapter's and the CLI's tests
 * synthesize or plan whole stacks (every rule and the whole core run in them), which would make a full run
 * last most of a day. Hence two passes:
 *
 * 1. default: the deterministic tests on every mutant. With MUTATION_PART (see stryker.config.mjs), each
 *    layer is held by its own tests first: the rules by test/aspects/rules/, the core by
 *    test/aspects/core/, the adapter by test/aspects/cdk/ and the top-level gate tests, the CLI by
 *    test/aspects/cli/ (a mutant a layer's own tests miss is a gap in them, even when a test of another
 *    layer happens to kill it);
 * 2. MUTATION_PROPERTY_TESTS=1 (no part): every deterministic test of test/aspects/ and the property tests,
 *    at FC_NUM_RUNS=15 with a fixed FC_SEED (a mutant must be killed by the same counterexamples in every
 *    run), on the survivors of pass 1 only (`npx tsx mutation/summary.ts --command` prints the command).
 *    What survives both is untested by the whole suite, or equivalent.
 *
 * cli.test.ts (the real `cdktf synth`), package.test.ts (npm pack into scratch projects) and cli/bin.test.ts
 * (the compiled bin) run the gate only in child processes: they cover nothing in-process, so Stryker could
 * never select them for a mutant, and they would only slow the initial run; they are left out of both passes.
 */
process.env.FC_NUM_RUNS = process.env.FC_NUM_RUNS || '15';
process.env.FC_SEED = process.env.FC_SEED || '20261128';

const path = require('path');
// The CLI's tests plan HCL fixtures with the real Terraform in `beforeAll`, which Stryker reruns for every
// mutant (seconds each, against milliseconds of judging): keep each planned fixture for the whole run
// (test/aspects/cli/terraform-fixtures.ts). Inside the sandbox, so it goes when the run ends.
process.env.GATE_TEST_FIXTURE_CACHE =
  process.env.GATE_TEST_FIXTURE_CACHE || path.resolve(__dirname, '..', 'reports', 'terraform-fixture-cache');
const base = require('../jest.config.js');
const withProperties = process.env.MUTATION_PROPERTY_TESTS === '1';

/** Each part's own tests (pass 1 with MUTATION_PART); no part: all of test/aspects/. */
const OWN_TESTS = {
  rules: ['<rootDir>/test/aspects/rules/**/*.test.ts'],
  // plan-flagship and plan-taggable-types synthesize the flagship or run Terraform in their setup: the
  // whole suite's pass 2 runs them.
  core: [
    '<rootDir>/test/aspects/core/**/*.test.ts',
    '!**/plan-flagship.test.ts',
    '!**/plan-taggable-types.test.ts',
  ],
  cdk: ['<rootDir>/test/aspects/cdk/**/*.test.ts', '<rootDir>/test/aspects/*.test.ts'],
  cli: ['<rootDir>/test/aspects/cli/**/*.test.ts'],
};
const part = withProperties ? undefined : process.env.MUTATION_PART;
if (part !== undefined && !(part in OWN_TESTS))
  throw new Error(`MUTATION_PART="${part}" is not a part: use one of ${Object.keys(OWN_TESTS).join(', ')}`);

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // This file lives in mutation/; jest would take its directory as rootDir.
  rootDir: path.resolve(__dirname, '..'),
  // aspects/ is a root too: jest's dependency graph (--findRelatedTests, which Stryker uses to pick test
  // files) only follows imports through files under a root, so without it a mutant in core/ reached via
  // rules/ would find no related test and "survive" with 0 tests run.
  roots: ['<rootDir>/test/aspects', '<rootDir>/aspects'],
  testMatch: part ? OWN_TESTS[part] : ['**/*.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/aspects/cli\\.test\\.ts$',
    '/test/aspects/package\\.test\\.ts$',
    '/test/aspects/cli/bin\\.test\\.ts$',
    ...(withProperties ? [] : ['\\.prop\\.test\\.ts$']),
  ],
  // Stryker replaces reporters; the summary reporter is for CI logs.
  reporters: ['default'],
};
