/**
 * synthOrExit in-process (cli.test.ts runs it through the real CLI in a child process, which Stryker
 * cannot see): what it prints when the gate refuses synthesis, that it exits with status 1, that any
 * other error propagates untouched, and how gateFailureLines picks the violation lines out of CDKTF's
 * validation error. Also: where the reports are said to be (relative to the working directory, or
 * absolute when outside it or when the working directory is inside them).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { gateFailureLines, synthOrExit } from '../../../aspects/cdk/synth';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { LOGS_KEY_POLICY } from '../../support/baseline';

const HEADER = 'Validation failed with the following errors:';
const INTRO =
  'compliance gate: synthesis refused, %d problem(s). Each line: [construct path] address [rule] what is wrong. Fix: how.';

/** Collects what synthOrExit writes. */
function sink(): { out: NodeJS.WritableStream; text: () => string } {
  const chunks: string[] = [];
  const out = { write: (s: string) => chunks.push(s) } as unknown as NodeJS.WritableStream;
  return { out, text: () => chunks.join('') };
}

/** An App stand-in whose synth() throws `error` (or succeeds when undefined). */
function fakeApp(outdir: string, error?: unknown): App {
  return {
    outdir,
    synth: () => {
      if (error !== undefined) throw error;
    },
  } as unknown as App;
}

class Exit extends Error {
  constructor(readonly code: number | string | null | undefined) {
    super(`process.exit(${String(code)})`);
  }
}

describe('gateFailureLines', () => {
  it.each<[string, unknown, string[] | undefined]>([
    ['an error without the validation header', new Error('ENOENT: no such file'), undefined],
    ['a string without the header', 'boom', undefined],
    ['the header with no lines', new Error(HEADER), []],
    [
      'the violation lines after the header, trimmed, and nothing else',
      new Error(
        [
          '[app/x] before the header is ignored',
          HEADER,
          '  - [app/logs] aws_cloudwatch_log_group.logs [LogGroupRetention] too short. Fix: set it.',
          '',
          '   [app/key] aws_kms_key.k [KmsKeyRotation] rotation is off. Fix: turn it on.   ',
          'at Object.<anonymous> (stack [trace])',
          'If you wish to ignore these validations, pass skipValidation',
        ].join('\n'),
      ),
      ['[app/key] aws_kms_key.k [KmsKeyRotation] rotation is off. Fix: turn it on.'],
    ],
    [
      'a thrown string that carries the header',
      `${HEADER}\n[app/a] one\n[app/b] two`,
      ['[app/a] one', '[app/b] two'],
    ],
    ['a line that ends with [ but does not start with one', `${HEADER}\nnot a violation [`, []],
  ])('%s', (_, error, expected) => {
    expect(gateFailureLines(error)).toEqual(expected);
  });

  it('starts reading right after the header, even when the first line follows on the same line', () => {
    expect(gateFailureLines(new Error(`prefix ${HEADER}[app/a] first\n[app/b] second`))).toEqual([
      '[app/a] first',
      '[app/b] second',
    ]);
  });

  it('the bracketed lines after the validation header, trimmed; other errors are not the gate', () => {
    const err = new Error(
      `${HEADER}\n  [stack/a] aws_x.a [R] wrong. Fix: f\n  not a line\n\t[stack/b] aws_x.b [R] wrong. Fix: f  \n`,
    );
    expect(gateFailureLines(err)).toEqual([
      '[stack/a] aws_x.a [R] wrong. Fix: f',
      '[stack/b] aws_x.b [R] wrong. Fix: f',
    ]);
    expect(gateFailureLines(`prefix [ignored]\n${HEADER}\n[x] y`)).toEqual(['[x] y']);
    expect(gateFailureLines(new Error('disk full'))).toBeUndefined();
    expect(gateFailureLines(`${HEADER}`)).toEqual([]);
  });
});

