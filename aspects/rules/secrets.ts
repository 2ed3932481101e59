/**
 * What a plain-text secret looks like in configuration values (Lambda environment variables): the shapes
 * AWS and secret scanners recognize, and high-entropy text under a name that says "secret".
 */

/** AWS access key ids: AKIA (long-term), ASIA (temporary), ABIA / ACCA, then 16 upper-case letters or digits. */
const ACCESS_KEY_ID = /(^|[^A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}($|[^A-Z0-9])/;
/** A PEM private key block (RSA, EC, OPENSSH, encrypted or not). */
const PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
/** An AWS secret access key: 40 characters of base64 (checked only under a secret-like name). */
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+]{40}$/;

/** Name words that say the value is a secret. */
const SECRET_WORDS = new Set([
  'SECRET',
  'SECRETS',
  'PASSWORD',
  'PASSWD',
  'PWD',
  'TOKEN',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
]);
/** `<word> KEY` pairs that name a secret key (`API_KEY`, `PRIVATE_KEY`, `ACCESS_KEY`...). */
const KEY_QUALIFIERS = new Set([
  'API',
  'PRIVATE',
  'ACCESS',
  'SIGNING',
  'CLIENT',
  'ENCRYPTION',
  'MASTER',
  'SECRET',
  'HMAC',
]);
/** A last word that says the value only *names* the secret (where to fetch it), e.g. `DB_SECRET_ARN`. */
const POINTER_WORDS = new Set([
  'ARN',
  'NAME',
  'ID',
  'PATH',
  'PARAM',
  'PARAMETER',
  'TTL',
  'URL',
  'URI',
  'REGION',
  'FILE',
  'HEADER',
  'LENGTH',
  'TYPE',
  'VERSION',
  'PREFIX',
]);

/** The words of a variable name: `dbPassword` and `DB_PASSWORD` both give [DB, PASSWORD]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/** Whether a variable name says its value is a secret (and not a pointer to one). */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0 || POINTER_WORDS.has(words[words.length - 1])) return false;
  return words.some(
    (w, i) => SECRET_WORDS.has(w) || (w === 'KEY' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])),
  );
}

/** Shannon entropy of a string in bits per character. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Minimum length and entropy (bits per character) of a value that looks generated rather than written. */
export const HIGH_ENTROPY = { minLength: 16, minBits: 3.5 } as const;

/**
 * Whether text looks machine-generated: at least 16 characters, no blanks, at least 3.5 bits of entropy per
 * character, and at least two of lower case, upper case and digits (so names and paths such as
 * `payments/db-credentials` are not taken for secrets).
 */
export function isHighEntropy(s: string): boolean {
  if (s.length < HIGH_ENTROPY.minLength || /\s/.test(s)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(s)).length;
  return classes >= 2 && entropy(s) >= HIGH_ENTROPY.minBits;
}

/** Why a literal environment value is a plain-text secret, or undefined when it does not look like one. */
export function secretShape(name: string, value: string): string | undefined {
  if (ACCESS_KEY_ID.test(value)) return 'holds an AWS access key id';
  if (PRIVATE_KEY.test(value)) return 'holds a private key';
  if (!isSecretName(name) || /^arn:/.test(value)) return undefined;
  if (SECRET_ACCESS_KEY.test(value))
    return 'holds what looks like an AWS secret access key (40 base64 characters)';
  if (isHighEntropy(value)) return 'holds a high-entropy value under a secret-like name';
  return undefined;
}
