/**
 * The report files of a check: `<outdir>/compliance/<stack>.compliance.json` and `<stack>.sarif`,
 * written atomically (a reader never sees half a report), and the removal of a refused stack's stale
 * `cdk.tf.json`.
 *
 * SARIF locations: a result points where a reviewer can act. The engine records no creation site for
 * constructs (its `stacktrace` metadata carries no trace unless stack traces were captured), so a result
 * is placed, in order of preference: at the construct's recorded creation frame when there is one; at the
 * line of the app's entry file (or a source file under the working directory) that names the construct's
 * id; else at line 1 of the entry file. The construct path is always given as a logical location.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { IConstruct } from 'constructs';
import type { CompliancePolicy } from '../core/policy';
import type { Evaluation, Finding } from '../core/evaluate';
import { toUri, writeAtomically } from '../core/files';
import type { SourceLocation } from '../core/report';
import { buildSarif, jsonReportText } from '../core/report';

export interface ReportPaths {
  readonly json: string;
  readonly sarif: string;
}

export function writeReports(
  outdir: string,
  stackName: string,
  policy: CompliancePolicy,
  evaluation: Evaluation,
  constructAt: (p: string) => IConstruct | undefined,
): ReportPaths {
  const dir = path.join(outdir, 'compliance');
  fs.mkdirSync(dir, { recursive: true });
  const jsonPath = path.join(dir, `${stackName}.compliance.json`);
  const sarifPath = path.join(dir, `${stackName}.sarif`);
  const locator = new SourceLocator();
  const locate = (f: Finding): SourceLocation =>
    locator.locate(constructAt(f.resource.path), f.resource.path);
  writeAtomically(jsonPath, jsonReportText(stackName, policy, evaluation));
  writeAtomically(sarifPath, JSON.stringify(buildSarif(stackName, evaluation, locate), null, 2));
  return { json: jsonPath, sarif: sarifPath };
}

export function removeStaleOutput(outdir: string, stackName: string): void {
  fs.rmSync(path.join(outdir, 'stacks', stackName, 'cdk.tf.json'), { force: true });
}

/**
 * The entry file is found and read on the first finding that needs a location, at most once per report
 * (a compliant stack costs no file I/O here).
 */
class SourceLocator {
  private entry: { file: string | undefined; lines: string[] | undefined } | undefined;

  locate(construct: IConstruct | undefined, constructPath: string): SourceLocation {
    const frame = construct ? creationFrame(construct) : undefined;
    if (frame) return frame;
    const { file, lines } = this.entryFile();
    if (!file) return { uri: 'cdktf.json', line: 1 };
    return { uri: toUri(file), line: lineNaming(lines, constructPath.split('/').pop() ?? '') ?? 1 };
  }

  private entryFile(): { file: string | undefined; lines: string[] | undefined } {
    if (!this.entry) {
      const file = entryFile();
      let lines: string[] | undefined;
      try {
        lines = file ? fs.readFileSync(file, 'utf8').split('\n') : undefined;
      } catch {
        lines = undefined;
      }
      this.entry = { file, lines };
    }
    return this.entry;
  }
}

/** The 1-based line that names a construct id as a string literal, if any. */
function lineNaming(lines: string[] | undefined, id: string): number | undefined {
  if (!lines || id === '') return undefined;
  const quoted = [`'${id}'`, `"${id}"`, `\`${id}\``];
  const i = lines.findIndex((l) => quoted.some((q) => l.includes(q)));
  return i >= 0 ? i + 1 : undefined;
}

/** The app's entry file (what `cdktf synth` runs: `npx tsx main.ts`, `node main.js`), if it is a file. */
function entryFile(): string | undefined {
  const candidate = process.argv[1];
  if (!candidate) return undefined;
  try {
    return fs.statSync(candidate).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

/** A creation frame recorded by the engine (`stacktrace` metadata with a trace), outside node_modules. */
function creationFrame(construct: IConstruct): SourceLocation | undefined {
  const trace = construct.node.metadata.find((m) => m.type === 'stacktrace')?.trace;
  for (const frame of trace ?? []) {
    const m = /\(?((?:[A-Za-z]:)?[^():]+\.(?:ts|js|mjs|cjs)):(\d+):\d+\)?$/.exec(frame.trim());
    if (m && !m[1].includes(`${path.sep}node_modules${path.sep}`))
      return { uri: toUri(m[1]), line: Number(m[2]) };
  }
  return undefined;
}
