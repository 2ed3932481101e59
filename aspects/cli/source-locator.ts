/**
 * Where a finding is shown in SARIF (GitHub code scanning annotates that line):
 * - with `--source DIR` (Terraform HCL): the `resource "type" "name"` block that declares the resource,
 *   in the root module's .tf files or, for `module.x.…`, in the module's local source directory;
 * - else a cdk.tf.json: the line of the resource's body (`"name": {`) in the file;
 * - else line 1 of the input file (a plan is one line of JSON).
 * URIs are relative to the working directory (the repository root in CI), `/`-separated.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toUri } from '../core/files';
import type { Finding } from '../core/evaluate';
import type { SourceLocation } from '../core/report';

export type Locate = (f: Finding) => SourceLocation;

const RESOURCE_BLOCK = /^\s*(resource|data)\s+"([^"]+)"\s+"([^"]+)"/;

/**
 * Terraform's override files (`override.tf`, `*_override.tf`): their blocks amend a block declared in
 * another file, so they never hold the declaration.
 * https://developer.hashicorp.com/terraform/language/files/override
 */
const OVERRIDE_FILE = /(?:^|_)override\.tf$/;

/**
 * Blocks of every .tf file directly in `dir` (override files left out), by `type.name` (a data source by
 * `data.type.name`, so it never stands for the resource of the same type and name): the first line, in
 * file-name order, that opens the block. Terraform allows one declaration per address, so a later line
 * opening it again is text (a commented-out copy, a heredoc). A missing directory has no blocks.
 */
function blocksIn(dir: string): Map<string, SourceLocation> {
  const out = new Map<string, SourceLocation>();
  let entries: string[];
  try {
    entries = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tf') && !OVERRIDE_FILE.test(f))
      .sort();
  } catch {
    return out;
  }
  for (const f of entries) {
    const file = path.join(dir, f);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const m = RESOURCE_BLOCK.exec(line);
      if (!m) return;
      const key = `${m[1] === 'data' ? 'data.' : ''}${m[2]}.${m[3]}`;
      if (!out.has(key)) out.set(key, { uri: toUri(file), line: i + 1 });
    });
  }
  return out;
}

export { toUri } from '../core/files';

/**
 * Locates resources in HCL: `sourceDir` is the root module; `moduleSources` maps a module address
 * (no instance keys) to its local source directory relative to the root module. A resource of a module
 * with no local source (a registry or git module), or whose block is not found, goes to `fallback`.
 * Findings are about managed resources only (the evaluation judges no data source).
 */
export function hclLocator(
  sourceDir: string,
  moduleSources: ReadonlyMap<string, string>,
  fallback: Locate,
): Locate {
  const byDir = new Map<string, Map<string, SourceLocation>>();
  const blocks = (dir: string) => {
    let m = byDir.get(dir);
    if (!m) byDir.set(dir, (m = blocksIn(path.join(sourceDir, dir))));
    return m;
  };
  return (f) => {
    // `module.a.module.b.type.name` once the instance keys (`[0]`, `["k"]`) are left out
    const address = f.resource.address.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
    const own = `${f.resource.type}.${f.resource.name}`;
    const modulePath = address.slice(0, -own.length - 1); // '' in the root module
    const dir = modulePath === '' ? '' : moduleSources.get(modulePath);
    if (dir === undefined) return fallback(f);
    return blocks(dir).get(own) ?? fallback(f);
  };
}

/**
 * In a cdk.tf.json as cdktf writes it (two-space indentation): the line of the resource's body,
 * `"name": {`, under its type under `"resource"`. Data sources, modules, outputs and the `terraform`
 * block are other top-level keys, so nothing of theirs is taken for a resource, whatever the key order.
 */
export function jsonLocator(file: string, text: string): Locate {
  const uri = toUri(file);
  const index = new Map<string, number>();
  let block: string | undefined; // the top-level key
  let type: string | undefined;
  text.split('\n').forEach((line, i) => {
    const m = /^( +)"([^"]+)": \{/.exec(line);
    if (!m) return;
    const depth = m[1].length;
    if (depth === 2) block = m[2];
    else if (depth === 4) type = m[2];
    else if (depth === 6 && block === 'resource') index.set(`${type}.${m[2]}`, i + 1);
  });
  return (f) => ({ uri, line: index.get(`${f.resource.type}.${f.resource.name}`) ?? 1 });
}

export function fileLocator(file: string): Locate {
  const uri = toUri(file);
  return () => ({ uri, line: 1 });
}
