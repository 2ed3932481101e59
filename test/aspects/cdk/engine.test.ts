/**
 * The engine binding (aspects/cdk/engine.ts) and the refusal of a construct tree built with another copy
 * of the engine (apply-policy.ts): aspects are stored per engine copy, so without the refusal such a tree
 * would synthesize with exit 0 and no report (it did, before the refusal existed).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as Cdktf from 'cdktf';
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ENGINE_NAME, applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { engineLocation, engineVersion } from '../../../aspects/cdk/engine';
import type * as Engine from '../../../aspects/cdk/engine';

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

const outdir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gate-engine-'));
  dirs.push(d);
  return d;
};

/** A second, independent copy of cdktf in this process (what a nested node_modules copy gives). */
function secondCopy(): typeof Cdktf {
  let copy: typeof Cdktf | undefined;
  jest.isolateModules(() => {
    copy = jest.requireActual<typeof Cdktf>('cdktf');
  });
  if (!copy || copy.App === App) throw new Error('test setup: no second copy of cdktf');
  return copy;
}

describe('the engine binding', () => {
  it('is cdktf in this entry point, at the version the repository pins', () => {
    expect(ENGINE_NAME).toBe('cdktf');
    expect(engineVersion()).toBe('0.21.0');
    expect(engineLocation()).toBe(require.resolve('cdktf/package.json'));
  });
});

describe('the engine binding when the engine cannot be used', () => {
  afterEach(() => {
    jest.dontMock('cdktf');
    jest.dontMock('fs');
  });

  it('refuses to load without the engine, naming the fix (install it, or the entry point for the other engine)', () => {
    let error: unknown;
    jest.isolateModules(() => {
      jest.doMock('cdktf', () => {
        throw new Error("Cannot find module 'cdktf' from 'aspects/cdk/engine.ts'\n\nRequire stack:\n  x.ts");
      });
      try {
        jest.requireActual('../../../aspects/cdk/engine');
      } catch (e) {
        error = e;
      }
    });
    expect(error).toEqual(
      new Error(
        "[compliance/EngineMissing] this entry point of the gate runs on cdktf, which cannot be loaded (Cannot find module 'cdktf' from 'aspects/cdk/engine.ts'). Install cdktf (a peer dependency), or, for a cdktn app, import '@payments-compliance/gate/cdktn'.",
      ),
    );
  });

  it("names the engine's version 'unknown' when its package.json cannot be read", () => {
    let version = '';
    jest.isolateModules(() => {
      const actual = jest.requireActual<typeof fs>('fs');
      const manifest = require.resolve('cdktf/package.json');
      jest.doMock('fs', () => ({
        ...actual,
        readFileSync: (file: fs.PathOrFileDescriptor, ...rest: unknown[]): unknown => {
          if (file === manifest) throw new Error(`EACCES: permission denied, open '${manifest}'`);
          return (actual.readFileSync as (...a: unknown[]) => unknown)(file, ...rest);
        },
      }));
      version = jest.requireActual<typeof Engine>('../../../aspects/cdk/engine').engineVersion();
    });
    expect(version).toBe('unknown');
  });
});

