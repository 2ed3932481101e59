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
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ENGINE_NAME, applyPolicy, paymentsPolicy } from '@payments-compliance/gate';
import { engineLocation, engineVersion } from '../../../aspects/cdk/engine';

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

describe('a construct tree built with another copy of the engine', () => {
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
