/**
 * What the payment Lambda and the stack that deploys it must agree on, in one module with no imports, so
 * `resources/` can read it without loading the Lambda's runtime dependencies.
 */

/** The stages the Lambda times (`StageLatency` metric, dimension `Stage`), in order. */
export const STAGES = ['validate', 'reserve', 'authorize', 'capture', 'void', 'persist'] as const;

/** The EventBridge input that asks the Lambda to sweep abandoned payments. */
export const SWEEP_EVENT = { source: 'aws.events', detail: { action: 'sweep-abandoned' } } as const;
