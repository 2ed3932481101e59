import fc from 'fast-check';
import { simulatedProcessor } from '../../lambda/processor';
import { fcParams } from '../support/fc';

const opts = { signal: new AbortController().signal };

describe('simulatedProcessor', () => {
  it('approves and captures an ordinary token whatever its idempotency key, and is idempotent', async () => {
    // regression: the capture-failure mark once was a hex suffix, so 1 key in 256 failed to capture
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1 }), async (key) => {
        const req = { idempotencyKey: key, amount: 1, currency: 'USD', token: 'tok_visa_4242' };
        const a = await simulatedProcessor.authorize(req, opts);
        expect(a).toEqual(await simulatedProcessor.authorize(req, opts));
        if (!a.approved) throw new Error('declined');
        const c = await simulatedProcessor.capture(
          { idempotencyKey: key, authorizationId: a.authorizationId, amount: 1, currency: 'USD' },
          opts,
        );
        expect(c).toMatchObject({ captured: true });
      }),
      fcParams({ numRuns: 2000 }),
    );
  });

  it('fails the capture of tok_capture_fail tokens and declines tok_decline tokens', async () => {
    const a = await simulatedProcessor.authorize(
      { idempotencyKey: 'k', amount: 1, currency: 'USD', token: 'tok_capture_fail_1' },
      opts,
    );
    if (!a.approved) throw new Error('declined');
    await expect(
      simulatedProcessor.capture(
        { idempotencyKey: 'k', authorizationId: a.authorizationId, amount: 1, currency: 'USD' },
        opts,
      ),
    ).resolves.toEqual({ captured: false, reason: 'capture_failed' });
    await expect(
      simulatedProcessor.authorize(
        { idempotencyKey: 'k', amount: 1, currency: 'USD', token: 'tok_decline_1' },
        opts,
      ),
    ).resolves.toEqual({ approved: false, reason: 'card_declined' });
  });
});
