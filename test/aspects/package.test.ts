/**
 * The gate as another team adopts it: `npm pack` of the workspace package, installed from the tarball into
 * scratch projects outside the repository, one on cdktf 0.21 and one on cdktn 0.24. Each project compiles
 * the app in test/fixtures/consumer/ with plain `tsc`, runs it with `node` (no tsx), runs its own jest
 * tests through ts-jest with a default config, and compiles under a strict tsconfig; the cdktf one also
 * synthesizes through the real `cdktf synth` CLI, and refuses a construct tree built with a second copy of
 * the engine.
 *
 * Installs: the engines, jest and TypeScript come from npm's cache, filled by the repository's `npm ci`
 * (`--prefer-offline`); cdktn 0.24 and constructs 10.7 (cdktn needs constructs >= 10.6, the app pins
 * 10.4) are not in the lockfile and come from the registry the first time, then from the cache. Resource
 * bindings are the real generated classes of @cdktf/provider-aws 20.1.0 for the three resources the app
 * uses, copied into the project (the whole provider is 360 MB); for cdktn the same classes with their
 * engine import rebound to cdktn, which is what @cdktn/provider-aws generates.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

jest.setTimeout(600_000);

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'consumer');
const PROVIDER = path.join(ROOT, 'node_modules', '@cdktf', 'provider-aws', 'lib');
const BINDINGS = ['provider', 'cloudwatch-log-group', 'kms-key'];
const TOOLCHAIN = {
  typescript: '5.9.3',
  jest: '29.7.0',
  'ts-jest': '29.4.15',
  '@types/jest': '29.5.14',
  '@types/node': '20.19.43',
};

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      CI: 'true',
      CHECKPOINT_DISABLE: '1',
      CDKTF_DISABLE_TELEMETRY: 'true',
      DISABLE_VERSION_CHECK: 'true',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

function ok(r: Run, what: string): Run {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r;
}

let work: string;
let tarball: string;
const DIST = path.join(ROOT, 'aspects', 'dist');
const distExisted = fs.existsSync(DIST);

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-consumers-'));
  // prepack builds the package (tsc, then the cdktn copy), so the tarball is what `npm publish` ships.
  ok(run('npm', ['pack', '-w', 'aspects', '--pack-destination', work, '--silent'], ROOT), 'npm pack');
  tarball = path.join(work, 'payments-compliance-gate-0.2.0.tgz');
});

afterAll(() => {
  // The pack built aspects/dist; leave the tree as it was (a directory import of aspects/ would
  // otherwise resolve to the compiled copy through the package's `main`).
  if (!distExisted) fs.rmSync(DIST, { recursive: true, force: true });
  // GATE_CONSUMERS_KEEP=1 keeps the scratch projects to look into a failure.
  if (work && process.env['GATE_CONSUMERS_KEEP'] !== '1') fs.rmSync(work, { recursive: true, force: true });
  else if (work) console.log(`scratch projects kept in ${work}`);
});

describe('the packed tarball', () => {
  let entries: string[];
  let manifest: Record<string, unknown>;

  beforeAll(() => {
    entries = ok(run('tar', ['-tzf', tarball], work), 'tar')
      .stdout.trim()
      .split('\n');
    manifest = JSON.parse(ok(run('tar', ['-xzOf', tarball, 'package/package.json'], work), 'tar').stdout);
  });

  it('ships the compiled entry points with their declarations, the README and the CHANGELOG', () => {
    for (const f of [
      'package/package.json',
      'package/README.md',
      'package/CHANGELOG.md',
      'package/dist/index.js',
      'package/dist/index.d.ts',
      'package/dist/core/index.js',
      'package/dist/core/index.d.ts',
      'package/dist/cdktn/index.js',
      'package/dist/cdktn/index.d.ts',
      'package/dist/cli/main.js',
    ]) {
      expect(entries).toContain(f);
    }
  });

  it('ships no TypeScript sources, tests, benchmarks or flagship code', () => {
    const sources = entries.filter((e) => e.endsWith('.ts') && !e.endsWith('.d.ts'));
    expect(sources).toEqual([]);
    expect(
      entries.filter((e) => /\/(test|bench|lambda|resources|canary|scripts|mutation)\//.test(e)),
    ).toEqual([]);
  });

  it('has no runtime dependency; the engines and constructs are peers (the engines optional)', () => {
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['peerDependencies']).toEqual({
      cdktf: '>=0.21.0 <0.22.0',
      cdktn: '>=0.24.0 <0.25.0',
      constructs: '^10.3.0',
    });
    expect(manifest['peerDependenciesMeta']).toEqual({
      cdktf: { optional: true },
      cdktn: { optional: true },
    });
  });
});

describe("the package README's complete example", () => {
  it('is the app the consumer projects compile and run', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'aspects', 'README.md'), 'utf8');
    const example = /<!-- consumer-example -->\n```ts\n([\s\S]*?)\n```\n<!-- \/consumer-example -->/.exec(
      readme,
    );
    expect(example?.[1]).toBe(fs.readFileSync(path.join(FIXTURE, 'main.ts'), 'utf8').trimEnd());
  });
});

/** A scratch project outside the repository with the gate installed from the tarball. */
function project(engine: 'cdktf' | 'cdktn'): string {
  const dir = path.join(work, `consumer-${engine}`);
  fs.mkdirSync(dir);
  const bind = (text: string): string =>
    engine === 'cdktf'
      ? text
      : text
          .replace(/(["'])cdktf\1/g, '$1cdktn$1')
          .replace(/(["'])@payments-compliance\/gate\1/g, '$1@payments-compliance/gate/cdktn$1');
  for (const f of fs.readdirSync(FIXTURE)) {
    fs.writeFileSync(path.join(dir, f), bind(fs.readFileSync(path.join(FIXTURE, f), 'utf8')));
  }
  for (const b of BINDINGS) {
    const to = path.join(dir, 'vendor', 'provider-aws', b);
    fs.mkdirSync(to, { recursive: true });
    for (const f of ['index.js', 'index.d.ts']) {
      fs.writeFileSync(path.join(to, f), bind(fs.readFileSync(path.join(PROVIDER, b, f), 'utf8')));
    }
  }
  const engineDeps =
    engine === 'cdktf'
      ? { cdktf: '0.21.0', constructs: '10.4.2' }
      : { cdktn: '0.24.0', constructs: '10.7.2' };
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: `consumer-${engine}`,
        version: '1.0.0',
        private: true,
        dependencies: { ...engineDeps, '@payments-compliance/gate': `file:${tarball}` },
        devDependencies: TOOLCHAIN,
      },
      null,
      2,
    ),
  );
  ok(
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir),
    `npm install (${engine})`,
  );
  return dir;
}

const tsc = (dir: string, config: string): Run =>
  run(process.execPath, [path.join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', config], dir);

describe.each(['cdktf', 'cdktn'] as const)('a %s project that installs the tarball', (engine) => {
  let dir: string;

  beforeAll(() => {
    dir = project(engine);
    ok(tsc(dir, 'tsconfig.json'), `tsc (${engine})`);
  });

  it('installed the engine it asked for, once', () => {
    const installed = JSON.parse(
      fs.readFileSync(path.join(dir, 'node_modules', engine, 'package.json'), 'utf8'),
    );
    expect(installed.version).toBe(engine === 'cdktf' ? '0.21.0' : '0.24.0');
    const other = engine === 'cdktf' ? 'cdktn' : 'cdktf';
    expect(fs.existsSync(path.join(dir, 'node_modules', other))).toBe(false);
  });

  it('plain tsc then node main.js: a compliant stack writes the stack and both reports, exit 0', () => {
    const r = run(process.execPath, ['main.js'], dir);
    // The only output: what the gate looked at.
    expect(r.stderr).toMatch(
      /^compliance gate: checkout: coverage: 2 of 2 resources judged by \d+ rules; every resource type is judged\n$/,
    );
    expect(r.code).toBe(0);
    const out = path.join(dir, 'cdktf.out');
    const config = JSON.parse(fs.readFileSync(path.join(out, 'stacks', 'checkout', 'cdk.tf.json'), 'utf8'));
    // What the gate injected is in the written stack: the logs key, the retention, the tags.
    const group = Object.values(config.resource.aws_cloudwatch_log_group)[0] as Record<string, unknown>;
    expect(group['retention_in_days']).toBe(365);
    expect(String(group['kms_key_id'])).toMatch(/^\$\{aws_kms_key\.logs-key\.arn\}$/);
    expect(group['tags']).toEqual({ Environment: 'production', CostCenter: 'checkout' });
    const report = JSON.parse(
      fs.readFileSync(path.join(out, 'compliance', 'checkout.compliance.json'), 'utf8'),
    );
    expect(report.passed).toBe(true);
    expect(report.summary.resources).toBe(2);
    const sarif = JSON.parse(fs.readFileSync(path.join(out, 'compliance', 'checkout.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toEqual([]);
  });

  it('the installed compliance-gate bin judges the synthesized stacks (exit 0) with the same catalogue', () => {
    const bin = path.join(dir, 'node_modules', '.bin', 'compliance-gate');
    // The app's policy, as a file (the synth applied it in code).
    const policy = path.join(dir, 'policy.json');
    fs.writeFileSync(
      policy,
      JSON.stringify({
        region: 'eu-west-1',
        requiredTags: { Environment: 'production', CostCenter: 'checkout' },
        logRetentionDays: 365,
      }),
    );
    const r = run(bin, ['check', 'cdktf.out/stacks', '--policy', policy], dir);
    expect(`${r.stdout}${r.stderr}`).toMatch(/coverage: 2 of 2 resources judged by \d+ rules/);
    expect(r.code).toBe(0);
    // The same stack with its retention set to 30 by hand: the CLI refuses it, in plan-mode wording.
    const file = path.join(dir, 'cdktf.out', 'stacks', 'checkout', 'cdk.tf.json');
    const config = JSON.parse(fs.readFileSync(file, 'utf8'));
    const group = Object.values(config.resource.aws_cloudwatch_log_group)[0] as Record<string, unknown>;
    group['retention_in_days'] = 30;
    const edited = path.join(dir, 'edited.tf.json');
    fs.writeFileSync(edited, JSON.stringify(config));
    const bad = run(bin, ['check', edited, '--policy', policy], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout + bad.stderr).toMatch(
      /aws_cloudwatch_log_group\.audit \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 365\. Fix: set retention_in_days to at least the policy retention/,
    );
    expect(bad.stdout + bad.stderr).not.toContain('so the gate injects');
  });

  it('a violation exits 1 with its line, and no stack is written', () => {
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    const r = run(process.execPath, ['main.js'], dir, { RETENTION_DAYS: '30' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('compliance gate: synthesis refused, 2 problem(s)');
    expect(r.stderr).toMatch(
      /\[checkout\/audit\] aws_cloudwatch_log_group\.audit \[LogGroupRetention\] retention_in_days is 30; the policy requires at least 365\. Fix: /,
    );
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'checkout', 'cdk.tf.json'))).toBe(false);
    const sarif = JSON.parse(
      fs.readFileSync(path.join(dir, 'cdktf.out', 'compliance', 'checkout.sarif'), 'utf8'),
    );
    // Located in the app's source, at the line that creates the log group.
    const loc = sarif.runs[0].results[0].locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe('main.js');
    const line = fs.readFileSync(path.join(dir, 'main.js'), 'utf8').split('\n')[loc.region.startLine - 1];
    expect(line).toContain("'audit'");
  });

  it("runs the consumer's own tests with ts-jest and a default config (Testing.synth refuses, matchers work)", () => {
    const r = run(process.execPath, [path.join(dir, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci'], dir);
    expect(`${r.stdout}${r.stderr}`).toMatch(/Tests:\s+3 passed, 3 total/);
    expect(r.code).toBe(0);
  });

  it('compiles under a strict tsconfig (noUncheckedIndexedAccess, exactOptionalPropertyTypes, Node16 exports, no skipLibCheck) without an error in the gate or the app', () => {
    const r = tsc(dir, 'tsconfig.strict.json');
    const errors = r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    const ours = errors.filter(
      (l) => l.includes('@payments-compliance') || /^(main|consumer\.spec)\.ts/.test(l),
    );
    expect(ours).toEqual([]);
  });

  it('the entry point of the other engine refuses with the fix, not a bare module error', () => {
    const other = engine === 'cdktf' ? '@payments-compliance/gate/cdktn' : '@payments-compliance/gate';
    const r = run(process.execPath, ['-e', `require('${other}')`], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(
      /\[compliance\/EngineMissing\] this entry point of the gate runs on (cdktf|cdktn)/,
    );
    expect(r.stderr).toContain(
      engine === 'cdktf' ? "import '@payments-compliance/gate'" : "'@payments-compliance/gate/cdktn'",
    );
  });
});

describe('the cdktf project, further', () => {
  let dir: string;

  beforeAll(() => {
    dir = path.join(work, 'consumer-cdktf');
  });

  it('synthesizes through the real cdktf CLI (cdktf synth), and the CLI fails on a violation', () => {
    const cli = path.join(ROOT, 'node_modules', 'cdktf-cli', 'bundle', 'bin', 'cdktf');
    fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
    const good = run(process.execPath, [cli, 'synth'], dir);
    expect(good.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'checkout', 'cdk.tf.json'))).toBe(true);
    const bad = run(process.execPath, [cli, 'synth'], dir, { RETENTION_DAYS: '30' });
    expect(bad.code).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toContain('[LogGroupRetention] retention_in_days is 30');
    expect(fs.existsSync(path.join(dir, 'cdktf.out', 'stacks', 'checkout', 'cdk.tf.json'))).toBe(false);
  });

  it('refuses a construct tree built with a second copy of cdktf, naming both copies', () => {
    // A library that bundles its own cdktf (same version, another copy): its App stores aspects where
    // the gate's copy never looks, so the gate must refuse instead of passing unjudged.
    const lib = path.join(dir, 'node_modules', 'legacy-constructs');
    fs.mkdirSync(path.join(lib, 'node_modules'), { recursive: true });
    fs.cpSync(path.join(dir, 'node_modules', 'cdktf'), path.join(lib, 'node_modules', 'cdktf'), {
      recursive: true,
    });
    fs.writeFileSync(
      path.join(lib, 'package.json'),
      '{"name":"legacy-constructs","version":"1.0.0","main":"index.js"}',
    );
    fs.writeFileSync(path.join(lib, 'index.js'), "module.exports = require('cdktf');\n");
    fs.writeFileSync(
      path.join(dir, 'duplicate.js'),
      [
        "const { App, TerraformStack } = require('legacy-constructs');",
        "const { applyPolicy, paymentsPolicy, synthOrExit } = require('@payments-compliance/gate');",
        'const app = new App();',
        "const stack = new TerraformStack(app, 'dup');",
        'applyPolicy(stack, paymentsPolicy());',
        'synthOrExit(app);',
      ].join('\n'),
    );
    const r = run(process.execPath, ['duplicate.js'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      '[compliance/EngineMismatch] dup: this construct tree was built with cdktf 0.21.0 (',
    );
    expect(r.stderr).toContain(path.join('legacy-constructs', 'node_modules', 'cdktf'));
    expect(r.stderr).toContain('npm ls cdktf');
  });
});
