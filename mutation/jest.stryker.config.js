/**
 * Jest configuration for mutation testing (`npm run mutation`, see mutation/stryker.config.mjs): only the gate's
 * own tests, test/aspects/**.
 *
 * Stryker runs every test that covers a mutant, once per mutant, and jest cannot stop at the first
 * failure; so the cost of a mutation run is (mutants x covering tests). The property tests cover nearly
 * every line of the gate and take ~10 s each at 15 runs on 2 cores, which would make a full run last a
 * day. Hence two passes:
 *
 * 1. default: the deterministic tests (rule unit tests, checker, catalogue, reuse) on every mutant;
 * 2. MUTATION_PROPERTY_TESTS=1: the property tests too, at FC_NUM_RUNS=15 with a fixed FC_SEED (a mutant
 *    must be killed by the same counterexamples in every run), on the lines where pass 1 left survivors
 *    (`npm run mutation -- --mutate <file:lines...>`; mutation/summary.ts prints the command).
 *
 * cli.test.ts (the real `cdktf synth`), package.test.ts (npm pack into scratch projects) and cli/bin.test.ts
 * (the compiled bin) run the gate only in child processes: they cover nothing in-process, so Stryker could
 * never select them for a mutant, and they would only slow the initial run; they are left out of both passes.
 */
process.env.FC_NUM_RUNS = process.env.FC_NUM_RUNS || '15';
process.env.FC_SEED = process.env.FC_SEED || '20261128';

const path = require('path');
const base = require('../jest.config.js');
const withProperties = process.env.MUTATION_PROPERTY_TESTS === '1';

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  // This file lives in mutation/; jest would take its directory as rootDir.
  rootDir: path.resolve(__dirname, '..'),
  // aspects/ is a root too: jest's dependency graph (--findRelatedTests, which Stryker uses to pick test
  // files) only follows imports through files under a root, so without it a mutant in engine/ reached via
  // rules/ would find no related test and "survive" with 0 tests run.
  roots: ['<rootDir>/test/aspects', '<rootDir>/aspects'],
  testMatch: withProperties ? ['**/*.test.ts'] : ['**/*.test.ts', '!**/*.prop.test.ts'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '/test/aspects/cli\\.test\\.ts$',
    '/test/aspects/package\\.test\\.ts$',
    '/test/aspects/cli/bin\\.test\\.ts$',
    // The rules part (MUTATION_PART=rules, see stryker.config.mjs): a rule must be held by its own tests
    // (test/aspects/rules/, one file per rule and per helper) and the core's. The adapter's and the CLI's
    // tests synthesize or plan whole stacks, so every rule runs in them: they would run for every rule
    // mutant (three times slower) and hide a rule whose own tests miss a case.
    ...(process.env.MUTATION_PART === 'rules'
      ? ['/test/aspects/cli/', '/test/aspects/cdk/', '/test/aspects/[^/]+\\.test\\.ts$']
      : []),
  ],
  // Stryker replaces reporters; the summary reporter is for CI logs.
  reporters: ['default'],
};
