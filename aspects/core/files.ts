/**
 * File helpers shared by the CDK adapter's report files and the CLI: no engine, only Node's fs/path.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes `content` and a final newline beside `file`, then renames it over `file` (atomic for readers).
 * When the rename fails (`file` is a directory, say), the temporary file is removed and the error thrown:
 * nothing half-written is left behind.
 */
export function writeAtomically(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${content}\n`);
  try {
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * A path as a SARIF artifact URI: relative to the working directory (the repository root in CI) when it
 * is below it, else absolute; `/`-separated.
 */
export function toUri(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return (rel.startsWith('..') || path.isAbsolute(rel) ? path.resolve(file) : rel).split(path.sep).join('/');
}
