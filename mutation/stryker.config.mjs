// @ts-check
/**
 * Mutation testing of the compliance gate (`npm run mutation`, i.e. `stryker run mutation/stryker.config.mjs`
 * from the repository root; paths below are relative to it): mutates aspects/**, runs the tests of
 * test/aspects/** (mutation/jest.stryker.config.js) against each mutant, and reports the mutation score
 * (target >= 85%). Reports: reports/mutation/mutation.{html,json} (gitignored).
 *
 * Choices, for 2 cores:
 * - coverageAnalysis perTest: a mutant runs only the tests that execute its code.
 * - Two passes (see mutation/jest.stryker.config.js): the deterministic tests on every mutant, then the property
 *   tests (MUTATION_PROPERTY_TESTS=1, FC_NUM_RUNS=15, fixed seed) on the lines of the survivors;
 *   `npx tsx mutation/summary.ts` merges both and lists what survives (`npm run mutation:check`
 *   fails on a survivor without a reviewed reason in mutation/equivalents.ts).
 * - ignoreStatic: code that runs only when a module loads (rule descriptions, fixes, control lists,
 *   module-level constants) would need the *whole* suite per mutant; it is left out of the score.
 * - No TypeScript checker: it type-checks every mutant (slow on 2 cores); ts-jest only transpiles, so a
 *   mutant that would not compile still runs; the survivors list says which ones tsc would reject.
 * - Incremental: results are kept in reports/ (gitignored); a rerun only tests mutants in changed code
 *   or covered by changed tests. `npm run mutation -- --force` redoes all.
 * - Parts: `MUTATION_PART=rules|core|cdk|cli npm run mutation` tests one part (see PARTS below) with that
 *   layer's own tests (mutation/jest.stryker.config.js).
 */
const PROPERTIES = process.env.MUTATION_PROPERTY_TESTS === '1';
/**
 * A full run tests ~8,000 mutants (about 2.5 h on 2 cores). MUTATION_PART splits it into parts that can run
 * one after another (or on separate machines) and be reviewed as each ends: each part has its own report
 * and incremental file, and mutation/summary.ts merges every part's report.
 */
/**
 * Data, not logic: the provider schema's taggable types (held to the schema by its own test). Left out of
 * the mutation run and of the summary's score (mutation/summary.ts imports this list).
 */
export const DATA_FILES = ['aspects/core/taggable-types.data.ts'];
const notData = DATA_FILES.map((f) => `!${f}`);

const PARTS = {
  rules: ['aspects/rules/**/*.ts'],
  core: ['aspects/core/**/*.ts', ...notData],
  cdk: ['aspects/cdk/**/*.ts', 'aspects/*.ts'],
  cli: ['aspects/cli/**/*.ts'],
};
const PART = process.env.MUTATION_PART;
if (PART !== undefined && !(PART in PARTS))
  throw new Error(`MUTATION_PART="${PART}" is not a part: use one of ${Object.keys(PARTS).join(', ')}`);
const PASS = `${PROPERTIES ? 'mutation-properties' : 'mutation'}${PART ? `.${PART}` : ''}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'mutation/jest.stryker.config.js',
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  mutate: PART ? PARTS[PART] : ['aspects/**/*.ts', ...notData],
  ignoreStatic: true,
  checkers: [],
  concurrency: 2,
  timeoutMS: 20000,
  timeoutFactor: 2,
  incremental: true,
  incrementalFile: `reports/stryker-incremental${PROPERTIES ? '-properties' : ''}${PART ? `.${PART}` : ''}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${PASS}.html` },
  jsonReporter: { fileName: `reports/mutation/${PASS}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 85, break: null },
  // A sandbox directory per part, so parts can run side by side (each run removes its own at the end).
  tempDirName: PART ? `.stryker-tmp-${PART}` : '.stryker-tmp',
  cleanTempDir: true,
  // Not needed by test/aspects; kept out of the sandbox copy.
  ignorePatterns: [
    '.stryker-tmp*', // the sandboxes of parts running side by side
    'cdktf.out',
    'dist',
    'reports',
    'coverage',
    '.terraform',
    'bench/results.json',
    '*.tsbuildinfo',
  ],
};
export default config;
