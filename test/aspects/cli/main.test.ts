/**
 * aspects/cli/main.ts, the `compliance-gate` bin, run in-process: it hands the command line (without
 * node and the script) to the command, its output to stdout and stderr, and its result to the exit code.
 * Each case loads main.ts afresh (the command module, check.ts, is loaded once) with process.argv set and
 * stdout/stderr captured, and restores them and process.exitCode after.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as check from '../../../aspects/cli/check';

interface BinRun {
  readonly exitCode: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

/** Loads main.ts with `process.argv = [node, script, ...args]`, as `compliance-gate ...args` would. */
function bin(...args: string[]): BinRun {
  const saved = { argv: process.argv, exitCode: process.exitCode };
  let stdout = '';
  let stderr = '';
  const capture = (add: (t: string) => void) =>
    ((chunk: string | Uint8Array) => {
      add(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture((t) => (stdout += t)));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture((t) => (stderr += t)));
  try {
    process.argv = [process.execPath, path.resolve(__dirname, '../../../aspects/cli/main.ts'), ...args];
    process.exitCode = undefined;
    jest.isolateModules(() => {
      // main.ts runs afresh; the command it calls is the module this file loaded once, outside any test,
      // so the code that runs when the command's modules load is not counted as covered by these cases
      // (mutation testing would then try its module-level mutants against these cases alone).
      jest.doMock('../../../aspects/cli/check', () => check);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('../../../aspects/cli/main');
    });
    return { exitCode: process.exitCode, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.argv = saved.argv;
    process.exitCode = saved.exitCode;
  }
}

describe('the compliance-gate bin (main.ts, in-process)', () => {
  let scratch: string;
  let input: string;
  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-main-'));
    input = path.join(scratch, 'cdk.tf.json');
    // a log group with a 7-day retention: it violates LogGroupRetention (the payments policy asks 90 days)
    fs.writeFileSync(
      input,
      JSON.stringify({
        resource: { aws_cloudwatch_log_group: { short: { name: '/payments/short', retention_in_days: 7 } } },
      }),
    );
  });
  afterAll(() => scratch && fs.rmSync(scratch, { recursive: true, force: true }));

  it('judges the input named on the command line: violation lines on stdout, exit code 1', () => {
    const r = bin('check', input, '--schema', 'shipped');
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 1, stderr: '' });
    expect(r.stdout).toMatch(
      /^aws_cloudwatch_log_group\.short \[LogGroupRetention\] retention_in_days is 7;/m,
    );
    expect(r.stdout).toMatch(new RegExp(`^configuration ${input}: \\d+ problem\\(s\\)`, 'm'));
  });

  it('prints --version (the package name and version) on stdout, exit code 0', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.resolve(__dirname, '../../../aspects/package.json'), 'utf8'),
    ) as { name: string; version: string };
    expect(bin('--version')).toEqual({ exitCode: 0, stdout: `${pkg.name} ${pkg.version}\n`, stderr: '' });
  });

  it('prints the usage for --help on stdout, exit code 0: the input and every option of check', () => {
    const r = bin('--help');
    expect({ exitCode: r.exitCode, stderr: r.stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(r.stdout).toMatch(
      /^usage: compliance-gate check <plan\.json \| cdk\.tf\.json \| directory of stacks> [^\n]+\n$/,
    );
    for (const option of [
      '--policy ',
      '--suppressions ',
      '--out ',
      '--format text|json|sarif',
      '--source ',
      '--schema ',
    ])
      expect(r.stdout).toContain(`[${option}`);
  });

  it('refuses unusable input with one line on stderr, exit code 2', () => {
    expect(bin('check', path.join(scratch, 'missing.json'))).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: expect.stringMatching(/^compliance-gate: \S+missing\.json does not exist: [^\n]+\n$/),
    });
  });
});
