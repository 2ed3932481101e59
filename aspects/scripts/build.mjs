// Builds the package: tsc emits dist/ (the cdktf entry, the CDK-free core, the rules), then dist/cdktn/
// is the same compiled tree bound to cdktn: only cdk/engine.js and cdk/engine.d.ts differ (they import
// `cdktn` instead of `cdktf`). Fails loudly when that module no longer looks as expected, so the two
// copies cannot drift silently.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const pkg = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const dist = path.join(pkg, 'dist');
const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', path.join(pkg, 'tsconfig.build.json')], { stdio: 'inherit' });

const cdktn = path.join(dist, 'cdktn');
fs.mkdirSync(cdktn);
for (const entry of fs.readdirSync(dist)) {
  if (entry === 'cdktn') continue;
  fs.cpSync(path.join(dist, entry), path.join(cdktn, entry), { recursive: true });
}
for (const file of ['cdk/engine.js', 'cdk/engine.d.ts']) {
  const target = path.join(cdktn, file);
  const text = fs.readFileSync(target, 'utf8');
  // Only the module bindings and the engine's name: other 'cdktf' literals (messages) keep their meaning.
  const bound = text
    .replace(/require\((["'])cdktf\1\)/g, 'require($1cdktn$1)')
    .replace(/from (["'])cdktf\1/g, 'from $1cdktn$1')
    .replace(/import\((["'])cdktf\1\)/g, 'import($1cdktn$1)')
    .replace(/ENGINE_NAME(: string)? = (["'])cdktf\2/g, 'ENGINE_NAME$1 = $2cdktn$2');
  if (
    bound === text ||
    /require\(["']cdktf["']\)|from ["']cdktf["']|ENGINE_NAME(: string)? = ["']cdktf/.test(bound)
  ) {
    throw new Error(`build: ${file} does not import "cdktf" as expected; the cdktn binding cannot be made`);
  }
  fs.writeFileSync(target, bound);
}
const leftovers = [];
const walk = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (
      /\.(js|d\.ts)$/.test(e.name) &&
      /require\("cdktf"\)|from ["']cdktf["']/.test(fs.readFileSync(p, 'utf8'))
    )
      leftovers.push(p);
  }
};
walk(cdktn);
if (leftovers.length > 0)
  throw new Error(`build: the cdktn copy still imports cdktf in ${leftovers.join(', ')}`);
console.log(
  `built ${path.relative(process.cwd(), dist)} (cdktf) and ${path.relative(process.cwd(), cdktn)} (cdktn)`,
);
