/** The naming function, and the provider-mirror detector used by `npm run plan` and the Terraform tests. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NAME_RULES, Naming, fitName } from '../../resources/naming';
import type { NameKind } from '../../resources/naming';

describe('naming', () => {
  const naming = new Naming({ prefix: 'payments', accountId: '123456789012', region: 'us-east-1' });

  it('prefixes every name and keeps short names intact', () => {
    expect(naming.name('api')).toBe('payments-api');
    expect(naming.name('health', 'canary')).toBe('payments-health');
    expect(naming.globalName('log-archive')).toBe('payments-log-archive-123456789012-us-east-1');
  });

  it("fits every kind's limit, deterministically, with a hash suffix instead of a blind cut", () => {
    const long = 'x'.repeat(300);
    for (const kind of Object.keys(NAME_RULES) as NameKind[]) {
      const a = fitName(`payments-${long}`, kind);
      expect(a.length).toBeLessThanOrEqual(NAME_RULES[kind].max);
      expect(a).toBe(fitName(`payments-${long}`, kind));
      expect(a).toMatch(/-[0-9a-f]{6}$/);
      expect(a.startsWith('payments-')).toBe(true);
    }
    expect(fitName(`payments-${long}a`, 'canary')).not.toBe(fitName(`payments-${long}b`, 'canary'));
  });

  it('sanitizes characters a service rejects', () => {
    expect(fitName('Payments_Health!', 'canary')).toBe('payments_health-');
    expect(fitName('payments--db', 'rdsCluster')).toBe('payments-db');
    expect(fitName('Payments.Archive', 'bucket')).toBe('payments-archive');
  });

  it('keeps the canary within 21 characters for every valid prefix (at most 12 characters)', () => {
    const n = new Naming({ prefix: 'abcdefghijkl', accountId: '123456789012', region: 'us-east-1' });
    expect(n.name('health', 'canary')).toBe('abcdefghijkl-health');
    expect(n.name('health', 'canary').length).toBeLessThanOrEqual(21);
  });
});

describe('scripts/tf-cli-config.mjs', () => {
  const script = path.resolve(__dirname, '../../scripts/tf-cli-config.mjs');
  const run = (env: Record<string, string>) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tfrc-'));
    const r = spawnSync(process.execPath, [script, '--json'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        TF_PROVIDER_MIRROR: '',
        TF_CLI_CONFIG_OUT: out,
        GATE_TF_CLI_CONFIG: 'generated',
        ...env,
      },
    });
    const parsed =
      r.status === 0
        ? (JSON.parse(r.stdout) as {
            configFile: string;
            mirror: string | null;
            source: string;
            note: string;
          })
        : undefined;
    return { ...r, parsed, text: parsed ? fs.readFileSync(parsed.configFile, 'utf8') : '' };
  };
  const fakeMirror = (version: string): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mirror-'));
    fs.mkdirSync(path.join(dir, 'registry.terraform.io', 'hashicorp', 'aws', version, 'linux_amd64'), {
      recursive: true,
    });
    return dir;
  };

  describe("respects the user's own CLI config", () => {
    const userFile = (): string => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'user-tfrc-'));
      const file = path.join(dir, 'mine.tfrc');
      fs.writeFileSync(file, 'plugin_cache_dir = "/somewhere/else"\n');
      return file;
    };

    it('uses an existing TF_CLI_CONFIG_FILE unchanged, and says so', () => {
      const file = userFile();
      const r = run({ GATE_TF_CLI_CONFIG: '', TF_CLI_CONFIG_FILE: file });
      expect(r.parsed?.source).toBe('user');
      expect(r.parsed?.configFile).toBe(file);
      expect(r.parsed?.note).toContain(`using your Terraform CLI config ${file} unchanged`);
      expect(fs.readFileSync(file, 'utf8')).toBe('plugin_cache_dir = "/somewhere/else"\n');
    });

    it('uses ~/.terraformrc when TF_CLI_CONFIG_FILE is unset', () => {
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'home-'));
      fs.writeFileSync(path.join(home, '.terraformrc'), '# mine\n');
      const env: Record<string, string> = { GATE_TF_CLI_CONFIG: '', HOME: home };
      const r = spawnSync(process.execPath, [script, '--json'], {
        encoding: 'utf8',
        env: Object.fromEntries(
          Object.entries({ ...process.env, ...env }).filter(([k]) => k !== 'TF_CLI_CONFIG_FILE'),
        ) as NodeJS.ProcessEnv,
      });
      expect(JSON.parse(r.stdout)).toMatchObject({
        source: 'user',
        configFile: path.join(home, '.terraformrc'),
      });
    });

    it('generates one when TF_CLI_CONFIG_FILE names a missing file, and says so without changing the environment', () => {
      const missing = path.join(os.tmpdir(), 'no-such-dir', 'cli.tfrc');
      const r = run({ GATE_TF_CLI_CONFIG: '', TF_CLI_CONFIG_FILE: missing });
      expect(r.parsed?.source).toBe('generated');
      expect(r.parsed?.note).toMatch(
        new RegExp(
          `^TF_CLI_CONFIG_FILE=${missing.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} does not exist; using a generated Terraform CLI config .* for this run .*; your environment is not changed$`,
        ),
      );
      expect(fs.existsSync(missing)).toBe(false);
    });

    it('prints the note on stderr and only the path on stdout (what the scripts export)', () => {
      const file = userFile();
      const r = spawnSync(process.execPath, [script], {
        encoding: 'utf8',
        env: { ...process.env, GATE_TF_CLI_CONFIG: '', TF_CLI_CONFIG_FILE: file },
      });
      expect(r.stdout).toBe(`${file}\n`);
      expect(r.stderr).toContain('tf-cli-config: using your Terraform CLI config');
    });
  });

  it('uses a mirror found in the search path: filesystem_mirror for hashicorp/aws, direct for the rest', () => {
    const mirror = fakeMirror('5.100.0');
    const r = run({ TF_PROVIDER_MIRROR_PATHS: `/nonexistent:${mirror}` });
    expect(r.status).toBe(0);
    expect(r.parsed?.mirror).toBe(mirror);
    expect(r.text).toContain(`path    = ${JSON.stringify(mirror)}`);
    expect(r.text).toContain('include = ["registry.terraform.io/hashicorp/aws"]');
    expect(r.text).toContain('exclude = ["registry.terraform.io/hashicorp/aws"]');
    expect(r.text).toMatch(/plugin_cache_dir = ".+plugin-cache"/);
  });

  it('ignores a directory without hashicorp/aws 5.100.0', () => {
    const wrong = fakeMirror('5.99.0');
    const r = run({ TF_PROVIDER_MIRROR_PATHS: wrong });
    expect(r.parsed?.mirror).toBeNull();
    expect(r.text).not.toContain('provider_installation');
    expect(r.text).toContain('plugin_cache_dir');
  });

  it('with no mirror anywhere, writes a config that lets plain terraform init use the registry', () => {
    const r = run({ TF_PROVIDER_MIRROR_PATHS: '' });
    expect(r.status).toBe(0);
    expect(r.parsed?.mirror).toBeNull();
    expect(r.text).not.toMatch(/provider_installation|filesystem_mirror/);
  });

  it('honours TF_PROVIDER_MIRROR, and fails clearly when it does not hold the provider', () => {
    const mirror = fakeMirror('5.100.0');
    expect(run({ TF_PROVIDER_MIRROR: mirror, TF_PROVIDER_MIRROR_PATHS: '' }).parsed?.mirror).toBe(mirror);
    const bad = run({ TF_PROVIDER_MIRROR: os.tmpdir() });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(
      /TF_PROVIDER_MIRROR=.* does not contain registry\.terraform\.io\/hashicorp\/aws\/5\.100\.0/,
    );
  });

  it('finds the mirror of this machine when there is one (detects, never hard-codes)', () => {
    const r = run({});
    expect(r.status).toBe(0);
    if (fs.existsSync('/opt/tf-plugins/registry.terraform.io/hashicorp/aws/5.100.0')) {
      expect(r.parsed?.mirror).toBe('/opt/tf-plugins');
    }
  });
});
