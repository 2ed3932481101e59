/**
 * writeAtomically and toUri (aspects/core/files.ts): the report files' writer (content plus a final
 * newline, no temporary file left behind) and SARIF artifact URIs (relative below the working
 * directory, absolute outside it, `/`-separated).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { toUri, writeAtomically } from '../../../aspects/core/files';

describe('writeAtomically', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-test-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the content with a final newline and leaves no temporary file', () => {
    const file = path.join(dir, 'report.json');
    writeAtomically(file, '{"a":1}');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"a":1}\n');
    expect(fs.readdirSync(dir)).toEqual(['report.json']);
  });

  it('replaces an existing file', () => {
    const file = path.join(dir, 'report.json');
    fs.writeFileSync(file, 'old content that is longer');
    writeAtomically(file, 'new');
    expect(fs.readFileSync(file, 'utf8')).toBe('new\n');
    expect(fs.readdirSync(dir)).toEqual(['report.json']);
  });

  // Regression: a failed rename left `<file>.<pid>.tmp` beside the file.
  it('throws when the file cannot be replaced (a directory there), leaving no temporary file', () => {
    const file = path.join(dir, 'report.json');
    fs.mkdirSync(path.join(file, 'inside'), { recursive: true });
    expect(() => writeAtomically(file, 'new')).toThrow(/report\.json/);
    expect(fs.readdirSync(dir)).toEqual(['report.json']);
    expect(fs.readdirSync(file)).toEqual(['inside']);
  });
});

describe('toUri', () => {
  it('a file below the working directory: relative and /-separated', () => {
    expect(toUri(path.join(process.cwd(), 'cdktf.out', 'stacks', 'x', 'cdk.tf.json'))).toBe(
      'cdktf.out/stacks/x/cdk.tf.json',
    );
    expect(toUri(path.join('src', 'main.ts'))).toBe('src/main.ts');
  });

  it('a file outside the working directory: absolute', () => {
    const outside = path.resolve(process.cwd(), '..', 'elsewhere', 'main.tf');
    expect(toUri(outside)).toBe(outside.split(path.sep).join('/'));
    expect(toUri(path.join('..', 'elsewhere', 'main.tf'))).toBe(outside.split(path.sep).join('/'));
  });
});
