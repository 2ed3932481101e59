/**
 * wildcardMatches (ARN patterns, no RegExp) must agree with the anchored RegExp reading of the same
 * pattern (wildcardRegExp), which is how IAM documents `*` and `?`: checked on fixed cases and on
 * random patterns and values over a small alphabet (so matches and near-misses are both common).
 */
import fc from 'fast-check';
import { wildcardMatches, wildcardRegExp } from '../../aspects/core/values';
import { fcParams } from '../support/fc';

describe('wildcardMatches', () => {
  it.each([
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive/*', true],
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive/a/b', true],
    ['arn:aws:s3:::pay-archive/*', 'arn:aws:s3:::pay-archive', false],
    ['arn:aws:s3:::pay-archive', 'arn:aws:s3:::pay-archive/*', false],
    ['arn:aws:s3:::pay-*', 'arn:aws:s3:::pay-archive', true],
    ['arn:aws:s3:::pay-?rchive', 'arn:aws:s3:::pay-archive', true],
    ['arn:aws:s3:::pay-?rchive', 'arn:aws:s3:::pay-rchive', false],
    ['*', '', true],
    ['', '', true],
    ['', 'a', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['**a', 'ba', true],
    ['arn:aws:s3:::PAY', 'arn:aws:s3:::pay', false],
  ])('%j matches %j: %s', (pattern, value, expected) => {
    expect(wildcardMatches(pattern, value)).toBe(expected);
  });

  it('agrees with the anchored RegExp on random patterns and values', () => {
    const text = (chars: string[], max: number) =>
      fc.array(fc.constantFrom(...chars), { maxLength: max }).map((a) => a.join(''));
    fc.assert(
      fc.property(text(['a', 'b', '/', '*', '?'], 8), text(['a', 'b', '/', '*'], 10), (pattern, value) => {
        expect(wildcardMatches(pattern, value)).toBe(wildcardRegExp(pattern).test(value));
      }),
      fcParams({ numRuns: 2000 }),
    );
  });
});