describe('synthOrExit', () => {
  let exitSpy: jest.SpyInstance;
  beforeEach(() => {
    exitSpy = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Exit(code);
    });
  });
  afterEach(() => exitSpy.mockRestore());

  it('does nothing more than synthesize when synthesis succeeds', () => {
    const s = sink();
    const synth = jest.fn();
    synthOrExit({ outdir: '/tmp/x', synth } as unknown as App, s.out);
    expect(synth).toHaveBeenCalledTimes(1);
    expect(s.text()).toBe('');
    expect(exitSpy).not.toHaveBeenCalled();
  });

  it('rethrows an error that is not the gate refusing, without printing or exiting', () => {
    const s = sink();
    const error = new Error('provider schema missing');
    expect(() => synthOrExit(fakeApp('/tmp/x', error), s.out)).toThrow(error);
    expect(s.text()).toBe('');
    expect(exitSpy).not.toHaveBeenCalled();
  });

  it('prints each violation once with the report directory relative to the working directory, then exits 1', () => {
    const s = sink();
    const outdir = path.join(process.cwd(), 'cdktf.out.test');
    const error = new Error(`${HEADER}\n  [app/a] first. Fix: x.\n  [app/b] second. Fix: y.\n`);
    expect(() => synthOrExit(fakeApp(outdir, error), s.out)).toThrow(Exit);
    expect(exitSpy).toHaveBeenCalledWith(1);
    expect(s.text()).toBe(
      [
        INTRO.replace('%d', '2'),
        '  [app/a] first. Fix: x.',
        '  [app/b] second. Fix: y.',
        `Reports (JSON, SARIF): ${path.join('cdktf.out.test', 'compliance')}/`,
        '',
      ].join('\n'),
    );
  });

  it('names the report directory by its absolute path when it is outside the working directory', () => {
    const s = sink();
    const outdir = path.join(path.dirname(process.cwd()), 'elsewhere-out');
    expect(() => synthOrExit(fakeApp(outdir, new Error(`${HEADER}\n[app/a] one`)), s.out)).toThrow(Exit);
    expect(s.text()).toContain(`Reports (JSON, SARIF): ${path.join(outdir, 'compliance')}/\n`);
    expect(s.text().startsWith(INTRO.replace('%d', '1'))).toBe(true);
  });

  it('writes to stderr by default', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => synthOrExit(fakeApp('/tmp/x', new Error(`${HEADER}\n[app/a] one`)))).toThrow(Exit);
      expect(write).toHaveBeenCalledTimes(1);
      expect(String(write.mock.calls[0][0])).toContain('  [app/a] one\n');
    } finally {
      write.mockRestore();
    }
  });

  describe('on a real App refused by the gate', () => {
    let outdir: string;
    beforeEach(() => {
      outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-or-exit-'));
    });
    afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

    it('prints the violation line the checker produced, once, and writes no stack', () => {
      const app = new App({ outdir });
      const stack = new TerraformStack(app, 'app');
      new AwsProvider(stack, 'aws', { region: 'us-east-1' });
      const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
      new CloudwatchLogGroup(stack, 'audit', { name: '/audit', retentionInDays: 30 });
      applyPolicy(
        stack,
        paymentsPolicy({
          keys: { logs: key.arn },
          today: '2026-11-28',
          disabledRules: ['LogGroupRetentionOneYear'],
        }),
      );
      const s = sink();
      expect(() => synthOrExit(app, s.out)).toThrow(Exit);
      expect(exitSpy).toHaveBeenCalledWith(1);
      const lines = s.text().split('\n');
      expect(lines[0]).toBe(INTRO.replace('%d', '1'));
      expect(lines[1]).toMatch(
        /^ {2}\[app\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 90\. Fix:/,
      );
      expect(lines.filter((l) => l.includes('[LogGroupRetention]'))).toHaveLength(1);
      expect(s.text()).not.toContain('skipValidation');
      expect(s.text()).toContain(`${path.join(outdir, 'compliance')}/`);
      expect(fs.existsSync(path.join(outdir, 'stacks', 'app', 'cdk.tf.json'))).toBe(false);
    });
  });
});

