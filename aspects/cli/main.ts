#!/usr/bin/env node
/**
 * The `compliance-gate` command (the package's `bin`). See check.ts for the command and its exit codes.
 * In this repository without a build: `npx tsx aspects/cli/main.ts check plan.json` (`npm run gate -- …`).
 */
import { main } from './check';

process.exitCode = main(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
