/**
 * Type checking is `npm run typecheck` (tsc), so ts-jest only transpiles: it keeps the suite fast.
 * Suites that need Terraform or PostgreSQL start/locate them themselves (see test/support/).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // In the repository the gate is used from its sources (as tsconfig paths do for tsc and tsx); the
  // packed, compiled package is what test/aspects/package/ installs into projects outside the repo.
  moduleNameMapper: {
    '^@payments-compliance/gate$': '<rootDir>/aspects/index.ts',
    '^@payments-compliance/gate/core$': '<rootDir>/aspects/core/index.ts',
  },
  testTimeout: 120000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
