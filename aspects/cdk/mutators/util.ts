import type { IConstruct } from 'constructs';
import { TerraformResource, TerraformStack, Token, Tokenization } from '../engine';

/** The Terraform type of a managed resource construct, or undefined for anything else. */
export function resourceType(node: IConstruct): string | undefined {
  return TerraformResource.isTerraformResource(node) ? node.terraformResourceType : undefined;
}

/** True when a configured value is a token (only Terraform knows its value): mutators leave it alone. */
export function isToken(v: unknown): boolean {
  return v !== undefined && v !== null && Token.isUnresolved(v);
}

/**
 * A mutable view of a generated resource: its configured inputs (`xInput` getters) and setters. The
 * generated classes expose both; mutators go through this one type and name the inputs they read.
 */
export type Mutable = Record<string, unknown> & TerraformResource;
export function mutable(node: IConstruct): Mutable {
  return node as unknown as Mutable;
}

/** Sets a scalar input when it was left out (its `xInput` is undefined) and there is a value to set. */
export function setIfAbsent(r: Mutable, input: string, value: unknown): void {
  if (value !== undefined && r[`${input}Input`] === undefined) r[input] = value;
}

/** Calls a generated `putX(value)` method. */
export function put(r: Mutable, block: string, value: unknown): void {
  const fn = r[`put${block}`];
  if (typeof fn !== 'function')
    throw new Error(`[compliance/MutatorBroken] ${r.node.path} has no put${block}()`);
  (fn as (v: unknown) => void).call(r, value);
}

/** A plain object copy of a block's configured value, or undefined when absent or a token. */
export function blockValue(v: unknown): Record<string, unknown> | undefined {
  if (v === undefined || v === null || isToken(v) || typeof v !== 'object' || Array.isArray(v))
    return undefined;
  return { ...(v as Record<string, unknown>) };
}

/** What a mutator may tell the checker: a problem on a construct, reported as a line of the synth. */
export interface MutatorContext {
  report(node: IConstruct, message: string): void;
}

/**
 * The path of the stack a token value refers to, when that is not `node`'s stack (undefined for a
 * literal, or a reference within the stack).
 */
export function foreignStackOf(value: string, node: IConstruct): string | undefined {
  if (!Token.isUnresolved(value)) return undefined;
  const own = TerraformStack.of(node);
  for (const token of Tokenization.reverseString(value).tokens) {
    const origin = (token as { originStack?: unknown }).originStack;
    if (origin !== undefined && origin !== own && TerraformStack.isStack(origin)) return origin.node.path;
  }
  return undefined;
}
