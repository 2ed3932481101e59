/**
 * The compliance report: JSON (every judged resource with the outcome of every rule that judges its type)
 * and SARIF 2.1.0 (what GitHub code scanning ingests). Pure functions from an Evaluation to plain objects
 * and text; the checker writes them once per stack, after checking.
 *
 * Size is linear in the findings, not in rules x resources: a rule that does not judge a resource's type
 * is left out of that resource's `results` (its `appliesTo` in `rules` says so, and `summary` counts the
 * pair as not-applicable). At 20,000 resources this is ~100,000 entries instead of ~1.1 million.
 */
import type { Coverage } from './coverage';
import { coverage } from './coverage';
import type { CompliancePolicy } from './policy';
import type { Evaluation, Finding } from './evaluate';
import { suppressionProblemLine } from './evaluate';
import type { TfResource } from './model';
import type { Outcome, Rule } from './rule';

/** The gate package's name and version (a test holds them to aspects/package.json). */
export const TOOL_NAME = '@payments-compliance/gate';
export const TOOL_VERSION = '0.2.0';
export const REPORT_SCHEMA_VERSION = 2;

type ResultEntry =
  | Outcome
  | 'suppressed'
  | {
      readonly outcome: Outcome | 'suppressed';
      readonly messages?: readonly string[];
      /** Warnings of compliant findings (something that stops complying soon). */
      readonly warnings?: readonly string[];
      readonly suppression?: {
        readonly reason: string;
        readonly expires: string;
        readonly declaredOn: string;
      };
    };

export interface JsonReport {
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly stack: string;
  readonly policy: {
    readonly name: string;
    readonly requiredTags: Readonly<Record<string, string>>;
    readonly logRetentionDays: number;
    readonly tracing: boolean;
    readonly region: string;
    readonly disabledRules: readonly string[];
  };
  readonly passed: boolean;
  readonly summary: Readonly<Record<Outcome | 'suppressed' | 'resources' | 'rules', number>>;
  readonly rules: readonly {
    readonly id: string;
    readonly description: string;
    readonly fix: string;
    readonly severity: string;
    readonly appliesTo: readonly string[] | 'taggable';
    readonly controls: Rule['controls'];
  }[];
  readonly suppressionProblems: readonly string[];
  /** Resources and types judged, and the resource types no rule judges (what the gate did not look at). */
  readonly coverage: Coverage;
  /** Policy-level notes (e.g. stale runtime facts); present only when there is one. Never a failure. */
  readonly notes?: readonly string[];
  /**
   * Per judged resource, in configuration order, the outcome of every rule that judges its type, in
   * catalogue order. A rule absent from `results` does not apply to the type: not-applicable.
   */
  readonly resources: readonly ResourceEntry[];
}

export interface ResourceEntry {
  readonly address: string;
  readonly path: string;
  readonly type: string;
  readonly results: Readonly<Record<string, ResultEntry>>;
}

const RANK: Record<Outcome | 'suppressed', number> = {
  'not-applicable': 0,
  compliant: 1,
  suppressed: 2,
  unresolved: 3,
  'non-compliant': 4,
};

function effective(f: Finding): Outcome | 'suppressed' {
  return f.suppressedBy ? 'suppressed' : f.outcome;
}

/**
 * One rule's findings on one resource (`findings[from]` up to `findings[to]`, not included), as its report
 * entry: the worst outcome, with the failing messages.
 */