/** Writes a fake engine package tree below a fresh directory (its real path, as module paths are). */
function packages(files: Record<string, string>): string {
  const root = fs.realpathSync(outdir());
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

/** A root construct class, as an engine's App is. */
const ROOT_CLASS = `const { Construct } = require(${JSON.stringify(require.resolve('constructs'))});
class App extends Construct {
  constructor() {
    super(undefined, '');
  }
}`;

const ours = `cdktf 0.21.0 (${path.dirname(require.resolve('cdktf/package.json'))})`;
const mismatch = (scope: string, other: string): string =>
  `[compliance/EngineMismatch] ${scope}: this construct tree was built with ${other}, but this gate entry point runs on ${ours}. Aspects are stored per engine copy, so that tree's synth would never run the gate and would pass unjudged. Fix: keep exactly one copy of the engine (\`npm ls cdktf\`, then align versions with the gate's peer range and \`npm dedupe\`), or import the gate entry point for your engine ('@payments-compliance/gate' for cdktf, '@payments-compliance/gate/cdktn' for cdktn).`;

describe('naming the engine copy a foreign construct tree was built with', () => {
  it('names the package that defines the root class (deepest module), not a package that re-exports it', () => {
    // A wrapper package re-exports (under its own name) the App of its nested engine copy; that copy exposes
    // App through a non-enumerable export, and depends on a package nested deeper still (which must not count).
    const root = packages({
      'node_modules/wrapper/package.json': '{"name":"wrapper","version":"1.0.0"}',
      'node_modules/wrapper/index.js': "exports.CdkApp = require('./node_modules/cdktf/lib/app.js').App;\n",
      'node_modules/wrapper/node_modules/cdktf/package.json': '{"name":"cdktf","version":"0.20.0"}',
      'node_modules/wrapper/node_modules/cdktf/lib/app.js': `require('helper');\n${ROOT_CLASS}\nObject.defineProperty(exports, 'App', { value: App, enumerable: false });\n`,
      'node_modules/wrapper/node_modules/cdktf/node_modules/helper/package.json':
        '{"name":"helper","version":"3.0.0"}',
      'node_modules/wrapper/node_modules/cdktf/node_modules/helper/lib/deep/index.js': 'exports.help = 1;\n',
      'node_modules/wrapper/node_modules/cdktf/node_modules/helper/index.js':
        "module.exports = require('./lib/deep/index.js');\n",
    });
    const wrapper = jest.requireActual<{ CdkApp: new () => Construct }>(
      path.join(root, 'node_modules', 'wrapper'),
    );
    const app = new wrapper.CdkApp();
    expect(() => applyPolicy(app, paymentsPolicy())).toThrow(
      new Error(
        mismatch(
          '<app>',
          `cdktf 0.20.0 (${path.join(root, 'node_modules', 'wrapper', 'node_modules', 'cdktf')})`,
        ),
      ),
    );
  });

  it('names a package without a name or version as "an engine ?", with its directory', () => {
    const root = packages({
      'node_modules/anon/package.json': '{}',
      'node_modules/anon/lib/app.js': `${ROOT_CLASS}\nexports.App = App;\n`,
    });
    const anon = jest.requireActual<{ App: new () => Construct }>(
      path.join(root, 'node_modules', 'anon', 'lib', 'app.js'),
    );
    const stack = new TerraformStack(new anon.App(), 'pay');
    expect(() => applyPolicy(stack, paymentsPolicy())).toThrow(
      new Error(mismatch('pay', `an engine ? (${path.join(root, 'node_modules', 'anon')})`)),
    );
  });
});

describe('naming the engine copy of a root no loaded module exports', () => {
  // A root class that no module exports (built in place, as a hand-rolled tree or a bundler might): no
  // package can be named, so the message names the root's class, or its type when it has no constructor.
  const { Construct: Base } = jest.requireActual<{ Construct: typeof Construct }>('constructs');

  it("names the root's class", () => {
    class HandMadeRoot extends Base {
      constructor() {
        super(undefined as unknown as Construct, '');
      }
    }
    const stack = new TerraformStack(new HandMadeRoot(), 'pay');
    expect(() => applyPolicy(stack, paymentsPolicy())).toThrow(
      new Error(
        mismatch('pay', "another engine copy (its root is a HandMadeRoot that is not this engine's App)"),
      ),
    );
  });

  // Regression: with no constructor to look for, every loaded module without an `App` export matched, and
  // the message named a random package (readable-stream 2.3.8).
  it("names the root's type when the root has no constructor function, never a package", () => {
    class Bare extends Base {
      constructor() {
        super(undefined as unknown as Construct, '');
      }
    }
    const root = new Bare();
    Object.defineProperty(root, 'constructor', { value: undefined });
    const stack = new TerraformStack(root, 'pay');
    expect(() => applyPolicy(stack, paymentsPolicy())).toThrow(
      new Error(mismatch('pay', 'another engine copy (its root is a object without a class)')),
    );
  });
});

describe('a construct tree built with another copy of the engine', () => {
  it('is refused at applyPolicy on a foreign stack below an App of this copy', () => {
    const other = secondCopy();
    const app = new App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, 'foreign');
    // The App is this copy's: the message names the stack that is not, never this copy as the other one.
    expect(() => applyPolicy(stack, paymentsPolicy())).toThrow(
      /^\[compliance\/EngineMismatch\] foreign: this construct tree was built with another engine copy \(the stack foreign is not a TerraformStack of this engine\), but this gate entry point runs on cdktf /,
    );
  });

  it('is refused at applyPolicy on a stack, with the fix', () => {
    const other = secondCopy();
    const app = new other.App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, 'foreign');
    expect(() => applyPolicy(stack, paymentsPolicy())).toThrow(
      /^\[compliance\/EngineMismatch\] foreign: this construct tree was built with .*, but this gate entry point runs on cdktf 0\.21\.0 \(.*\)\. Aspects are stored per engine copy, so that tree's synth would never run the gate and would pass unjudged\. Fix: keep exactly one copy of the engine \(`npm ls cdktf`/,
    );
  });

  it('is refused at applyPolicy on the App and on a construct inside a foreign stack', () => {
    const other = secondCopy();
    const app = new other.App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, 'foreign');
    const group = new CloudwatchLogGroup(stack, 'audit', { name: '/x' });
    expect(() => applyPolicy(app, paymentsPolicy())).toThrow(/^\[compliance\/EngineMismatch\] <app>: /);
    expect(() => applyPolicy(group, paymentsPolicy())).toThrow(
      /^\[compliance\/EngineMismatch\] foreign\/audit: /,
    );
  });

  it('without the refusal would have passed unjudged: the other copy never runs our aspects', () => {
    // The fact the refusal rests on, checked on the engine itself.
    const other = secondCopy();
    const app = new other.App({ outdir: outdir() });
    const stack = new other.TerraformStack(app, 'foreign');
    const { Aspects } = jest.requireActual<typeof Cdktf>('cdktf');
    let visited = 0;
    Aspects.of(stack).add({ visit: () => void visited++ });
    app.synth();
    expect(visited).toBe(0);
  });

  it('a tree of this copy is accepted', () => {
    const app = new App({ outdir: outdir() });
    const stack = new TerraformStack(app, 'own');
    expect(() => applyPolicy(stack, paymentsPolicy())).not.toThrow();
  });
});