describe('synthOrExit (process.exit stubbed to return)', () => {
  it('synthesizes; a refusal prints its lines and where the reports are, then exits 1', () => {
    const written: string[] = [];
    const out = { write: (s: string) => written.push(s) } as unknown as NodeJS.WritableStream;
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    try {
      synthOrExit(fakeApp('cdktf.out'), out);
      expect(written).toEqual([]);
      expect(exit).not.toHaveBeenCalled();

      synthOrExit(
        fakeApp(
          'cdktf.out',
          new Error(`${HEADER}\n  [s/a] aws_x.a [R] wrong. Fix: f\n  [s/b] aws_x.b [R] bad. Fix: g`),
        ),
        out,
      );
      expect(exit).toHaveBeenCalledWith(1);
      expect(written.join('')).toBe(
        [
          'compliance gate: synthesis refused, 2 problem(s). Each line: [construct path] address [rule] what is wrong. Fix: how.',
          '  [s/a] aws_x.a [R] wrong. Fix: f',
          '  [s/b] aws_x.b [R] bad. Fix: g',
          'Reports (JSON, SARIF): cdktf.out/compliance/',
          '',
        ].join('\n'),
      );

      written.length = 0;
      synthOrExit(fakeApp('/elsewhere/out', new Error(`${HEADER}\n[s/a] x`)), out);
      expect(written.join('')).toContain('Reports (JSON, SARIF): /elsewhere/out/compliance/\n');
    } finally {
      exit.mockRestore();
    }
  });

  it('rethrows any other error unchanged', () => {
    const boom = new Error('disk full');
    expect(() =>
      synthOrExit(fakeApp('cdktf.out', boom), { write: () => true } as unknown as NodeJS.WritableStream),
    ).toThrow(boom);
  });

  it('writes nothing, to stderr by default, when synthesis succeeds', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-or-exit-'));
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      synthOrExit(new App({ outdir }));
      expect(write).not.toHaveBeenCalled();
    } finally {
      write.mockRestore();
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('synthOrExit: where the reports are said to be, from a working directory inside them', () => {
  let exit: jest.SpyInstance;
  let cwd: jest.SpyInstance;
  beforeEach(() => {
    exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('process.exit');
    });
    cwd = jest.spyOn(process, 'cwd');
  });
  afterEach(() => {
    exit.mockRestore();
    cwd.mockRestore();
  });

  it('are named by their absolute path when the working directory is a subdirectory of them', () => {
    const outdir = path.join(os.tmpdir(), 'synth-or-exit-parent', 'cdktf.out');
    const reports = path.join(outdir, 'compliance');
    cwd.mockReturnValue(path.join(reports, 'stacks'));
    let text = '';
    const app = {
      outdir,
      synth: () => {
        throw new Error(
          'Validation failed with the following errors:\n  [app/x] aws_s3_bucket.x [R] wrong. Fix: f',
        );
      },
    } as unknown as App;
    expect(() =>
      synthOrExit(app, { write: (s: string) => (text += s) } as unknown as NodeJS.WritableStream),
    ).toThrow('process.exit');
    expect(exit).toHaveBeenCalledWith(1);
    expect(text).toContain(`\nReports (JSON, SARIF): ${reports}/\n`);
  });
});

describe('synthOrExit: where the reports are said to be', () => {
  const refused = () => {
    throw new Error(
      'Validation failed with the following errors:\n  [app/x] aws_s3_bucket.x [Rule] wrong. Fix: fix',
    );
  };
  const printed = (outdir: string): string => {
    let text = '';
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => {
      throw new Error('exit');
    });
    try {
      synthOrExit(
        { outdir, synth: refused } as unknown as App,
        {
          write: (s: string) => (text += s),
        } as unknown as NodeJS.WritableStream,
      );
    } catch {
      // process.exit, stubbed
    } finally {
      exit.mockRestore();
    }
    return text;
  };
  it('a directory under the working directory whose name starts with ".." is named relative', () => {
    expect(printed(path.join(process.cwd(), '..out'))).toContain(
      `Reports (JSON, SARIF): ${path.join('..out', 'compliance')}/`,
    );
  });
  it('run from inside the reports directory, it is named absolute (was printed as "/", the root)', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-cwd-'));
    const reports = path.join(outdir, 'compliance');
    fs.mkdirSync(reports);
    const cwd = process.cwd();
    try {
      process.chdir(reports);
      expect(printed(outdir)).toContain(`Reports (JSON, SARIF): ${reports}/`);
    } finally {
      process.chdir(cwd);
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
  it('a directory outside it is named absolute', () => {
    const outside = path.resolve(process.cwd(), '..', 'elsewhere');
    expect(printed(outside)).toContain(`Reports (JSON, SARIF): ${path.join(outside, 'compliance')}/`);
  });
});

describe('synthOrExit(build): a gate configuration error while the app is built', () => {
  let exitSpy: jest.SpyInstance;
  beforeEach(() => {
    exitSpy = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Exit(code);
    });
  });
  afterEach(() => exitSpy.mockRestore());

  it('prints one [compliance/PolicyInvalid] line per problem, no stack trace, and exits 2', () => {
    const s = sink();
    const build = (): App => {
      paymentsPolicy({ region: 'europe', allowedLambdaRuntimes: [], keys: { logs: 'alias/aws/logs' } });
      throw new Error('not reached');
    };
    expect(() => synthOrExit(build, s.out)).toThrow(Exit);
    expect(exitSpy).toHaveBeenCalledWith(2);
    expect(s.text().split('\n')).toEqual([
      'compliance gate: configuration refused, 3 problem(s).',
      expect.stringMatching(/^ {2}\[compliance\/PolicyInvalid\] region "europe" is not an AWS region name/),
      expect.stringMatching(/^ {2}\[compliance\/PolicyInvalid\] allowedLambdaRuntimes is empty/),
      expect.stringMatching(
        /^ {2}\[compliance\/PolicyInvalid\] keys\.logs is "alias\/aws\/logs", an AWS-managed key: the policy demands customer-managed keys/,
      ),
      '',
    ]);
    expect(s.text()).not.toMatch(/\n\s+at /);
  });

  it('prints any other [compliance/...] error as its one line, and rethrows anything else', () => {
    const s = sink();
    expect(() =>
      synthOrExit(() => {
        throw new Error('[compliance/EngineMismatch] x: built with another copy\nmore detail');
      }, s.out),
    ).toThrow(Exit);
    expect(s.text()).toBe(
      'compliance gate: configuration refused, 1 problem(s).\n  [compliance/EngineMismatch] x: built with another copy\n',
    );
    const other = new Error('ENOENT');
    expect(() =>
      synthOrExit(() => {
        throw other;
      }, sink().out),
    ).toThrow(other);
  });

  it('rethrows an error that only mentions a [compliance/...] tag after other text', () => {
    const s = sink();
    const wrapped = new Error('while loading main.ts: [compliance/EngineMismatch] x: another copy');
    expect(() =>
      synthOrExit(() => {
        throw wrapped;
      }, s.out),
    ).toThrow(wrapped);
    expect(s.text()).toBe('');
    expect(exitSpy).not.toHaveBeenCalled();
  });

  it('synthesizes the app the build returns, and prints the coverage line of each judged stack', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-build-'));
    try {
      const s = sink();
      synthOrExit(() => {
        const app = new App({ outdir });
        const stack = new TerraformStack(app, 'tiny');
        new AwsProvider(stack, 'aws', { region: 'us-east-1' });
        new SqsQueue(stack, 'q', { name: 'q', kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/abc' });
        new CloudwatchDashboard(stack, 'd', { dashboardName: 'd', dashboardBody: '{}' });
        applyPolicy(
          stack,
          paymentsPolicy({
            trustedKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/abc'],
            writeReports: false,
          }),
        );
        return app;
      }, s.out);
      expect(exitSpy).not.toHaveBeenCalled();
      expect(s.text()).toMatch(
        /^compliance gate: tiny: coverage: 1 of 2 resources judged by \d+ rules; types no rule judges \(read only as companions of the resources they serve, if at all\): aws_cloudwatch_dashboard \(1\)\n$/,
      );
      expect(fs.existsSync(path.join(outdir, 'stacks', 'tiny', 'cdk.tf.json'))).toBe(true);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('synthOrExit: coverage lines of an app with several stacks', () => {
  let exitSpy: jest.SpyInstance;
  let outdir: string;
  beforeEach(() => {
    exitSpy = jest.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Exit(code);
    });
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-stacks-'));
  });
  afterEach(() => {
    exitSpy.mockRestore();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  /** A stack with one queue, compliant or (a log group kept 30 days) refused. */
  function stackOf(app: App, id: string, refused: boolean): void {
    const stack = new TerraformStack(app, id);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    new SqsQueue(stack, 'q', {
      name: `${id}-q`,
      kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/abc',
    });
    if (refused) {
      const key = new KmsKey(stack, 'logs-key', { enableKeyRotation: true, policy: LOGS_KEY_POLICY });
      new CloudwatchLogGroup(stack, 'audit', { name: `/${id}/audit`, retentionInDays: 30 });
      applyPolicy(
        stack,
        paymentsPolicy({
          keys: { logs: key.arn },
          trustedKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/abc'],
          disabledRules: ['LogGroupRetentionOneYear'],
          writeReports: false,
        }),
      );
    } else {
      applyPolicy(
        stack,
        paymentsPolicy({
          trustedKeyArns: ['arn:aws:kms:us-east-1:111122223333:key/abc'],
          writeReports: false,
        }),
      );
    }
  }

  it('prints one coverage line per judged stack, each on its own line', () => {
    const app = new App({ outdir });
    stackOf(app, 'alpha', false);
    stackOf(app, 'beta', false);
    const s = sink();
    synthOrExit(app, s.out);
    expect(exitSpy).not.toHaveBeenCalled();
    const lines = s.text().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^compliance gate: alpha: coverage: 1 of 1 resources judged by \d+ rules/),
      expect.stringMatching(/^compliance gate: beta: coverage: 1 of 1 resources judged by \d+ rules/),
      '',
    ]);
  });

  it('prints no coverage line for a stack the refusal stopped before it was judged', () => {
    const app = new App({ outdir });
    stackOf(app, 'alpha', true);
    stackOf(app, 'beta', false);
    const s = sink();
    expect(() => synthOrExit(app, s.out)).toThrow(Exit);
    expect(exitSpy).toHaveBeenCalledWith(1);
    const text = s.text();
    expect(text).toMatch(/\n {2}\[alpha\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\]/);
    expect(text).toMatch(/\ncompliance gate: alpha: coverage: 3 of 3 resources judged/);
    expect(text).not.toContain('compliance gate: beta:');
  });
});
