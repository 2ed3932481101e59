/** Nested configuration blocks, read the same way from CDKTF objects and plan arrays. */
import { firstBlock } from '../core/model';

/** The nested block `a.b` (CDKTF object or plan array) of a block, or undefined. */
export function nested(
  block: Record<string, unknown> | undefined,
  name: string,
): Record<string, unknown> | undefined {
  return block ? firstBlock(block[name]) : undefined;
}
