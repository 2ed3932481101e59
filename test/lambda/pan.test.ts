import fc from 'fast-check';
import { containsPan, containsPanOutsideUuids, findPanInValue, luhnValid, maskPans } from '../../lambda/pan';
import { validatePaymentRequest } from '../../lambda/validation';
import { fcParams } from '../support/fc';
import { formattedPan, leaksPan, luhnCheckDigit, panDigits } from '../support/pan-arbitraries';

describe('luhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['378282246310005', true], // Amex test number
    ['6011111111111117', true],
    ['', false],
    ['12a4', false],
  ])('luhnValid(%j) is %s', (digits, expected) => {
    expect(luhnValid(digits)).toBe(expected);
  });

  it('accepts the check digit computed by the test generator (independent implementation)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 18 }),
        (payload) => {
          expect(luhnValid(payload + luhnCheckDigit(payload))).toBe(true);
          const wrong = String((Number(luhnCheckDigit(payload)) + 1) % 10);
          expect(luhnValid(payload + wrong)).toBe(false);
        },
      ),
      fcParams(),
    );
  });
});

describe('containsPan / maskPans', () => {
  it.each([
    'card 4111 1111 1111 1111 exp 12/30',
    '4111-1111-1111-1111',
    '4111 - 1111 - 1111 - 1111',
    'x4111111111111111y',
    'order 12 4111 1111 1111 1111', // glued to other digits: still found by the window scan
    '４１１１１１１１１１１１１１１１', // fullwidth digits
    '{"n":4111111111111111}',
  ])('finds the PAN in %j', (text) => {
    expect(containsPan(text)).toBe(true);
    expect(maskPans(text)).toContain('[REDACTED:PAN]');
    expect(maskPans(text).replace(/\D/g, '')).not.toContain('4111111111111111');
  });

  it.each([
    'amount 1050 USD',
    '2026-11-28T00:51:52.085Z',
    'phone +1 555 010 9999',
    '411111111111',
    '4111 1111 1111 1',
  ])('does not flag %j', (text) => {
    expect(containsPan(text)).toBe(false);
    expect(maskPans(text)).toBe(text);
  });

  it('finds any Luhn-valid PAN, in any usual format, whatever text surrounds it', () => {
    fc.assert(
      fc.property(fc.string(), formattedPan, fc.string(), (before, pan, after) => {
        const text = before + pan.text + after;
        expect(containsPan(text)).toBe(true);
        const masked = maskPans(text);
        expect(leaksPan(masked, pan)).toBe(false);
      }),
      fcParams(),
    );
  });

  it('masking leaves no PAN behind, for any text (law: containsPan(maskPans(s)) is false)', () => {
    const digitHeavy = fc.string({ unit: fc.constantFrom(...'0123456789 -x'), maxLength: 80 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), digitHeavy), (text) => {
        expect(containsPan(maskPans(text))).toBe(false);
      }),
      fcParams({ numRuns: 300 }),
    );
  });

  it('never flags a lone 13-digit number that fails Luhn', () => {
    fc.assert(
      fc.property(
        panDigits.filter((d) => d.length === 13),
        (valid) => {
          const invalid = valid.slice(0, 12) + String((Number(valid[12]) + 5) % 10);
          expect(containsPan(`ref ${invalid} end`)).toBe(false);
        },
      ),
      fcParams(),
    );
  });
});

describe('findPanInValue', () => {
  it('reports the path of the first value, number or key holding a PAN', () => {
    expect(findPanInValue({ a: 1, b: { c: ['x', 'pan 4111111111111111'] } })).toBe('b.c[1]');
    expect(findPanInValue({ amount: 4111111111111111 })).toBe('amount');
    expect(findPanInValue({ '4111111111111111': 1 })).toBe('(key)');
    expect(findPanInValue({ a: 'fine', b: [1, 2, 3] })).toBeUndefined();
  });
});

describe('containsPanOutsideUuids (the Idempotency-Key check)', () => {
  // A random UUID whose decimal groups, joined by dashes, pass the plain scan (found by sampling).
  const unluckyUuid = 'key-f64b4222-9b17-4545-8520-6949d7750527';

  it('never flags a random UUID key, where the plain scan refuses some', () => {
    expect(containsPan(unluckyUuid)).toBe(true);
    expect(containsPanOutsideUuids(unluckyUuid)).toBe(false);
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom('', 'key-', 'order-'), (uuid, prefix) => {
        expect(containsPanOutsideUuids(`${prefix}${uuid}`)).toBe(false);
      }),
      fcParams({ numRuns: 2000 }),
    );
  });

  it('still flags a card number in any format next to or instead of a UUID', () => {
    fc.assert(
      fc.property(formattedPan, fc.uuid(), (pan, uuid) => {
        expect(containsPanOutsideUuids(pan.text)).toBe(true);
        expect(containsPanOutsideUuids(`${uuid}:${pan.text}`)).toBe(true);
      }),
      fcParams(),
    );
  });
});

describe('the Idempotency-Key in a request', () => {
  it('accepts a UUID key that only the aggressive scanner would mistake for a card number', () => {
    const r = validatePaymentRequest({
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': 'f64b4222-9b17-4545-8520-6949d7750527',
      },
      body: JSON.stringify({ amount: 1050, currency: 'USD', paymentMethodToken: 'tok_visa_4242' }),
    });
    expect(r.ok).toBe(true);
  });
});
