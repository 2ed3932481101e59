/** What a plain-text secret looks like (aspects/rules/secrets.ts). Keys are AWS's documented examples. */
import { entropy, isHighEntropy, isSecretName, nameWords, secretShape } from '../../../aspects/rules/secrets';

describe('nameWords and isSecretName', () => {
  it('splits snake, kebab and camel case', () => {
    expect(nameWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
    expect(nameWords('STRIPE_API-KEY')).toEqual(['STRIPE', 'API', 'KEY']);
    expect(nameWords('__')).toEqual([]);
  });
  it.each<[string, boolean]>([
    ['DB_PASSWORD', true],
    ['dbPasswd', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['STRIPE_API_KEY', true],
    ['APIKEY', true],
    ['PRIVATE_KEY', true],
    ['GITHUB_TOKEN', true],
    ['SERVICE_CREDENTIALS', true],
    ['DB_SECRET_ARN', false],
    ['DB_SECRET_NAME', false],
    ['TOKEN_TTL', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['CACHE_KEY', false],
    ['ACCESS_LOG_BUCKET', false], // a key qualifier before a word other than KEY
    ['PRIVATE_SUBNET_IDS', false],
    ['KEY', false],
    ['LOG_LEVEL', false],
    ['', false],
  ])('%s: %s', (name, expected) => {
    expect(isSecretName(name)).toBe(expected);
  });
});

describe('entropy and isHighEntropy', () => {
  it('measures bits per character', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abab')).toBe(1);
    expect(entropy('abcd')).toBe(2);
    expect(entropy('abcdEFGHijklijkl')).toBe(3.5);
  });
  it.each<[string, boolean]>([
    ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b', true],
    ['Zx8qP2mN7vL4kR9t', true], // 16 characters: the shortest that counts
    ['Zx8qP2mN7vL4kR9', false], // 15
    ['payments/db-credentials', false], // one character class: a name, not a secret
    ['PAYMENTS/DB-CREDENTIALS', false], // upper case and punctuation: still one class
    ['abcdEFGHijklijkl', true], // exactly 3.5 bits per character: the lowest entropy that counts
    ['AAAAAAAAAAAAAAAAAAAA1111', false], // two classes but low entropy
    ['Zx8qP2mN 7vL4kR9tQ', false], // a blank: prose, not a token
  ])('%s: %s', (value, expected) => {
    expect(isHighEntropy(value)).toBe(expected);
  });
});

describe('secretShape', () => {
  it.each<[string, string, string | undefined]>([
    ['ANY_NAME', 'AKIAIOSFODNN7EXAMPLE', 'holds an AWS access key id'],
    ['ANY_NAME', 'key=ASIAIOSFODNN7EXAMPLE;', 'holds an AWS access key id'],
    ['ANY_NAME', 'AKIAIOSFODNN7EXAMPL', undefined], // 19 characters
    ['ANY_NAME', 'XAKIAIOSFODNN7EXAMPLE', undefined], // part of a longer word
    ['TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE...', 'holds a private key'],
    ['TLS', '-----BEGIN PRIVATE KEY-----', 'holds a private key'],
    ['TLS', '-----BEGIN PUBLIC KEY-----', undefined],
    [
      'AWS_SECRET_ACCESS_KEY',
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      'holds what looks like an AWS secret access key (40 base64 characters)',
    ],
    ['API_TOKEN', '9f86d081884c7d659a2feaa0c55ad015', 'holds a high-entropy value under a secret-like name'],
    ['LOG_FORMAT', '9f86d081884c7d659a2feaa0c55ad015', undefined], // not a secret-like name
    ['DB_SECRET', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:ledger/db-AbCdEf', undefined],
    ['DB_PASSWORD', 'changeme', undefined], // low entropy: not judged (use a review, not a regex)
    // Only a value that starts with arn: is an ARN; one with arn: inside is still a token.
    ['API_TOKEN', 'Zx8qP2mNarn:7vL4kR9t', 'holds a high-entropy value under a secret-like name'],
  ])('%s = %j: %s', (name, value, expected) => {
    expect(secretShape(name, value)).toBe(expected);
  });
});