function resultEntry(findings: readonly Finding[], from: number, to: number): ResultEntry {
  const first = findings[from];
  // Nearly every pair is one plain result: its outcome is its entry, with no arrays to build (evaluate()
  // never suppresses a compliant or not-applicable finding).
  if (
    to === from + 1 &&
    (first.outcome === 'compliant' || first.outcome === 'not-applicable') &&
    first.message === undefined &&
    first.warning === undefined
  )
    return first.outcome;
  let worst = first;
  const messages: string[] = [];
  const warnings: string[] = [];
  // A compliant finding that explains itself (retention kept by an archive, 0 = never expire) says so.
  const explained: string[] = [];
  for (let i = from; i < to; i++) {
    const f = findings[i];
    if (RANK[effective(f)] > RANK[effective(worst)]) worst = f;
    if (f.outcome === 'non-compliant' || f.outcome === 'unresolved') messages.push(f.message ?? '');
    else if (f.outcome === 'compliant' && f.message) explained.push(f.message);
    if (f.warning !== undefined) warnings.push(f.warning);
  }
  const outcome = effective(worst);
  if (messages.length === 0 && warnings.length === 0)
    return outcome === 'compliant' && explained.length > 0 ? { outcome, messages: explained } : outcome;
  const s = worst.suppressedBy;
  return {
    outcome,
    ...(messages.length > 0 ? { messages } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(s
      ? {
          suppression: {
            reason: s.suppression.reason,
            expires: s.suppression.expires,
            declaredOn: s.ownerPath,
          },
        }
      : {}),
  };
}

/**
 * Every (resource, rule) pair's entry, from the findings, which evaluate() emits grouped by resource and,
 * within a resource, by rule: one pass, no rules x resources product. Counts each entry in `summary`.
 */
function forEachEntry(
  ev: Evaluation,
  summary: Record<string, number>,
  each: (resource: TfResource, rule: Rule, entry: ResultEntry) => void,
): void {
  const findings = ev.findings;
  let judgedPairs = 0;
  for (let i = 0; i < findings.length;) {
    const first = findings[i];
    const { resource, rule } = first;
    let j = i + 1;
    while (j < findings.length && findings[j].resource === resource && findings[j].rule === rule) j++;
    const entry = resultEntry(findings, i, j);
    summary[typeof entry === 'string' ? entry : entry.outcome] += 1;
    judgedPairs += 1;
    each(resource, rule, entry);
    i = j;
  }
  summary['not-applicable'] += ev.resources.length * ev.rules.length - judgedPairs;
}

/** Per-resource results, in configuration order. */
function resourceEntries(ev: Evaluation, summary: Record<string, number>): ResourceEntry[] {
  const byResource = new Map<TfResource, Record<string, ResultEntry>>();
  forEachEntry(ev, summary, (resource, rule, entry) => {
    let results = byResource.get(resource);
    if (!results) byResource.set(resource, (results = {}));
    results[rule.id] = entry;
  });
  return ev.resources.map((r) => ({
    address: r.address,
    path: r.path,
    type: r.type,
    results: byResource.get(r) ?? {},
  }));
}

function reportHeader(stack: string, policy: CompliancePolicy, ev: Evaluation) {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    stack,
    policy: {
      name: policy.name,
      requiredTags: policy.requiredTags,
      logRetentionDays: policy.logRetentionDays,
      tracing: policy.tracing,
      region: policy.region,
      disabledRules: policy.disabledRules,
    },
    passed: ev.violations.length === 0 && ev.suppressionProblems.length === 0,
  };
}

function ruleEntries(ev: Evaluation): JsonReport['rules'] {
  return ev.rules.map((r) => ({
    id: r.id,
    description: r.description,
    fix: r.fix,
    severity: r.severity,
    appliesTo: r.appliesTo,
    controls: r.controls,
  }));
}

function newSummary(ev: Evaluation): Record<Outcome | 'suppressed' | 'resources' | 'rules', number> {
  return {
    resources: ev.resources.length,
    rules: ev.rules.length,
    compliant: 0,
    'non-compliant': 0,
    unresolved: 0,
    suppressed: 0,
    'not-applicable': 0,
  };
}

export function buildJsonReport(stack: string, policy: CompliancePolicy, ev: Evaluation): JsonReport {
  const summary = newSummary(ev);
  const resources = resourceEntries(ev, summary);
  return { ...reportHead(stack, policy, ev, summary), resources };
}

/** Everything in the JSON report but `resources`, in the report's key order. */
function reportHead(
  stack: string,
  policy: CompliancePolicy,
  ev: Evaluation,
  summary: JsonReport['summary'],
): Omit<JsonReport, 'resources'> {
  return {
    ...reportHeader(stack, policy, ev),
    summary,
    rules: ruleEntries(ev),
    suppressionProblems: ev.suppressionProblems.map(suppressionProblemLine),
    ...(ev.notes.length > 0 ? { notes: ev.notes } : {}),
    coverage: coverage(ev),
  };
}

/**
 * `formatJsonReport(buildJsonReport(stack, policy, ev))`, the same text, written straight from the
 * findings: no report object per resource (what the adapter and the CLI write; tens of thousands of
 * resources in a large stack).
 */
export function jsonReportText(stack: string, policy: CompliancePolicy, ev: Evaluation): string {
  const summary = newSummary(ev);
  const pairs = new Map<TfResource, string[]>();
  // Each rule's key, quoted once (`"RuleId":`), not once per finding.
  const keys = new Map<Rule, string>();
  forEachEntry(ev, summary, (resource, rule, entry) => {
    let key = keys.get(rule);
    if (key === undefined) keys.set(rule, (key = `${JSON.stringify(rule.id)}:`));
    // Outcomes are plain words: quoted as they are (JSON.stringify would give the same text).
    const text = `${key}${typeof entry === 'string' ? `"${entry}"` : JSON.stringify(entry)}`;
    const list = pairs.get(resource);
    if (list) list.push(text);
    else pairs.set(resource, [text]);
  });
  const lines = ev.resources.map(
    (r) =>
      `{"address":${JSON.stringify(r.address)},"path":${JSON.stringify(r.path)},"type":${JSON.stringify(r.type)},"results":{${(pairs.get(r) ?? []).join(',')}}}`,
  );
  return assemble(reportHead(stack, policy, ev, summary), lines);
}

