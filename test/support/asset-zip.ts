/**
 * Zips a bundle directory exactly as the stack does (cdktf `TerraformAsset`, type ARCHIVE, in a synthesized
 * App) and lists or extracts the produced archive with `unzip`.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';

export interface SynthesizedAsset {
  zipPath: string;
  assetHash: string;
  workDir: string;
  /** Entries of the zip (`unzip -Z1`), directories included. */
  entries(): string[];
  /** Extracts the zip into a new temp dir and returns it. */
  extract(): string;
  cleanup(): void;
}

function findFile(dir: string, name: string): string | undefined {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const found = findFile(p, name);
      if (found) return found;
    } else if (e.name === name) return p;
  }
  return undefined;
}

export function synthesizeArchive(sourceDir: string): SynthesizedAsset {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-synth-'));
  const app = new App({ outdir: path.join(workDir, 'cdktf.out'), skipValidation: true });
  const stack = new TerraformStack(app, 'packaging');
  const asset = new TerraformAsset(stack, 'code', { path: sourceDir, type: AssetType.ARCHIVE });
  app.synth();
  const zipPath = findFile(workDir, 'archive.zip');
  if (!zipPath) throw new Error(`TerraformAsset produced no archive.zip under ${workDir}`);
  const extracted: string[] = [];
  return {
    zipPath,
    assetHash: asset.assetHash,
    workDir,
    entries: () =>
      execFileSync('unzip', ['-Z1', zipPath], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.length > 0),
    extract: () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asset-unzip-'));
      execFileSync('unzip', ['-q', zipPath, '-d', dir]);
      extracted.push(dir);
      return dir;
    },
    cleanup: () => {
      for (const d of [workDir, ...extracted]) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}
