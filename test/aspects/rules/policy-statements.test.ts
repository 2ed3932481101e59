/**
 * aspects/rules/policy-statements.ts: service principals an Allow names, statement labels for messages,
 * ARN patterns matched as IAM does, and literal replacement.
 */
import type { Statement } from '../../../aspects/core/values';
import {
  allowsService,
  arnPatternMatches,
  replaceAllLiteral,
  statementLabel,
} from '../../../aspects/rules/policy-statements';

/** A statement with defaults. */
function st(over: Partial<Statement>): Statement {
  return {
    effect: 'Allow',
    principals: {},
    hasNotPrincipal: false,
    actions: [],
    notActions: [],
    resources: [],
    notResources: [],
    conditions: {},
    ...over,
  };
}

describe('allowsService', () => {
  it('an Allow that names the service principal, in any case', () => {
    expect(allowsService(st({ principals: { Service: ['logs.amazonaws.com'] } }), 'logs.amazonaws.com')).toBe(
      true,
    );
    expect(allowsService(st({ principals: { Service: ['Logs.AmazonAWS.com'] } }), 'logs.amazonaws.com')).toBe(
      true,
    );
  });

  it('not a Deny, another service, a * principal or no Service principal at all', () => {
    const logs = 'logs.amazonaws.com';
    expect(allowsService(st({ effect: 'Deny', principals: { Service: [logs] } }), logs)).toBe(false);
    expect(allowsService(st({ principals: { Service: ['sns.amazonaws.com'] } }), logs)).toBe(false);
    expect(allowsService(st({ principals: { '*': ['*'] } }), logs)).toBe(false);
    expect(allowsService(st({ principals: { AWS: ['*'] } }), logs)).toBe(false);
    expect(allowsService(st({}), logs)).toBe(false);
  });
});

describe('statementLabel', () => {
  it('statementLabel names a statement by Sid, else by its 1-based position', () => {
    const st = { sid: 'Logs' } as Statement;
    expect(statementLabel(st, 0)).toBe('statement "Logs"');
    expect(statementLabel({ ...st, sid: undefined }, 0)).toBe('statement #1');
    expect(statementLabel({ ...st, sid: '' }, 2)).toBe('statement #3');
  });
});

describe('ARN patterns and literal replacement', () => {
  it('match ARNs case-sensitively, with * and ?, every other character literally', () => {
    expect(arnPatternMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::b/key')).toBe(true);
    expect(arnPatternMatches('arn:aws:s3:::b/*', 'arn:aws:s3:::B/key')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::my.bucket', 'arn:aws:s3:::myxbucket')).toBe(false);
    expect(arnPatternMatches('arn:aws:s3:::b?', 'arn:aws:s3:::b1')).toBe(true);
  });

  it('replace every occurrence of a literal text, and nothing for an empty one', () => {
    expect(replaceAllLiteral('a.b.a', 'a', 'x')).toBe('x.b.x');
    expect(replaceAllLiteral('a.b', '.', '*')).toBe('a*b');
    expect(replaceAllLiteral('abc', '', 'x')).toBe('abc');
  });
});