/**
 * The JSON report as text: everything but `resources` indented for reading, then one resource per line,
 * so a diff of two reports shows exactly the resources whose results changed, and a report of 20,000
 * resources stays a few MB. `JSON.parse` reads it as usual.
 */
export function formatJsonReport(report: JsonReport): string {
  const { resources, ...head } = report;
  return assemble(
    head,
    resources.map((r) => JSON.stringify(r)),
  );
}

/** The report's text from its head and its resources, each already one line of JSON. */
function assemble(head: Omit<JsonReport, 'resources'>, resourceLines: readonly string[]): string {
  const headText = JSON.stringify(head, null, 2);
  const body = resourceLines.length === 0 ? '[]' : `[\n    ${resourceLines.join(',\n    ')}\n  ]`;
  return `${headText.slice(0, -2)},\n  "resources": ${body}\n}`;
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** Where a finding is shown: a file (relative to the repository root, `/`-separated) and a 1-based line. */
export interface SourceLocation {
  readonly uri: string;
  readonly line: number;
}

/**
 * SARIF 2.1.0: one result per non-compliant, unresolved or suppressed finding (suppressed ones carry
 * `suppressions` so code scanning shows them as dismissed), and one `warning`-level result per warning
 * of a compliant finding; policy-level notes are tool execution notifications of the run. `locate` says
 * where each finding is shown: the source that declares the resource (the construct's creation site, an
 * HCL block), so GitHub annotates a line a reviewer can open; a plain string puts every result at line 1
 * of that file. The resource's construct path or address is also given as a logical location.
 */
export function buildSarif(
  stack: string,
  ev: Evaluation,
  locate: string | ((f: Finding) => SourceLocation),
): Record<string, unknown> {
  const where = typeof locate === 'string' ? () => ({ uri: locate, line: 1 }) : locate;
  const ruleIndex = new Map(ev.rules.map((r, i) => [r.id, i]));
  const location = (f: Finding) => {
    const at = where(f);
    return [
      {
        physicalLocation: { artifactLocation: { uri: at.uri }, region: { startLine: Math.max(1, at.line) } },
        logicalLocations: [
          { fullyQualifiedName: f.resource.path, kind: 'resource', name: f.resource.address },
        ],
      },
    ];
  };
  const warnings = ev.findings
    .filter((f) => f.outcome === 'compliant' && f.warning !== undefined)
    .map((f) => ({
      ruleId: f.rule.id,
      ruleIndex: ruleIndex.get(f.rule.id),
      level: 'warning',
      message: { text: `${f.resource.address} (${f.resource.path}): ${f.warning}` },
      locations: location(f),
      partialFingerprints: { resourceRule: `${stack}/${f.resource.address}/${f.rule.id}/warning` },
    }));
  const results = ev.findings
    .filter((f) => f.outcome === 'non-compliant' || f.outcome === 'unresolved')
    .map((f) => ({
      ruleId: f.rule.id,
      ruleIndex: ruleIndex.get(f.rule.id),
      level: f.outcome === 'unresolved' ? 'error' : SARIF_LEVEL[f.rule.severity],
      message: {
        text: `${f.resource.address} (${f.resource.path}): ${f.outcome === 'unresolved' ? 'cannot be judged: ' : ''}${f.message}. Fix: ${f.fix}`,
      },
      locations: location(f),
      partialFingerprints: { resourceRule: `${stack}/${f.resource.address}/${f.rule.id}` },
      ...(f.suppressedBy
        ? {
            suppressions: [
              {
                kind: 'inSource',
                status: 'accepted',
                justification: `${f.suppressedBy.suppression.reason} (expires ${f.suppressedBy.suppression.expires})`,
              },
            ],
          }
        : {}),
    }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            rules: ev.rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              help: { text: `Fix: ${r.fix}` },
              defaultConfiguration: { level: SARIF_LEVEL[r.severity] },
              properties: {
                tags: [
                  'security',
                  'compliance',
                  ...(r.controls.pciDss ?? []).map((c) => `PCI-DSS-v4.0-${c}`),
                ],
                'security-severity': SECURITY_SEVERITY[r.severity],
                controls: r.controls,
              },
            })),
          },
        },
        automationDetails: { id: `compliance/${stack}/` },
        ...(ev.notes.length > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: ev.notes.map((n) => ({
                    level: 'warning',
                    message: { text: n },
                  })),
                },
              ],
            }
          : {}),
        results: [...results, ...warnings],
      },
    ],
  };
}
