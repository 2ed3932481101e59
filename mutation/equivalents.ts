/**
 * Surviving mutants that were reviewed and found equivalent (or unkillable for a stated reason), one
 * entry per mutant or per group of mutants that share a reason. `npx tsx mutation/summary.ts`
 * matches every survivor of the last run against these entries; with `--check` it exits 1 when a
 * survivor has no entry (an unexplained test gap) or an entry matches no survivor (a stale reason: the
 * mutant was killed or the code changed, so the entry must go or be rewritten).
 *
 * Entries are matched by file, mutator and source text, not by line number, so they survive edits that
 * only move code:
 * - `original`: a substring of the mutated source text (whitespace collapsed to single spaces);
 * - `replacement`: optional; a substring of the replacement text (whitespace collapsed);
 * - `line`: optional; only when the same text and mutator occur more than once in a file and the reason
 *   holds for one of them.
 */
export interface Equivalent {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement?: string;
  readonly line?: number;
  readonly reason: string;
}

export const EQUIVALENTS: readonly Equivalent[] = [
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'ConditionalExpression',
    original: 'suppressedBy',
    replacement: 'true',
    reason:
      'When no valid suppression matches, the mutant adds `undefined` to the set of used suppression sites; that set is only asked about declared sites, never about `undefined`.',
  },
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'ConditionalExpression',
    original: '!all',
    replacement: 'true',
    reason:
      'The per-type cache of applicable rules is recomputed for every resource instead of reused; its inputs (rules by type, taggable types, taggable rules) do not change during the loop, so the list is the same.',
  },
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'ConditionalExpression',
    original: 'all.length === 0',
    replacement: 'false',
    reason:
      'A shortcut: for a resource no rule judges, the mutant also looks up its suppressions (a pure lookup) and then loops over zero rules, adding no finding.',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'EqualityOperator',
    original: 'RANK[effective(f)] > RANK[effective(worst)]',
    replacement: '>=',
    reason:
      'On a tie the worst finding moves to a later one with the same effective outcome; only its effective outcome and `suppressedBy` are read, and every finding of one (resource, rule) pair gets `suppressedBy` from the same lookup over the same suppression sites, so both are equal.',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'ConditionalExpression',
    original: "typeof v === 'string' && v !== ''",
    reason:
      "Only decides which values go through the memo of parsed documents: a non-string (a JSON object from a data source) or '' parsed through the memo (a Map keyed by the value) gives the same document as parsed directly, and configuration values are not changed while judging.",
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'LogicalOperator',
    original: "typeof v === 'string' && v !== ''",
    reason:
      'As the ConditionalExpression mutants of the same test: it only changes which values are memoized, not what they parse to.',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'StringLiteral',
    original: "'policy-documents'",
    replacement: '""',
    reason:
      'A memo key: it only has to differ from the other memo keys of the model, and no other memo uses "".',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'ConditionalExpression',
    original: 'p < pattern.length',
    replacement: 'true',
    reason:
      'In wildcardMatches, past the end of the pattern `pattern[p]` is undefined, which equals neither a character of the value, nor "?", nor "*": every test that follows the bound check fails there anyway.',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'EqualityOperator',
    original: 'p < pattern.length',
    replacement: 'p <= pattern.length',
    reason:
      'In wildcardMatches, at `p === pattern.length` the character `pattern[p]` is undefined, which equals neither a character of the value, nor "?", nor "*": the test that follows the bound check fails there anyway.',
  },
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'ConditionalExpression',
    original: 'isToken(enc)',
    replacement: 'false',
    reason:
      'Dead branch: `artifactConfig` and its `s3Encryption` are single nested blocks, not typed IResolvable, and their generated internalValue setters copy the fields of whatever they are given, so a token assigned to either is dropped at construction and `artifactConfigInput.s3Encryption` is never a token (checked with a Lazy token: the input reads undefined, and the block is absent from the synthesized JSON even without the aspect).',
  },
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'ConditionalExpression',
    original: 'type === undefined',
    replacement: 'false',
    reason:
      'For a construct that is not a resource the mutant looks up `INJECTORS[undefined]`, i.e. the key "undefined", which does not exist, so nothing is injected either way.',
  },
  {
    file: 'aspects/cdk/mutators/tags.ts',
    mutator: 'ConditionalExpression',
    original: '!byAlias',
    replacement: 'true',
    reason:
      "Rebuilds the per-stack cache of the AWS providers' default tags on every visit instead of once; it reads the same providers (no mutator changes providers or their default_tags), so the same tags are injected, only more slowly.",
  },
  {
    file: 'aspects/cdk/mutators/tracing.ts',
    mutator: 'ConditionalExpression',
    original: 'type === undefined',
    replacement: 'false',
    reason:
      'For a construct that is not a resource the mutant goes on to `switch (undefined)`, which matches no case, so nothing is changed either way (`mutable(node)` before it is only a cast).',
  },
  {
    file: 'aspects/cdk/mutators/tracing.ts',
    mutator: 'ConditionalExpression',
    original: 'isToken(raw)',
    replacement: 'false',
    reason:
      "Dead branch: a canary's `runConfig` is a single nested block, not typed IResolvable, whose generated internalValue setter copies the fields of whatever it is given, so a token assigned to it is dropped at construction and `runConfigInput` is never a token (checked with a Lazy token: the input reads undefined).",
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'ConditionalExpression',
    original: 'v !== undefined',
    replacement: 'true',
    reason:
      '`Token.isUnresolved(undefined)` and `Token.isUnresolved(null)` are both false (checked), so the guards in front of it only save a call: dropping either or both, or joining them with ||, gives the same boolean for every value.',
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'LogicalOperator',
    original: 'v !== undefined && v !== null',
    replacement: '||',
    reason:
      '`Token.isUnresolved(undefined)` and `Token.isUnresolved(null)` are both false (checked), so the guards in front of it only save a call: dropping either or both, or joining them with ||, gives the same boolean for every value.',
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'ConditionalExpression',
    original: 'v !== null',
    replacement: 'true',
    reason:
      '`Token.isUnresolved(undefined)` and `Token.isUnresolved(null)` are both false (checked), so the guards in front of it only save a call: dropping either or both, or joining them with ||, gives the same boolean for every value.',
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'ConditionalExpression',
    original: 'v === undefined',
    replacement: 'false',
    reason:
      "For undefined the next clauses decide the same: `v === null` and `isToken(undefined)` are false and `typeof undefined !== 'object'` is true, so blockValue still returns undefined.",
  },
  {
    file: 'aspects/rules/AlarmNotifiesTopic.ts',
    mutator: 'ConditionalExpression',
    original: "protocol.kind === 'value'",
    replacement: 'true',
    reason:
      "In `protocol.kind === 'value' && protocol.value === 'email'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `undefined === 'email'` is false (the unresolved kind is handled on the line before).",
  },
  {
    file: 'aspects/rules/AlarmTopicKeyAdmitsServices.ts',
    mutator: 'ConditionalExpression',
    original: "key.kind !== 'cmk'",
    replacement: 'false',
    reason:
      "The 'unresolved' and 'aws-managed' judgements have returned before; the other non-cmk judgements of judgeKey ('absent', 'unknown') have no `key`, so `key.key === undefined` alone takes the same branch (and the message tests `key.kind === 'absent'` itself).",
  },
  {
    file: 'aspects/rules/AlarmTopicPolicyAdmitsServices.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 21,
    reason:
      "The fallback for documents that are not parsed statements: the extra element is a string, and `allowsService(st, service)` starts with `st.effect === 'Allow'`, false for a string, so it never counts as admitting a service (`&&` stops before statementCoversActions).",
  },
  {
    file: 'aspects/rules/AlarmTopicPolicyAdmitsServices.ts',
    mutator: 'ConditionalExpression',
    original: "pending.document.kind === 'unresolved'",
    replacement: 'true',
    reason:
      "`pending` was found by `documents.find((d) => d.document.kind === 'unresolved')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/AlarmTopicPolicyAdmitsServices.ts',
    mutator: 'ConditionalExpression',
    original: "invalid.document.kind === 'invalid'",
    replacement: 'true',
    reason:
      "`invalid` was found by `documents.find((d) => d.document.kind === 'invalid')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/ApiCacheEncrypted.ts',
    mutator: 'ConditionalExpression',
    original: "caching.kind !== 'value'",
    replacement: 'false',
    reason:
      'After the unresolved return the other non-value kinds (absent, invalid) have `caching.value` undefined, so `!caching.value` alone returns not-applicable for them.',
  },
  {
    file: 'aspects/rules/ApiCacheEncrypted.ts',
    mutator: 'OptionalChaining',
    original: "s?.['cache_data_encrypted']",
    reason:
      "Reached only when `s?.['caching_enabled']` was read as the value true, which requires `s` to be defined, so `s['cache_data_encrypted']` cannot throw there.",
  },
  {
    file: 'aspects/rules/ApiMethodAuthorization.ts',
    mutator: 'ConditionalExpression',
    original: "key.kind === 'value'",
    replacement: 'true',
    reason:
      "In `key.kind === 'value' && key.value` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `key.value` alone is falsy (the unresolved kind is handled on the next line either way).",
  },
  {
    file: 'aspects/rules/ApiMethodSettingsLogging.ts',
    mutator: 'ConditionalExpression',
    original: "s.kind === 'value'",
    replacement: 'true',
    reason:
      "In `s.kind === 'value' && (s.value === 'ERROR' || s.value === 'INFO')` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'ERROR' or 'INFO'.",
  },
  {
    file: 'aspects/rules/ApiStageAccessLogging.ts',
    mutator: 'ConditionalExpression',
    original: 'name !== undefined',
    replacement: 'true',
    reason:
      '`logGroupDeclared(model, [undefined])` is false: it looks the candidates up in the set of declared log group names, which holds strings only (declaredLogGroupNames adds a `name` only when it is a string).',
  },
  {
    file: 'aspects/rules/ApiStageAccessLogging.ts',
    mutator: 'MethodExpression',
    original: 's.value.trim()',
    replacement: 's.value',
    line: 47,
    reason:
      'Not equivalent, left untested on purpose: trim() also strips characters JSON.parse does not accept as whitespace (U+FEFF, U+00A0, \\v, \\f, U+2028/2029 and the other Unicode spaces), so a format such as "\\uFEFF{...$context.requestId...}" is a JSON object template with it and "not a JSON object template" without it; nothing else differs (JSON.parse skips space, tab, CR and LF itself, and the $context.requestId check does not depend on trimming). Which verdict is right depends on whether API Gateway or CloudWatch Logs Insights tolerate such a character around a JSON log line, which is not established.',
  },
  {
    file: 'aspects/rules/ApiStageAccessLogging.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 48,
    reason:
      "`out` is spread into `allOf`, which keeps only results whose outcome is 'non-compliant' or 'unresolved' (else one compliant()); the extra string has no outcome and is dropped, so the stage's results are the same.",
  },
  {
    file: 'aspects/rules/ApiStageAccessLogging.ts',
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    line: 49,
    reason:
      'The initial value of `json` is never read: the try block assigns it once JSON.parse has succeeded, and the catch assigns false when JSON.parse throws.',
  },
  {
    file: 'aspects/rules/ApiStageAccessLogging.ts',
    mutator: 'BlockStatement',
    original: '{ json = false; }',
    reason:
      'When JSON.parse throws, the assignment in the try block is not reached, so with the catch emptied `json` keeps its initial false, the value the catch sets.',
  },
  {
    file: 'aspects/rules/ApiStageMethodSettings.ts',
    mutator: 'StringLiteral',
    original: "'method-settings-by-api'",
    reason:
      'A TfModel memo key: no other memo of the gate uses the key "" (every other key is a non-empty literal or starts with a non-empty prefix), so the grouping is computed once and cached the same way under it.',
  },
  {
    file: 'aspects/rules/ApiStageMethodSettings.ts',
    mutator: 'ConditionalExpression',
    original: "p.kind === 'value'",
    replacement: 'true',
    reason:
      "In `p.kind === 'value' && p.value === '*/*'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never '*/*'.",
  },
  {
    file: 'aspects/rules/ApiStageMethodSettings.ts',
    mutator: 'ConditionalExpression',
    original: "open.kind === 'unresolved'",
    replacement: 'true',
    reason:
      "`open` was found by `paths.find((p) => p.kind === 'unresolved')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/CanaryArtifactsKmsCmk.ts',
    mutator: 'ConditionalExpression',
    original: "s.kind === 'value'",
    replacement: 'true',
    reason:
      "In `s.kind === 'value' && s.value === 'SSE_KMS'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'SSE_KMS' (the unresolved kind returned on the line before).",
  },
  {
    file: 'aspects/rules/FirehoseEncryptedCmk.ts',
    mutator: 'ConditionalExpression',
    original: "s.kind === 'value'",
    replacement: 'true',
    reason:
      "In `s.kind === 'value' && s.value === 'CUSTOMER_MANAGED_CMK'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'CUSTOMER_MANAGED_CMK' (the unresolved kind returned on the line before).",
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'ConditionalExpression',
    original: 'literalAttribute !== undefined',
    replacement: 'true',
    reason:
      'Without a `literalAttribute` the mutant reads `target.config[undefined]`, i.e. an attribute named "undefined", which no Terraform resource has, so `literal` is undefined either way.',
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'ConditionalExpression',
    original: "typeof literal === 'string'",
    replacement: 'true',
    reason:
      '`index.byLiteral.get(literal)` is then also called for a non-string `literal` (undefined, a number, an object); byLiteral is a Map keyed by strings (linkIndex adds only non-empty, non-expression strings) and Map lookups do not coerce keys, so it finds nothing and `?? []` gives the same empty list.',
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'ConditionalExpression',
    original: 'byLiteral.length === 0 && index.unknown.length === 0',
    replacement: 'false',
    reason:
      'The early return only skips work: with no literal-linked companion and no unknown link, the general path builds `hits` from `byRef` alone, sorts it by configuration position and filters an empty unknown list. `byRef` is already in configuration order without duplicates (linkIndex walks model.ofType(type) in order, the order byPosition uses, and adds each resource to a key once), so `found` and `unknown` are the same.',
  },
  {
    file: 'aspects/rules/key-policies.ts',
    mutator: 'ConditionalExpression',
    original: 'unknown.length > 0',
    replacement: 'true',
    reason:
      'With no unknown link the mutant returns `unknownLink: unknown[0]`, i.e. a property set to undefined; every consumer of keyPolicyOf (KmsKeyPolicyDefined, AlarmTopicKeyAdmitsServices, LogGroupKeyAdmitsLogs) tests `if (unknownLink)`, so it is the same as no property.',
  },
  {
    file: 'aspects/rules/topics.ts',
    mutator: 'ConditionalExpression',
    original: 'unknown.length > 0',
    replacement: 'true',
    reason:
      'With no unknown link the mutant returns `unknownLink: unknown[0]`, i.e. a property set to undefined; every consumer of topicPoliciesOf (AlarmTopicPolicyAdmitsServices, SnsTopicTlsOnly) tests `if (unknownLink)`, so it is the same as no property.',
  },
  {
    file: 'aspects/rules/key-policies.ts',
    mutator: 'EqualityOperator',
    original: 'unknown.length > 0',
    replacement: 'unknown.length >= 0',
    reason:
      'With no unknown link the mutant returns `unknownLink: unknown[0]`, i.e. a property set to undefined; every consumer of keyPolicyOf (KmsKeyPolicyDefined, AlarmTopicKeyAdmitsServices, LogGroupKeyAdmitsLogs) tests `if (unknownLink)`, so it is the same as no property.',
  },
  {
    file: 'aspects/rules/topics.ts',
    mutator: 'EqualityOperator',
    original: 'unknown.length > 0',
    replacement: 'unknown.length >= 0',
    reason:
      'With no unknown link the mutant returns `unknownLink: unknown[0]`, i.e. a property set to undefined; every consumer of topicPoliciesOf (AlarmTopicPolicyAdmitsServices, SnsTopicTlsOnly) tests `if (unknownLink)`, so it is the same as no property.',
  },
  {
    file: 'aspects/rules/policy-statements.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    reason:
      'The `?? []` fallback of `st.principals[\'Service\']` in allowsService: the extra name admits only a service called "stryker was here", and the services asked about (cloudwatch.amazonaws.com, events.amazonaws.com, logs.<region>.amazonaws.com) never are.',
  },
  {
    file: 'aspects/rules/iam-documents.ts',
    mutator: 'ConditionalExpression',
    original: "document.kind === 'document'",
    replacement: 'true',
    reason:
      "After the unresolved and invalid branches the only other kind is 'absent', which iamDocumentsOf never returns: role inline policies whose policy is undefined, null or '' are filtered out (policyDocument is absent for nothing else), and for other resources an absent document is dropped.",
  },
  {
    file: 'aspects/rules/policy-statements.ts',
    mutator: 'StringLiteral',
    original: "'*'",
    replacement: '""',
    line: 24,
    reason:
      "`value.includes('')` is always true, so the second match also runs for a value without `*`; replacing `*` in such a value changes nothing, so it repeats the first match, which already passed.",
  },
  {
    file: 'aspects/rules/policy-statements.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 24,
    reason:
      'Reads each `*` of the value as the 17-character sentinel instead of the empty string: it differs only for a pattern that matches that exact text where the `*` was (e.g. seventeen `?`), which no policy contains.',
  },
  {
    file: 'aspects/rules/log-groups.ts',
    mutator: 'StringLiteral',
    original: "'log-group-names'",
    reason:
      'A TfModel memo key: no other memo of the gate uses the key "" (every other key is a non-empty literal or starts with a non-empty prefix), so the set of names is computed once and cached the same way under it.',
  },
  {
    file: 'aspects/rules/IamNoWildcardResources.ts',
    mutator: 'ConditionalExpression',
    original: 'fields.length < 6',
    replacement: 'false',
    reason:
      "With fewer than 6 fields (and `arn` first) `fields.slice(5).join(':')` is '', which is neither '*' nor 'key/*', so the function still returns false.",
  },
  {
    file: 'aspects/rules/IamNoWildcardResources.ts',
    mutator: 'StringLiteral',
    original: "':'",
    line: 49,
    reason:
      "Joining the resource part without colons differs only when it has several colon-separated fields that concatenate to '*' or 'key/*': the wildcard next to an empty field (arn:aws:s3::::*, arn:aws:s3:::*:) or key/ and * split by a colon (arn:aws:kms:r:a:key/:*). These are not resources anyone writes to mean all resources; reviewed as not worth a test.",
  },
  {
    file: 'aspects/rules/LambdaConcurrencyLimit.ts',
    mutator: 'EqualityOperator',
    original: 'v.value < 0',
    replacement: 'v.value <= 0',
    reason:
      '0 has returned on the line before (the message that it throttles every invocation), so `v.value` is never 0 here.',
  },
  {
    file: 'aspects/rules/LambdaInsideVpc.ts',
    mutator: 'ConditionalExpression',
    original: "az.kind === 'value'",
    replacement: 'true',
    reason:
      "In `az.kind === 'value' ? az.value : undefined` the other kinds carry no `value`, so `az.value` is undefined, which is what the else branch returns.",
  },
  {
    file: 'aspects/rules/LambdaInsideVpc.ts',
    mutator: 'MethodExpression',
    original: 'zones.every((z) => z !== undefined)',
    replacement: 'some',
    reason:
      'Reached with at least 2 distinct subnet ids, so `zones` has at least 2 entries, and the condition also needs `new Set(zones).size < 2`, i.e. all zones equal: then if some zone is defined all are, so `every` and `some` agree.',
  },
  {
    file: 'aspects/rules/LambdaRuntimeCurrent.ts',
    mutator: 'ConditionalExpression',
    original: "pkg.kind === 'value'",
    replacement: 'true',
    reason:
      "In `pkg.kind === 'value' && pkg.value === 'Image'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'Image' (the unresolved kind returned on the line before).",
  },
  {
    file: 'aspects/rules/LambdaTracingActive.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind === 'value'",
    replacement: 'true',
    reason:
      "In `v.kind === 'value' && v.value === 'Active'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'Active' (the unresolved kind returned on the line before).",
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'StringLiteral',
    original: "'w'",
    reason:
      "The cache key's prefix only has to keep the wildcard and literal forms of one value apart: with 'w' emptied the keys of the two forms still differ in their first character (one starts with \\u0000, the other with the remaining letter), so every lookup returns the pattern compiled for the same form.",
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'StringLiteral',
    original: "'l'",
    reason:
      "The cache key's prefix only has to keep the wildcard and literal forms of one value apart: with 'l' emptied the keys of the two forms still differ in their first character (one starts with \\u0000, the other with the remaining letter), so every lookup returns the pattern compiled for the same form.",
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'ConditionalExpression',
    original: 'CONDITION_PATTERNS.size > 10_000',
    reason:
      'Only decides when the module-level cache of compiled condition patterns is cleared; clearing it on every insertion or never changes memory use and speed, not the pattern a lookup returns.',
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'EqualityOperator',
    original: 'CONDITION_PATTERNS.size > 10_000',
    reason:
      'Only decides when the module-level cache of compiled condition patterns is cleared; clearing it on every insertion or never changes memory use and speed, not the pattern a lookup returns.',
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'Regex',
    original: '/^for(anyvalue|allvalues):/i',
    replacement: '/for(anyvalue|allvalues):/i',
    reason:
      'Without `^` a set-operator prefix would also be removed from the middle of an operator name; IAM condition operators carry ForAnyValue:/ForAllValues: only in front, so every real operator is stripped the same way.',
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'ConditionalExpression',
    original: "key.kind !== 'cmk'",
    replacement: 'false',
    reason:
      "The non-cmk judgements of judgeKey ('absent', 'aws-managed', 'unresolved', 'unknown') have no `key`, so `key.key === undefined` alone returns not-applicable for them.",
  },
  {
    file: 'aspects/rules/LogGroupRetention.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind === 'value'",
    replacement: 'true',
    reason:
      "In `v.kind === 'value' && v.value === 0` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `undefined === 0` is false.",
  },
  {
    file: 'aspects/rules/LogGroupRetentionOneYear.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind === 'value'",
    replacement: 'true',
    reason:
      "In `v.kind === 'value' && (v.value === 0 || v.value >= 365)` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `undefined === 0` and `undefined >= 365` are false (only the invalid kind gets there, and it is judged on the next line).",
  },
  {
    file: 'aspects/rules/RdsLogExports.ts',
    mutator: 'ConditionalExpression',
    original: "engine.kind !== 'value'",
    replacement: 'false',
    reason:
      'After the unresolved return, absent and invalid engines have `engine.value` undefined and `POSTGRES_ENGINES.includes(undefined)` is false, so the second operand alone returns not-applicable for them.',
  },
  {
    file: 'aspects/rules/RdsLogGroupDeclared.ts',
    mutator: 'ConditionalExpression',
    original: 'id !== undefined',
    replacement: 'true',
    reason:
      '`isExpression(undefined)` is false (it requires a string), so the second operand alone decides the same.',
  },
  {
    file: 'aspects/rules/RdsManagedSecretCmk.ts',
    mutator: 'ConditionalExpression',
    original: "managed.kind === 'value'",
    replacement: 'true',
    reason:
      "In `managed.kind === 'value' && managed.value` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `managed.value` alone is falsy.",
  },
  {
    file: 'aspects/rules/RdsPerformanceInsightsCmk.ts',
    mutator: 'ConditionalExpression',
    original: "pi.kind !== 'value'",
    replacement: 'false',
    reason:
      'After the unresolved return, absent and invalid values have `pi.value` undefined, so `!pi.value` alone returns not-applicable for them.',
  },
  {
    file: 'aspects/rules/S3BucketKmsEncryption.ts',
    mutator: 'ConditionalExpression',
    original: "algorithm.kind !== 'value'",
    replacement: 'false',
    reason:
      'After the unresolved branch, absent and invalid algorithms have `algorithm.value` undefined and `!KMS_ALGORITHMS.includes(undefined)` is true, so the second operand alone reports them (the message tests the kind itself).',
  },
  {
    file: 'aspects/rules/S3BucketLifecycle.ts',
    mutator: 'ConditionalExpression',
    original: "status.kind !== 'value'",
    replacement: 'false',
    reason:
      "After the unresolved branch, absent and invalid statuses have `status.value` undefined and `undefined !== 'Enabled'`, so the rule is skipped either way.",
  },
  {
    file: 'aspects/rules/S3BucketLifecycle.ts',
    mutator: 'ConditionalExpression',
    original: "abort.kind === 'value'",
    replacement: 'true',
    reason:
      "In `abort.kind === 'value' && abort.value > 0` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `undefined > 0` is false, so the unresolved branch that follows still runs.",
  },
  {
    file: 'aspects/rules/S3BucketLifecycle.ts',
    mutator: 'ConditionalExpression',
    original: "days.kind === 'value'",
    replacement: 'true',
    reason:
      "In `days.kind === 'value' && days.value < min` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `undefined < min` is false (the unresolved kind is handled just before).",
  },
  {
    file: 'aspects/rules/S3BucketOwnershipEnforced.ts',
    mutator: 'ConditionalExpression',
    original: "ownership.kind === 'value'",
    replacement: 'true',
    reason:
      "In `ownership.kind === 'value' && ownership.value === 'BucketOwnerEnforced'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'BucketOwnerEnforced' (the unresolved kind returned before).",
  },
  {
    file: 'aspects/rules/S3BucketPublicAccessBlocked.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind !== 'value'",
    replacement: 'false',
    reason:
      'After the unresolved branch, absent and invalid flags have `v.value` undefined, so `!v.value` alone reports them (the message tests the kind itself).',
  },
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'StringLiteral',
    original: "'${'",
    reason:
      "`resource.includes('')` is always true, so the replacements also run on a resource without `${`; every text they replace (`${aws_s3_bucket.<name>.arn}`, `.id}`, `.bucket}` and the `${data.aws_partition.<x>.partition}` pattern) contains `${`, so on such a resource they change nothing.",
  },
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "typeof literal === 'string' && isExpression(literal)",
    replacement: 'true',
    reason:
      "Not equivalent for a non-string `bucket` only: the mutant also calls `replaceAllLiteral(s, literal, name)` when `bucket` is a number, boolean, null or object, and split() coerces it to text (`12345`, `null`), rewriting that text in the Resource entries to the placeholder name. For a string it is a no-op (a literal name is replaced by itself, '' is skipped by replaceAllLiteral, undefined splits into [s]). The provider binding types `bucket` as a string, so only a raw override can produce a non-string, and there the original's answer is itself doubtful (Terraform would use a number's decimal text as the name; the rule treats the name as unknown), so no test pins either.",
  },
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'LogicalOperator',
    original: "typeof literal === 'string' && isExpression(literal)",
    replacement: '||',
    reason:
      "For a string `bucket` that is not an expression the mutant calls `replaceAllLiteral(s, literal, name)` where `name` is that literal (a no-op) or, for '', the placeholder (replaceAllLiteral skips ''); for a non-string `isExpression` is false, as in the original. Same result for every value.",
  },
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "pending.document.kind === 'unresolved'",
    replacement: 'true',
    reason:
      "`pending` was found by `documents.find((d) => d.document.kind === 'unresolved')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "invalid.document.kind === 'invalid'",
    replacement: 'true',
    reason:
      "`invalid` was found by `documents.find((d) => d.document.kind === 'invalid')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/S3BucketVersioning.ts',
    mutator: 'ConditionalExpression',
    original: "status.kind === 'value'",
    replacement: 'true',
    reason:
      "In `status.kind === 'value' && status.value === 'Enabled'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'Enabled' (the unresolved kind returned before).",
  },
  {
    file: 'aspects/rules/SnsTopicTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "pending.document.kind === 'unresolved'",
    replacement: 'true',
    reason:
      "`pending` was found by `documents.find((d) => d.document.kind === 'unresolved')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/SnsTopicTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "invalid.document.kind === 'invalid'",
    replacement: 'true',
    reason:
      "`invalid` was found by `documents.find((d) => d.document.kind === 'invalid')`, so whenever it is defined this second test is true; it is there only to narrow the type for TypeScript.",
  },
  {
    file: 'aspects/rules/SqsQueueKmsCmk.ts',
    mutator: 'ConditionalExpression',
    original: "managedSse.kind === 'value'",
    replacement: 'true',
    reason:
      "In `key.kind === 'absent' && managedSse.kind === 'value' && managedSse.value` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and `managedSse.value` alone is falsy.",
  },
  {
    file: 'aspects/rules/VpcFlowLogs.ts',
    mutator: 'ConditionalExpression',
    original: "t.kind === 'value'",
    replacement: 'true',
    reason:
      "In `t.kind === 'value' && (t.value === 'ALL' || t.value === 'REJECT')` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'ALL' or 'REJECT' (the unresolved kind is handled on the next line either way).",
  },
  {
    file: 'aspects/rules/XrayEncryptionCmk.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind === 'value'",
    replacement: 'true',
    reason:
      "In `v.kind === 'value' && v.value === 'KMS'` the guard is only TypeScript narrowing: the absent, invalid and unresolved kinds of a Literal carry no `value`, so for them `.value` is undefined and never 'KMS' (the unresolved kind returned on the line before).",
  },
  {
    file: 'aspects/rules/secrets.ts',
    mutator: 'Regex',
    original: '/[^A-Z0-9]+/',
    reason:
      "nameWords: splitting on each separator character instead of each run of them only adds empty pieces between consecutive separators (and at the ends), and the `.filter((w) => w !== '')` that follows drops every empty piece, so the words are the same.",
  },
  {
    file: 'aspects/rules/secrets.ts',
    mutator: 'ConditionalExpression',
    original: 'words.length === 0',
    replacement: 'false',
    reason:
      'A shortcut: with no words, `POINTER_WORDS.has(words[-1])` is `has(undefined)`, false, and `words.some(...)` on an empty list is false, so isSecretName still returns false.',
  },
  {
    file: 'aspects/rules/secrets.ts',
    mutator: 'ConditionalExpression',
    original: 'i > 0',
    replacement: 'true',
    reason:
      'The `i > 0` guard only keeps `words[i - 1]` in range: at i = 0 it is `words[-1]`, undefined, and `KEY_QUALIFIERS.has(undefined)` is false, so a leading KEY is still not a secret name.',
  },
  {
    file: 'aspects/rules/secrets.ts',
    mutator: 'EqualityOperator',
    original: 'i > 0',
    replacement: 'i >= 0',
    reason:
      'Only i = 0 changes, where `words[i - 1]` is `words[-1]`, undefined, and `KEY_QUALIFIERS.has(undefined)` is false, so the result is the same.',
  },
  {
    file: 'aspects/rules/LambdaEnvironmentNoSecrets.ts',
    mutator: 'ConditionalExpression',
    original: "ref.mode === 'data'",
    replacement: 'false',
    reason:
      'A data reference is then looked up without its `data.` prefix. Every data entry of SECRET_VALUES (aws_secretsmanager_secret_version.secret_string/secret_binary, aws_ssm_parameter.value) has its managed twin in the set, so those still match; the other entries name types with no data source of that name (the random provider has no data sources, tls has only tls_certificate and tls_public_key, aws has only the plural aws_iam_access_keys), so no valid configuration has a data reference that the mutant newly matches. Findings name `secret.address`, which keeps its `data.` prefix.',
  },
  {
    file: 'aspects/rules/LambdaEnvironmentNoSecrets.ts',
    mutator: 'StringLiteral',
    original: "'data'",
    replacement: '""',
    reason:
      "Reference.mode is 'managed' or 'data', never '', so the test is false for every reference: the same as the ConditionalExpression mutant `ref.mode === 'data'` -> false (data references looked up without their prefix), equivalent for the reason given there.",
  },
  {
    file: 'aspects/rules/LambdaEnvironmentNoSecrets.ts',
    mutator: 'StringLiteral',
    original: "'data.'",
    replacement: '""',
    reason:
      "Data references are then looked up without their `data.` prefix: the same as the ConditionalExpression mutant `ref.mode === 'data'` -> false, equivalent for the reason given there.",
  },
  {
    file: 'aspects/rules/declared-names.ts',
    mutator: 'ConditionalExpression',
    original: 'name === undefined',
    replacement: 'false',
    reason:
      'A shortcut: without it the index is built and asked `index.get(undefined)`; its keys are the strings lastSegment returns and Map lookups do not coerce, so it finds nothing and `?? []` gives the same empty list.',
  },
  {
    file: 'aspects/rules/declared-names.ts',
    mutator: 'StringLiteral',
    original: "'literal-names'",
    replacement: '""',
    reason:
      "The memo kind only needs to differ from the other memoBy kinds ('links', 'positions', 'declared-names', 'publishers', 'LogGroupKeyAdmitsLogs'); no memoBy call uses '', so the index is cached under its own kind either way.",
  },
  {
    file: 'aspects/rules/declared-names.ts',
    mutator: 'StringLiteral',
    original: "'declared-names'",
    replacement: '""',
    reason:
      "The memo kind only needs to differ from the other memoBy kinds ('links', 'positions', 'literal-names', 'publishers', 'LogGroupKeyAdmitsLogs'); no memoBy call uses '', so the index is cached under its own kind either way.",
  },
  {
    file: 'aspects/rules/declared-names.ts',
    mutator: 'ConditionalExpression',
    original: 'text !== undefined',
    replacement: 'true',
    reason:
      'The first resource without a literal name is then also indexed under the key undefined; declaredByName looks up a `name: string` (kms-keys passes a string it tested with typeof, log-archive the string lastSegment returns) and Map lookups do not coerce, so that entry is never read.',
  },
  {
    file: 'aspects/rules/kms-keys.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    reason:
      'The default list of trusted key ARNs (passed on to judgeKey) then trusts only the key text "Stryker was here", which no configuration uses as a key id, ARN or alias; every real key text is judged the same. A test with that sentinel would test the tool, not the gate.',
  },
  {
    file: 'aspects/rules/kms-keys.ts',
    mutator: 'ConditionalExpression',
    original: "typeof value !== 'string'",
    replacement: 'false',
    reason:
      'A non-string value (judged unknown by judgeKey) whose text matches `^alias/.` (e.g. a list ["alias/x"]) then reaches `declaredByName(..., value)`, whose index is a Map keyed by strings; Map lookups do not coerce, so it finds no alias and the unknown judgement is returned as before.',
  },
  {
    file: 'aspects/rules/kms-keys.ts',
    mutator: 'Regex',
    original: '/^alias\\/./',
    reason:
      "The regex only guards the lookup of the value among the literal names of declared aws_kms_alias resources, and the aws provider requires every alias name to begin with `alias/` (the resource's documented constraint); a value that contains `alias/` later on, e.g. an alias ARN, equals no valid declared name, so the lookup finds nothing and the judgement is the same.",
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'StringLiteral',
    original: "'links'",
    replacement: '""',
    reason:
      "The memo kind only needs to differ from the other memoBy kinds ('positions', 'literal-names', 'declared-names', 'publishers', 'LogGroupKeyAdmitsLogs'); no memoBy call uses '', so the index is cached under its own kind either way.",
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'StringLiteral',
    original: "'positions'",
    replacement: '""',
    reason:
      "The memo kind only needs to differ from the other memoBy kinds ('links', 'literal-names', 'declared-names', 'publishers', 'LogGroupKeyAdmitsLogs'); no memoBy call uses '', so the positions are cached under their own kind either way.",
  },
  {
    file: 'aspects/rules/resource-policies.ts',
    mutator: 'StringLiteral',
    original: "':'",
    replacement: '""',
    line: 74,
    reason:
      "The joined resource part is only tested for `*` or `?` (`/[*?]/`); joining its fields with '' instead of ':' drops only colons, so the text holds a wildcard exactly when it did before.",
  },
  {
    file: 'aspects/rules/resource-policies.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 130,
    reason:
      "Unreachable fallback: limitsCaller returns judgement 'unknown' only with `pending` set (`pending !== undefined ? { judgement: 'unknown', pending } : ...`), and pending is one of the condition's string values, so `limit.pending ?? ''` never takes the right side.",
  },
  {
    file: 'aspects/rules/KmsKeyPolicyDefined.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    reason:
      "Unreachable fallback: limitsCaller returns judgement 'unknown' only with `pending` set (`pending !== undefined ? { judgement: 'unknown', pending } : ...`), and pending is one of the condition's string values, so `limit.pending ?? ''` never takes the right side.",
  },
  {
    file: 'aspects/rules/KmsKeyPolicyDefined.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 33,
    reason:
      "The `?? []` fallback of `st.principals['AWS']`: its extra element 'Stryker was here' is not a root principal (isRootPrincipal wants `:root` at the end or 12 digits), so `.some(isRootPrincipal)` is unchanged.",
  },
  {
    file: 'aspects/rules/CanaryRuntimeCurrent.ts',
    mutator: 'Regex',
    original: '/^syn-/',
    replacement: '/syn-/',
    reason:
      "familyOf is only called with an id that starts with 'syn-' (evaluate returns earlier otherwise), and `replace` without the g flag removes only the first match, which is then at index 0 with or without `^`.",
  },
  {
    file: 'aspects/rules/CanaryRuntimeCurrent.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 62,
    reason:
      "The `?? []` fallback for allowedUnknownRuntimes: its extra element 'Stryker was here' does not start with 'syn-', and every id reaching this line does (evaluate returns earlier otherwise), so `.includes(id)` is unchanged.",
  },
  {
    file: 'aspects/rules/LambdaRuntimeCurrent.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 49,
    reason:
      'The `?? []` fallback for allowedUnknownRuntimes: the policy then accepts an unknown runtime named exactly "Stryker was here", which no Lambda runtime is; every real runtime name is judged the same. A test with that sentinel would test the tool, not the gate.',
  },
  {
    file: 'aspects/rules/log-archive.ts',
    mutator: 'ConditionalExpression',
    original: "status.kind !== 'value'",
    replacement: 'false',
    reason:
      "In `status.kind !== 'value' || status.value !== 'Enabled'` the first test is only TypeScript narrowing: the unresolved kind returned just above, and the absent and invalid kinds of a Literal carry no `value`, so for them `status.value !== 'Enabled'` alone is true and the rule is skipped the same way.",
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'StringLiteral',
    original: "'LogGroupKeyAdmitsLogs'",
    replacement: '""',
    line: 147,
    reason:
      "The memoBy kind only has to differ from the other kinds used with TfModel.memoBy ('publishers', 'links', 'positions', 'literal-names', 'declared-names'); '' is used by none, so the key policy verdict is still cached apart from every other memo.",
  },
  {
    file: 'aspects/rules/ApiDeploymentNoStageName.ts',
    mutator: 'ConditionalExpression',
    original: "v.kind === 'value'",
    replacement: 'true',
    line: 18,
    reason:
      "In `v.kind === 'value' && v.value === ''` the guard is only TypeScript narrowing: the absent kind returned just before, the unresolved one earlier, and the invalid kind (a non-string) carries no `value`, so `v.value === ''` alone is false for it.",
  },
  {
    file: 'aspects/rules/LogGroupKeyAdmitsLogs.ts',
    mutator: 'ConditionalExpression',
    original: 're',
    replacement: 'false',
    line: 46,
    reason:
      'Skips the cache hit and compiles the pattern again from the same source: an equal RegExp (no g flag, so `test` keeps no state between calls).',
  },
  // Replaces the stale entry RdsManagedSecretCmk.ts ArrayDeclaration `[]` -> `Stryker was here` (line: 25): same case, now line 28; the only `[]` in the file, so no line.
  {
    file: 'aspects/rules/RdsManagedSecretCmk.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    reason:
      "`results` ends in `allOf(...results)`, which keeps only results whose outcome is 'non-compliant' or 'unresolved' (else one fresh compliant()); the extra string has no outcome and is dropped.",
  },
  // Replaces the stale entry S3BucketTlsOnly.ts ConditionalExpression `typeof literal === 'string'` -> `true` (line: 39): same case, moved to line 40 (the text also occurs on lines 27 and 78).
  {
    file: 'aspects/rules/S3BucketTlsOnly.ts',
    mutator: 'ConditionalExpression',
    original: "typeof literal === 'string'",
    replacement: 'true',
    line: 40,
    reason: '`isExpression` is true only for strings, so `true && isExpression(literal)` is the same test.',
  },
  {
    file: 'aspects/rules/SecurityGroupNoPublicIngress.ts',
    mutator: 'ConditionalExpression',
    original: "r.type === 'aws_security_group_rule'",
    replacement: 'true',
    reason:
      'Of the three types the rule applies to, only aws_security_group_rule has a `type` argument in the AWS provider schema (@cdktf/provider-aws lib/security-group-rule declares `type`; lib/security-group and lib/vpc-security-group-ingress-rule do not), and Terraform rejects an undeclared argument, so for the other two `type` is absent: literalString gives kind "absent", and neither the unresolved nor the egress return is taken.',
  },
  {
    file: 'aspects/rules/SecurityGroupNoPublicIngress.ts',
    mutator: 'ConditionalExpression',
    original: "type.kind === 'value'",
    replacement: 'true',
    reason:
      'After the unresolved return, literalString(type) is "value", "absent" or "invalid"; the last two carry no `value` property, so `type.value === \'egress\'` is false for them just as the guard makes it.',
  },
  {
    file: 'aspects/rules/SecurityGroupNoPublicIngress.ts',
    mutator: 'ConditionalExpression',
    original: "ports.kind === 'ports'",
    replacement: 'true',
    reason:
      'After the unresolved `continue`, judgePorts gives "ports" or "all", and it gives "all" only for a protocol other than tcp and udp, so `ports.protocol === \'tcp\'` is false for "all" and the whole condition is the same.',
  },
  {
    file: 'aspects/rules/topics.ts',
    mutator: 'StringLiteral',
    original: "'publishers'",
    replacement: '""',
    reason:
      "The memo kind only needs to differ from the other TfModel.memoBy kinds ('links', 'positions', 'literal-names', 'declared-names', 'LogGroupKeyAdmitsLogs'); '' is used by none, so topicPublishers still has its own cache.",
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ArithmeticOperator',
    original: 'from + 1',
    replacement: 'from - 1',
    line: 100,
    reason:
      'j starts at i + 1 and only grows, so `j === i - 1` never holds: every pair takes resultEntry, which gives the same entry as the shortcut for a single plain compliant or not-applicable finding (see the shortcut entry: no message, no warning, never `suppressedBy`).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'LogicalOperator',
    original: "first.outcome === 'compliant' || first.outcome === 'not-applicable'",
    replacement: '&&',
    reason:
      'Never true, so the shortcut is never taken: resultEntry on a single compliant or not-applicable finding without message or warning returns its outcome, the same string (evaluate never sets `suppressedBy` on such findings).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ConditionalExpression',
    original: "first.outcome === 'compliant'",
    replacement: 'false',
    reason:
      'Only narrows the shortcut: a single plain compliant finding then goes through resultEntry, which returns `compliant` for it as well (no message, no warning, no `suppressedBy` on compliant findings).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'StringLiteral',
    original: "'compliant'",
    replacement: '""',
    line: 101,
    reason:
      'Only narrows the shortcut (no outcome is ""): a single plain compliant finding then goes through resultEntry, which returns `compliant` for it as well (no message, no warning, no `suppressedBy` on compliant findings).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ConditionalExpression',
    original: "first.outcome === 'not-applicable'",
    replacement: 'false',
    reason:
      'Only narrows the shortcut: a single not-applicable finding without message or warning then goes through resultEntry, which returns `not-applicable` for it as well (messages, warnings and explained stay empty; no `suppressedBy`).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'StringLiteral',
    original: "'not-applicable'",
    replacement: '""',
    line: 101,
    reason:
      'Only narrows the shortcut (no outcome is ""): a single not-applicable finding without message or warning then goes through resultEntry, which returns `not-applicable` for it as well.',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ConditionalExpression',
    original: "outcome === 'compliant'",
    replacement: 'true',
    line: 120,
    reason:
      'Reached only when no finding of the pair is non-compliant or unresolved, so the worst is compliant or not-applicable (never suppressed: evaluate sets `suppressedBy` only on failing findings); `explained` is non-empty only when some finding is compliant, which outranks not-applicable, so `explained.length > 0` already implies a compliant outcome.',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ConditionalExpression',
    original: "typeof entry === 'string'",
    replacement: 'false',
    line: 256,
    reason:
      'A string entry is an outcome word (compliant, non-compliant, unresolved, not-applicable, suppressed): JSON.stringify gives exactly `"${entry}"` for it (nothing to escape), as the comment beside it says; the quoting is only a shortcut.',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'StringLiteral',
    original: "'string'",
    replacement: '""',
    line: 256,
    reason:
      'No typeof is "", so every entry is JSON.stringify-ed: for an outcome word that gives exactly `"${entry}"` (nothing to escape), the same text.',
  },
  {
    file: 'aspects/core/coverage.ts',
    mutator: 'EqualityOperator',
    original: 'a.type < b.type',
    replacement: '<=',
    reason:
      'The sorted entries come from a Map keyed by type, so no two compare equal: `<` and `<=` order them the same.',
  },
  // ---- new ----
  {
    file: 'aspects/core/model.ts',
    mutator: 'ConditionalExpression',
    original: 'known !== undefined',
    replacement: 'false',
    reason:
      'A shortcut before the `has` lookup, in memo (line 141) and memoBy (line 158): without it the condition is `store.has(key)`, which is true whenever `get` returned a defined value, so the cached value is returned in exactly the same cases.',
  },
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'ConditionalExpression',
    original: 'rule.injectedBy === undefined',
    replacement: 'false',
    reason:
      "A rule without `injectedBy` then reaches `!injectors?.has(undefined)`: `injectors` is a set of injector names (strings) and never holds undefined, so the rule's plain fix is returned as before.",
  },
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'ConditionalExpression',
    original: 'fix === undefined',
    replacement: 'true',
    reason:
      'The per-rule cache of fix texts is bypassed: fixFor is recomputed for every finding from the same rule, policy and injectors, and is pure (returns the same string), so every finding gets the same fix.',
  },
  {
    file: 'aspects/core/policy.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 136,
    reason:
      'The default runtime list when `today` is not an ISO date: such a `today` can only come from `overrides.today` (a nullish one falls back to the current UTC date), so validatePolicy always reports `today "..." must be an ISO date` and paymentsPolicy throws without returning the policy; and neither list adds a runtime problem to that message ([] is excused by the invalid date, the sentinel is a non-empty list of non-empty strings).',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'StringLiteral',
    original: "'${'",
    replacement: '""',
    line: 117,
    reason:
      "Only skips the regular-expression scan: `v.includes('')` is always true, so every string is scanned with EMBEDDED_REF, which matches only at a literal `${`; a string without one yields no match and referencesIn returns [] as before.",
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 86,
    reason:
      'Group 5 of the reference pattern (the attribute path) is `((?:...)*)`, which always participates (possibly empty), so `m[5]` is never undefined and the `?? ""` fallback never runs (no test reaches it).',
  },
  {
    file: 'aspects/core/runtime-verdict.ts',
    mutator: 'ConditionalExpression',
    original: 'fact.lambdaRuntime === null',
    replacement: 'false',
    reason:
      'A Synthetics runtime without a Lambda runtime then looks up `lambdaFact(null)`: every Lambda fact id is a string, so `find((f) => f.id === null)` finds none and `base` is undefined, as the shortcut gives ("its Lambda runtime is not recorded").',
  },
  {
    file: 'aspects/core/runtime-verdict.ts',
    mutator: 'ConditionalExpression',
    original: 'block.date === null',
    replacement: 'false',
    reason:
      'A block without a date then goes through `daysBetween(today, null)`, which parses "nullT00:00:00Z" to NaN; `NaN <= 0` and `NaN <= WARNING_DAYS` are both false, so the verdict is `{ kind: "current", block }`, as the shortcut returns.',
  },

  // ---- corrected stale entries (line numbers drifted) ----
  // replaces the evaluate.ts StringLiteral "''" entry with `line: 67` ('' occurs once in evaluate.ts now, line 91: no line needed)
  {
    file: 'aspects/core/evaluate.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    reason:
      'The fallback for a missing `reason`: the 17-character, 3-word replacement fails the same "at least 20 characters and 4 words" test as the empty string, so the same "has no written reason" problem is reported.',
  },
  // replaces the values.ts StringLiteral "''" entry with `line: 79` (now line 80; the old reason named group 4, it is group 1, the module prefix)
  {
    file: 'aspects/core/values.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 80,
    reason:
      'Group 1 of the reference pattern (the module prefix) is `((?:...)*)`, which always participates (possibly empty), so `m[1]` is never undefined and the `?? ""` fallback never runs (no test reaches it).',
  },
  // replaces the values.ts ArrayDeclaration entry with `line: 122` (judgeKey's trustedKeyArns default, now line 151)
  {
    file: 'aspects/core/values.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 151,
    reason:
      'The default list of trusted key ARNs then trusts only the key text "Stryker was here", which no configuration uses as a key id, ARN or alias; every real key text is judged the same. A test with that sentinel would test the tool, not the gate.',
  },
  // replaces the values.ts ConditionalExpression "typeof v === 'string'" entry with `line: 253` (now 282)
  {
    file: 'aspects/core/values.ts',
    mutator: 'ConditionalExpression',
    original: "typeof v === 'string'",
    replacement: 'true',
    line: 282,
    reason:
      'Only decides which values go through the memo of parsed documents: a non-string value (a JSON object) parsed through the memo (a Map keyed by the value) gives the same document as parsed directly.',
  },
  // replaces the values.ts ConditionalExpression "v !== ''" entry with `line: 253` (now 282)
  {
    file: 'aspects/core/values.ts',
    mutator: 'ConditionalExpression',
    original: "v !== ''",
    replacement: 'true',
    line: 282,
    reason:
      "Only decides whether '' goes through the memo of parsed documents; it parses to an absent document either way.",
  },
  // replaces the values.ts StringLiteral "''" entry with `line: 253` (now 282)
  {
    file: 'aspects/core/values.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 282,
    reason:
      "Only changes which values are memoized: '' is then memoized (it parses to absent either way) and the sentinel text is parsed without the memo (invalid JSON either way).",
  },
  // replaces the values.ts ArrayDeclaration entries with `line: 351`, `line: 352`, `line: 353` (now 380, 381, 382)
  {
    file: 'aspects/core/values.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 380,
    reason:
      'principalIncludes: a statement without principals of the asked kind would then name the principal "Stryker was here", which no rule asks for (rules ask for service names, "*" and account ARNs).',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 381,
    reason: 'principalIncludes: the fallback is searched for "*", which the sentinel is not.',
  },
  {
    file: 'aspects/core/values.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 382,
    reason: 'principalIncludes: the fallback is searched for "*", which the sentinel is not.',
  },
  // replaces the values.ts ArrayDeclaration entry with `line: 370` (now 399; covers both mutants on the line)
  {
    file: 'aspects/core/values.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 399,
    reason: 'isTlsDenyStatement: both fallbacks are searched for "*", which the sentinel is not.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'Regex',
    original: '/^(.*?)(?:^|\\.)module\\.',
    replacement: '/(.*?)(?:^|\\.)module\\.',
    reason:
      'The lazy `(.*?)` may start at index 0 and take any prefix (a module address holds no line terminator: Terraform escapes them in instance keys), so whenever the unanchored regex matches at a later index it also matches at index 0, which `exec` tries first with the same choices as the anchored one: same match, same groups.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'expr === undefined',
    replacement: 'false',
    reason:
      '`isLeaf(undefined)` is false, so the next line returns undefined for an undefined expression too.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'cv !== undefined',
    replacement: 'true',
    reason:
      'The null/undefined guards before `containsTemplate(cv)`: `containsTemplate` returns false for undefined and for null (neither a string, an array nor an object), so the whole condition is false for them either way.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'cv !== null',
    replacement: 'true',
    reason:
      'The null guard before `containsTemplate(cv)`: `containsTemplate(null)` is false (null is neither a string, an array nor an object), so the condition is false for null either way.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'LogicalOperator',
    original: 'cv !== undefined && cv !== null',
    replacement: 'cv !== undefined || cv !== null',
    reason:
      'Lets undefined and null through to `containsTemplate(cv)`, which returns false for both, so the condition is still false for them.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'Regex',
    original: '/\\[.*$/',
    replacement: '/\\[.*/',
    reason:
      'The greedy `.*` already runs to the end of the reference, which holds no line terminator (a Terraform traversal is one line; string keys escape them), so the `$` anchor never changes the match.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 458,
    reason:
      "`name` is undefined only for a reference that is exactly `var`; the lookup key is then '' or the replacement text, and Terraform variable names are identifiers, so no module call has an argument under either: both lookups give undefined.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'BlockStatement',
    original: '{ continue; }',
    reason:
      'The `continue` of the local/count/each/path/terraform/self branch is the last thing the loop body does for those heads; an empty block also adds nothing and goes on to the next reference.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'o !== r',
    replacement: 'true',
    reason:
      'For o === r neither `${r}.` nor `${r}[` (both longer than r) is a prefix of r, so the `some` is false for it either way; `distinct` holds each reference once.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'parts.length < at',
    replacement: 'false',
    reason:
      'Not worth killing: only a reference of fewer segments than `type.name` (`data.type.name`) reaches it, and Terraform never lists one: every resource or data source reference it writes names at least the type and the name.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: "typeof this.index === 'number'",
    replacement: 'false',
    reason:
      'A count index is a JSON integer; `JSON.stringify` of it is the same decimal text as `${this.index}`, so both branches build the same key.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "'number'",
    replacement: '""',
    reason:
      'Sends a count index to the JSON.stringify branch, which gives the same decimal text for an integer as `${this.index}`: the same key.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'v === null',
    replacement: 'false',
    line: 572,
    reason:
      'isZeroValue only sees the top-level values mergeUnknown returns, and mergeUnknown skips null values (`if (v === undefined || v === null) continue`), so no null reaches it.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'Array.isArray(v)',
    replacement: 'false',
    line: 573,
    reason:
      'Only non-empty arrays reach isZeroValue (mergeUnknown drops an empty list whose key has no expression, and keys with an expression are skipped before the call); for them the fallthrough `isObject(v) && ...` is false, the same answer as `v.length === 0`.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'v.length === 0',
    replacement: 'false',
    line: 573,
    reason:
      'Only non-empty arrays reach isZeroValue (mergeUnknown drops an empty list whose key has no expression, and keys with an expression are skipped before the call), for which `v.length === 0` is false anyway.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'isObject(v) && Object.keys(v).length === 0',
    replacement: 'false',
    line: 574,
    reason:
      'Only non-empty objects reach isZeroValue (mergeUnknown drops an empty map or block whose key has no expression, and keys with an expression are skipped before the call), for which the condition is false anyway.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 185,
    reason:
      "A change entry without actions reads as `[]`; the mutant's `['Stryker was here']` holds neither 'create', 'delete' nor 'forget' either, so the entry is not destroyed in both cases.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: "key === 'tags_all'",
    replacement: 'false',
    reason:
      "tags_all is deleted from config unconditionally a few lines below (`delete config['tags_all']`), so whether the zero-value filter skips or deletes it first changes nothing.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "'tags_all'",
    replacement: '""',
    line: 224,
    reason:
      "tags_all is deleted from config unconditionally a few lines below (`delete config['tags_all']`), so whether the zero-value filter skips or deletes it first changes nothing.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: "key === 'tags'",
    replacement: 'false',
    reason:
      "Not worth killing (no plan can tell): the filter runs on mergeUnknown's output, where tags (map(string) in every AWS schema) is already dropped when null, or {} and not configured (top level, no expression); a configured tags is skipped by `key in exprs`; a non-empty map is not a zero value. Only a non-map tags value (0, false, '') that no provider schema produces would be deleted by the mutant. tags_all is deleted below anyway.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'LogicalOperator',
    original: "key === 'tags' || key === 'tags_all'",
    reason:
      "Not worth killing (no plan can tell): the filter runs on mergeUnknown's output, where tags (map(string) in every AWS schema) is already dropped when null, or {} and not configured; a configured tags is skipped by `key in exprs`; a non-empty map is not a zero value. Only a non-map tags value (0, false, '') that no provider schema produces would be deleted. tags_all is deleted below anyway.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "'tags'",
    replacement: '""',
    line: 224,
    reason:
      "Not worth killing (no plan can tell): the filter runs on mergeUnknown's output, where tags (map(string) in every AWS schema) is already dropped when null, or {} and not configured; a configured tags is skipped by `key in exprs`; a non-empty map is not a zero value. Only a non-map tags value (0, false, '') that no provider schema produces would be deleted.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'a !== r.address',
    replacement: 'true',
    reason:
      "The only reader of `aliases` is TfModel's constructor, which indexes every alias first and then every resource under its own address, so an alias of a resource to itself is overwritten by the same entry, and one that blocks another resource's alias for that address would be overwritten by the resource's own entry anyway.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    line: 288,
    reason:
      "walkPlanned returns at once for what is not an object (`if (!isObject(m)) return`), so the mutant's child module 'Stryker was here' visits nothing, as [] does.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'at > 0',
    replacement: 'true',
    reason:
      "The module path is only passed to scopeFor, which returns the root for '' and for any string not ending in `module.NAME[KEY]`. A Terraform address always contains its `type.name` (`data.` included), so at is never -1, and at is 0 only for a root resource, where slice(0, -1) is the address minus its last character: type and name hold no dots and no type is `module`, so it never ends in a module address and scopeFor gives the root as for ''.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'EqualityOperator',
    original: 'at > 0',
    replacement: 'at >= 0',
    reason:
      "at is 0 only for a root resource; slice(0, -1) of its address (the address minus its last character) never ends in `module.NAME[KEY]` (type and name hold no dots, no type is `module`), so scopeFor returns the root for it exactly as for ''.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 295,
    reason:
      "The module path of a root resource is only passed to scopeFor, which returns the root for 'Stryker was here!' as for '' (not cached, and the module-address regex does not match it).",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: "typeof p['full_name'] === 'string'",
    replacement: 'true',
    reason:
      "Without a full_name string, the name-built `hashicorp/NAME` matches AWS_PROVIDER only when the local name is 'aws' (local names have no '/'), and the next condition `p['name'] !== 'aws'` keeps exactly those anyway; the mutant's full (undefined or a non-string) never matches, so the same configurations are kept.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "`hashicorp/${String(p['name'])}`",
    reason:
      "Without a full_name the name-built `hashicorp/NAME` matches AWS_PROVIDER only when the local name is 'aws', which `p['name'] !== 'aws'` keeps anyway; '' never matches, so the same configurations are kept.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "'name'",
    replacement: '""',
    line: 312,
    reason:
      "Without a full_name the name-built `hashicorp/NAME` matches AWS_PROVIDER only when the local name is 'aws', which `p['name'] !== 'aws'` keeps anyway; `hashicorp/undefined` never matches, so the same configurations are kept.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 352,
    reason:
      "Caching the root under another key only makes scopeFor('') miss the cache: the module-address regex does not match '' and scopeFor returns this.root all the same.",
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: '!index',
    replacement: 'true',
    reason:
      'A cache: rebuilding the index of the same module on every call gives an equal index (same resources, same keys); only slower.',
  },
  {
    file: 'aspects/core/plan.ts',
    mutator: 'ConditionalExpression',
    original: 'known',
    replacement: 'false',
    line: 390,
    reason:
      "A cache: without it scopeFor builds the scope again with the same path, config, call expressions and parent (and returns this.root for ''); scopes are only read through these fields, never compared by identity. Only slower.",
  },
  {
    file: 'aspects/cdk/apply-policy.ts',
    mutator: 'ConditionalExpression',
    original: 'existing',
    replacement: 'false',
    reason:
      "`Node.addChild` is private in constructs and its only caller is the `Node` constructor (`scope?.node.addChild(host, id)`), which runs before `Construct`'s constructor assigns `this.node`; so `existing` is always undefined here and the branch (a guard for an engine that assigns `node` first) never runs.",
  },
  {
    file: 'aspects/cdk/apply-policy.ts',
    mutator: 'BlockStatement',
    original: 'then(existing as ChildAdder); return;',
    reason:
      "Never runs: `Node.addChild` is private in constructs and only the `Node` constructor calls it, before `Construct`'s constructor assigns `this.node`, so `existing` is always undefined (see the `existing -> false` entry).",
  },
  {
    file: 'aspects/cdk/apply-policy.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    line: 137,
    reason:
      "`enumerable` of the temporary `node` accessor, which lives only from the end of the hooked addChild until `Construct`'s constructor assigns `this.node` a few statements later (the setter then replaces it with an ordinary enumerable data property, asserted in apply-policy.test.ts); no code enumerates the construct's keys in that window.",
  },
  {
    file: 'aspects/cdk/engine.ts',
    mutator: 'ConditionalExpression',
    original: "ENGINE_NAME === 'cdktf'",
    replacement: 'true',
    reason:
      "In this source ENGINE_NAME is the constant 'cdktf', so the condition is already true; it is false only in the cdktn copy that aspects/scripts/build.mjs writes (it rebinds ENGINE_NAME to 'cdktn'), whose EngineMissing message test/aspects/package.test.ts checks outside the mutation run.",
  },
  {
    file: 'aspects/cdk/engine.ts',
    mutator: 'StringLiteral',
    original: "'cdktf'",
    replacement: '""',
    line: 21,
    reason:
      "The else branch of `ENGINE_NAME === 'cdktf' ? 'cdktn' : 'cdktf'` (the comparison's own 'cdktf' on this line is killed by engine.test.ts): ENGINE_NAME is the constant 'cdktf' in this source, so the branch runs only in the cdktn copy built by aspects/scripts/build.mjs, checked by test/aspects/package.test.ts outside the mutation run.",
  },
  {
    file: 'aspects/cdk/engine.ts',
    mutator: 'StringLiteral',
    original: "'@payments-compliance/gate'",
    replacement: '""',
    reason:
      "The else branch of `ENGINE_NAME === 'cdktf' ? ... : '@payments-compliance/gate'`: ENGINE_NAME is the constant 'cdktf' in this source, so it runs only in the cdktn copy built by aspects/scripts/build.mjs, whose EngineMissing message (naming '@payments-compliance/gate') test/aspects/package.test.ts checks outside the mutation run.",
  },
  {
    file: 'aspects/cdk/engine.ts',
    mutator: 'StringLiteral',
    original: '`<${ENGINE_NAME} not resolvable>`',
    replacement: '``',
    reason:
      "engineLocation is internal (not exported by aspects/index.ts) and used only as `path.dirname(engineLocation())` in the EngineMismatch message and as the file engineVersion reads: path.dirname gives '.' for both '<cdktf not resolvable>' and '', and reading either path fails, so engineVersion returns 'unknown' for both.",
  },
  {
    file: 'aspects/cdk/engine.ts',
    mutator: 'BlockStatement',
    original: 'return `<${ENGINE_NAME} not resolvable>`;',
    reason:
      "Not killable by the adapter's tests: the fallback runs only when `require.resolve('cdktf/package.json')` throws (an engine whose exports map hides package.json); the installed cdktf 0.21.0 exposes it, and jest's module-scoped `require.resolve` cannot be made to fail from a test without changing the shared node_modules.",
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 61,
    reason:
      "`String.prototype.split` always returns at least one element, so `pop()` never returns undefined and the `?? ''` fallback is never used.",
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'BlockStatement',
    original: 'lines = undefined;',
    reason:
      '`lines` is declared without a value (undefined) and the try assigns it only after `readFileSync` returns, so when the read throws it is still undefined: the catch body assigning undefined again changes nothing.',
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'ConditionalExpression',
    original: 'i >= 0',
    replacement: 'true',
    reason:
      'When no line names the id, `findIndex` gives -1 and the mutant returns line 0 instead of undefined (-> 1); the location is only consumed by buildSarif, which writes `Math.max(1, line)`, so the SARIF says line 1 either way.',
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'EqualityOperator',
    original: 'i >= 0',
    replacement: 'i > 0',
    reason:
      'Differs only when the id is named on the first line (index 0): the original returns 1, the mutant undefined, which `locate` turns into the fallback line 1: the same line.',
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'ConditionalExpression',
    original: '!candidate',
    replacement: 'false',
    reason:
      'A shortcut: without it an undefined or empty argv[1] goes to `fs.statSync`, which throws (ERR_INVALID_ARG_TYPE for undefined, ENOENT for an empty path), and the catch returns undefined, as the shortcut does.',
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'BlockStatement',
    original: '{ return undefined; }',
    line: 93,
    reason:
      'The catch of entryFile is the last statement of the function: with its body emptied the function falls off the end and returns undefined, the same value the body returns.',
  },
  {
    file: 'aspects/cdk/report-files.ts',
    mutator: 'ArrayDeclaration',
    original: '[]',
    replacement: 'Stryker was here',
    reason:
      'Used only when the construct has no stacktrace trace: the one frame "Stryker was here" has no `file.ts:line:column` position, so the frame regex does not match it and creationFrame returns undefined, as it does for the empty list.',
  },
  {
    file: 'aspects/cdk/synth.ts',
    mutator: 'MethodExpression',
    original: 'app.node.findAll().filter((c) => TerraformStack.isStack(c))',
    reason:
      "A checker's `checks` are keyed by the paths of the stacks it judged; a non-stack construct that carries a checker (the App, or a construct above stacks that applyPolicy's watch gave the aspects) has a path no stack has (construct paths are unique in a tree), so `checks.get` returns undefined for it and it adds no line; the order of the stacks in findAll is unchanged by the filter.",
  },
  // Replaces the entry for kms.ts BooleanLiteral `false` with `line: 59` (same mutant; the code moved up by 4 lines).
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    line: 55,
    reason:
      "Starting `changed` at true only makes the S3 encryption injector call `putRule` also when no rule needed a key; it then puts back a list of the very elements it read from `ruleInput` (each `raw`), and `putRule` only stores the list as the ComplexList's plain `internalValue` property, which synthesizes the same JSON.",
  },
  // Replaces the entry for kms.ts ConditionalExpression `changed` with `line: 79` (same mutant, now line 75).
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'ConditionalExpression',
    original: 'changed',
    replacement: 'true',
    line: 75,
    reason:
      'Calling `putRule` unconditionally puts back the list read from `ruleInput` when no rule was changed (every element is the `raw` value read; `putRule` only stores it as the plain `internalValue` of the rule list), which synthesizes the same JSON.',
  },
  // Replaces the entry for kms.ts ConditionalExpression `isToken(raw)` with `line: 109` (same mutant, now line 105;
  // the `line` is still needed: the canary injector has `isToken(raw)` at line 80).
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'ConditionalExpression',
    original: 'isToken(raw)',
    replacement: 'false',
    line: 105,
    reason:
      'Dead branch: `serverSideEncryption` of a Firehose delivery stream is a single nested block, not typed IResolvable, whose generated internalValue setter copies the fields of whatever it is given, so a token assigned to it is dropped at construction and `serverSideEncryptionInput` is never a token (checked with a Lazy token: the input reads undefined).',
  },
  {
    file: 'aspects/cdk/mutators/kms.ts',
    mutator: 'ConditionalExpression',
    original: 'key === undefined',
    replacement: 'false',
    reason:
      'A shortcut in keyFor: without it an undeclared key goes to `foreignStackOf(undefined, node)`, where `Token.isUnresolved(undefined)` is false, so it returns undefined and keyFor returns `key`, i.e. undefined again, without reporting anything.',
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'ConditionalExpression',
    original: '!Token.isUnresolved(value)',
    replacement: 'false',
    reason:
      'A shortcut in foreignStackOf: for a string `Token.isUnresolved` and `Tokenization.reverseString` use the same token regex (TokenString.forString), so a string that is not unresolved splits into literal fragments only, the loop over `.tokens` runs zero times, and undefined is returned either way.',
  },
  {
    file: 'aspects/cdk/mutators/util.ts',
    mutator: 'ConditionalExpression',
    original: 'origin !== undefined',
    replacement: 'true',
    reason:
      'For a token without an `originStack` the remaining clauses reject it anyway: `TerraformStack.isStack(undefined)` is false (`x !== null && typeof x === "object" && …`), so the loop goes on exactly as when the first clause is false.',
  },
  {
    file: 'aspects/cdk/checker.ts',
    mutator: 'ConditionalExpression',
    original: 'found.has(p)',
    replacement: 'false',
    reason:
      'Only the memo: without it constructFinder walks the path again and finds the same construct, since its answer depends only on the tree below the stack, and a finder lives for one judgement (made in judgeWith, used there and in the same validate call), during which nothing adds or removes constructs (validations, WARN metadata and report files do not).',
  },
  {
    file: 'aspects/cdk/checker.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    line: 326,
    reason:
      "`configurable` of the guard's own `toTerraform` only matters to code that deletes it or redefines it with other attributes. Nothing does: each copy of the gate defines it once per stack with the same attributes (a non-configurable writable data property still accepts that redefinition and a new value), cdktf only reads and calls it, and wrappers (jest.spyOn) assign it, which needs `writable` only (held by the spy case in checker.test.ts).",
  },
  {
    file: 'aspects/cdk/suppression-index.ts',
    mutator: 'ConditionalExpression',
    original: 'byOwner.size === 0',
    replacement: 'false',
    reason:
      'A shortcut: with no owner the loop below looks up every prefix of the path, finds none, and returns a new empty list instead of the shared frozen NONE; the caller (evaluate) only iterates the list, never mutates or compares it.',
  },
  {
    file: 'aspects/cdk/suppression-index.ts',
    mutator: 'EqualityOperator',
    original: 'cut < 0',
    replacement: 'cut <= 0',
    reason:
      "cut is 0 only for a path starting with '/', whose last prefix is '' (the App's path); the mutant skips looking that prefix up. byOwner only holds owners from `declared`, which the checker takes from stackSuppressions (the stack and below, never the App: a stack's path is never ''; suppressions on the App are refused by suppressionsAbove), so '' is never a key.",
  },
  {
    file: 'aspects/cdk/suppression-index.ts',
    mutator: 'ConditionalExpression',
    original: 'inStack.length < 2',
    replacement: 'false',
    reason:
      'A shortcut: sorting a list of zero or one construct returns it unchanged (the position map built for it is only read by the comparator, never called for fewer than two elements).',
  },
  {
    file: 'aspects/rules/links.ts',
    mutator: 'ConditionalExpression',
    original: 'second.length === 0',
    replacement: 'false',
    reason:
      'A shortcut: with nothing in `second`, the slow path returns `first` de-duplicated and sorted by configuration position; `first` is a companion list of linkedCompanions, which holds each resource once (linkIndex adds a resource once per target) in configuration order, so the copy has the same items in the same order, and callers only read it.',
  },
  {
    file: 'aspects/cli/check.ts',
    mutator: 'BlockStatement',
    original: '{ return false; }',
    line: 95,
    reason:
      "isDirectory's catch block emptied: when fs.statSync throws (ENOENT, ENOTDIR, EACCES) it returns undefined instead of false; its only caller negates it (`!isDirectory(values['source'])`), and !undefined is true like !false, so a --source that is not a directory is refused with the same line.",
  },
  {
    file: 'aspects/cli/check.ts',
    mutator: 'ConditionalExpression',
    original: 'f.suppressedBy',
    replacement: 'true',
    reason:
      'The mutant also adds `undefined` (the suppressedBy of findings no suppression silenced) to the set of used sites; that set is only asked `used.has(p.site)`, with p.site a declared SuppressionSite object, never undefined, so every answer is the same.',
  },
  {
    file: 'aspects/cli/check.ts',
    mutator: 'StringLiteral',
    original: "'matches no finding'",
    replacement: '""',
    reason:
      "`startsWith('')` drops every problem of a used site, not only 'matches no finding'; but a used site silenced a finding, so it is valid (evaluate lets no invalid site silence anything), and its validity (rule id among the same active rules, reason, expiry against the same policy today) is the same in every stack, so the only problem a used site can have in any stack is 'matches no finding ...', which both versions drop.",
  },
  {
    file: 'aspects/cli/check.ts',
    mutator: 'ConditionalExpression',
    original: '!b',
    replacement: 'true',
    reason:
      "The mutant rebuilds a stack's reports on every call instead of reusing the cached ones; jsonReportText and buildSarif are pure functions of (stack name, policy, evaluation, locator) (no clock, no randomness, the same working directory), so the --out files and stdout get equal text and objects; only the time spent differs.",
  },
  {
    file: 'aspects/cli/check.ts',
    mutator: 'ConditionalExpression',
    original: "stack.kind === 'configuration'",
    replacement: 'true',
    reason:
      'For a plan the mutant locates results with jsonLocator over the plan text instead of fileLocator. jsonLocator locates only bodies under a top-level `"resource"` key, which a plan never has (its top-level keys are format_version, planned_values, resource_changes, configuration...), however it is indented; so every result is at line 1 of the plan file, as fileLocator gives.',
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'StringLiteral',
    original: "'InputError'",
    reason:
      "The name is never printed or read: main() in check.ts catches every InputError (instanceof) and prints only `compliance-gate: <message>`, and readInputs/readPolicy/readSuppressions/readTaggable are called only from check(), inside main's try.",
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'MethodExpression',
    original: '.sort()',
    replacement: 'fs.existsSync(f))',
    reason:
      "fs.readdirSync already returns the names sorted on POSIX: libuv's uv__fs_scandir calls scandir(3) with uv__fs_scandir_sort (strcmp), so the stack list is in the same order without .sort() (the test 'judges every stack directory under stacks/, in name order' passes with it removed); the orders could differ only between astral-plane and U+E000-U+FFFF characters (UTF-8 bytes vs UTF-16 units). Kept because Node does not document readdir's order and libuv's Windows scandir does not sort.",
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'BooleanLiteral',
    original: 'false',
    replacement: 'true',
    reason:
      "No CLI code reads policy.writeReports (only aspects/cdk/checker.ts does): check.ts writes reports exactly when --out is given, and the JSON report's policy header (report.ts reportHeader) does not include writeReports, so the returned policy's flag is never observable from the CLI.",
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'StringLiteral',
    original: "''",
    replacement: 'Stryker was here!',
    line: 250,
    reason:
      "A suppression without a reason reads as '' or, mutated, as 'Stryker was here!'; evaluate.ts judges both as having no written reason (under 20 characters and 4 words), giving the same SuppressionInvalid line, and an invalid suppression suppresses nothing, so its reason never reaches a report (report.ts prints the reason only of a suppression that silenced a finding).",
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'Regex',
    original: 'InputInvalid',
    reason:
      'taggableTypesFromSchema throws only ModelError, whose constructor always starts the message with `[compliance/InputInvalid] `; the unanchored regex therefore first matches at index 0, as the anchored one does, and replace() without /g removes only that first match.',
  },
  {
    file: 'aspects/cli/inputs.ts',
    mutator: 'StringLiteral',
    original: "'utf8'",
    line: 298,
    reason:
      "With encoding '' spawnSync returns stdout as a Buffer; JSON.parse converts its argument with ToString, and Buffer.prototype.toString decodes UTF-8 by default, so the same schema is parsed (checked on node 20: JSON.parse(spawnSync('echo', ['{\"a\":1}'], { encoding: '' }).stdout) is { a: 1 }).",
  },
  {
    file: 'aspects/cli/source-locator.ts',
    mutator: 'MethodExpression',
    original: '.sort()',
    replacement: "fs.readdirSync(dir).filter(f => f.endsWith('.tf') && !OVERRIDE_FILE.test(f))",
    reason:
      "Without .sort() the .tf files are read in fs.readdirSync's order, which is already sorted: Node lists a directory with libuv's uv_fs_scandir, which sorts the names with strcmp on their UTF-8 bytes (checked: files created z, m, _x, a, B are listed B, _x, a, m, z), the same order as .sort() (UTF-16 code units) for any name without characters above U+FFFF. The order decides only which of two lines opening the same type.name is kept, which in valid Terraform happens only for non-code text (a commented-out copy; override files are left out). The sort stays because Node does not document readdir's order.",
  },
  {
    file: 'aspects/cli/source-locator.ts',
    mutator: 'ConditionalExpression',
    original: '!m',
    replacement: 'true',
    line: 72,
    reason:
      'The per-directory cache of hclLocator is rebuilt for every finding instead of reused: blocksIn reads the same .tf files again (nothing writes them during a check) and returns an equal map, so every location is the same; only the number of reads differs.',
  },
  {
    file: 'aspects/cli/source-locator.ts',
    mutator: 'Regex',
    original: '/^( +)"([^"]+)": \\{/',
    replacement: '/( +)"([^"]+)": \\{/',
    reason:
      'Unanchored, the pattern is still tried at column 0 first, so every line the anchored one matches gives the same groups; elsewhere in a line it needs spaces directly before a `"`, which in JSON written with indentation and ": " separators (cdktf\'s json-stable-stringify, JSON.stringify) is only the separator\'s single space (a quote inside a string is written \\"), so m[1] has length 1 and the line counts at no depth (2, 4 or 6).',
  },
  {
    file: 'aspects/core/report.ts',
    mutator: 'ConditionalExpression',
    original: 'key === undefined',
    replacement: 'true',
    reason:
      "jsonReportText quotes a rule's key again for every finding instead of reusing the first quoting; `JSON.stringify(rule.id)` of the same id is the same text, so every line is byte for byte the same.",
  },
  {
    file: 'aspects/core/files.ts',
    mutator: 'ObjectLiteral',
    original: '{ force: true }',
    reason:
      'writeAtomically removes its temporary file after a failed rename; the file was written just before, so it exists and rmSync removes it with or without `force` (which only forgives a missing file). Kept for a file another process removed in between, which a test cannot arrange without a race.',
  },
  {
    file: 'aspects/core/files.ts',
    mutator: 'BooleanLiteral',
    original: 'true',
    replacement: 'false',
    reason:
      'writeAtomically removes its temporary file after a failed rename; the file was written just before, so it exists and rmSync removes it with or without `force` (which only forgives a missing file). Kept for a file another process removed in between, which a test cannot arrange without a race.',
  },
];
