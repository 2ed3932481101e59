/**
 * The compliance report: JSON (every rule x judged resource) and SARIF 2.1.0 (what GitHub code scanning
 * ingests). Pure functions from an Evaluation to plain objects; the checker writes them once per stack,
 * after checking.
 */
import type { CompliancePolicy } from '../policy';
import type { Evaluation, Finding } from './evaluate';
import { suppressionProblemLine } from './evaluate';
import type { Outcome, Rule } from './rule';

export const TOOL_NAME = 'cdktf-payments-compliance';
export const TOOL_VERSION = '0.1.0';
export const REPORT_SCHEMA_VERSION = 1;

type ResultEntry =
  | Outcome
  | 'suppressed'
  | {
      readonly outcome: Outcome | 'suppressed';
      readonly messages?: readonly string[];
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
  /** Per judged resource, the outcome of every rule of the policy (rules for other types: not-applicable). */
  readonly resources: readonly {
    readonly address: string;
    readonly path: string;
    readonly type: string;
    readonly results: Readonly<Record<string, ResultEntry>>;
  }[];
  readonly suppressionProblems: readonly string[];
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

/** Per-resource results, counted into `summary`; rules that do not judge the type are not-applicable. */
function resourceResults(
  ev: Evaluation,
  findings: readonly Finding[],
  summary: Record<string, number>,
): Record<string, ResultEntry> {
  const byRule = new Map<Rule, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const results: Record<string, ResultEntry> = {};
  for (const rule of ev.rules) {
    const mine = byRule.get(rule);
    if (!mine) {
      results[rule.id] = 'not-applicable';
      summary['not-applicable'] += 1;
      continue;
    }
    const worst = mine.reduce((a, b) => (RANK[effective(b)] > RANK[effective(a)] ? b : a));
    const outcome = effective(worst);
    summary[outcome] += 1;
    const messages = mine
      .filter((f) => f.outcome === 'non-compliant' || f.outcome === 'unresolved')
      .map((f) => f.message ?? '');
    if (messages.length === 0) {
      results[rule.id] = outcome;
      continue;
    }
    const s = worst.suppressedBy;
    results[rule.id] = {
      outcome,
      messages,
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
  return results;
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

function findingsByResource(ev: Evaluation): Map<string, Finding[]> {
  const byResource = new Map<string, Finding[]>();
  for (const f of ev.findings) {
    const list = byResource.get(f.resource.address);
    if (list) list.push(f);
    else byResource.set(f.resource.address, [f]);
  }
  return byResource;
}

export function buildJsonReport(stack: string, policy: CompliancePolicy, ev: Evaluation): JsonReport {
  const byResource = findingsByResource(ev);
  const summary = newSummary(ev);
  const resources = ev.resources.map((resource) => ({
    address: resource.address,
    path: resource.path,
    type: resource.type,
    results: resourceResults(ev, byResource.get(resource.address) ?? [], summary),
  }));
  return {
    ...reportHeader(stack, policy, ev),
    summary,
    rules: ruleEntries(ev),
    resources,
    suppressionProblems: ev.suppressionProblems.map(suppressionProblemLine),
  };
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};
const SECURITY_SEVERITY: Record<string, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/**
 * SARIF 2.1.0: one result per non-compliant, unresolved or suppressed finding (suppressed ones carry
 * `suppressions` so code scanning shows them as dismissed). `artifactUri` is the file the findings are
 * located in (the synthesized `cdk.tf.json`, relative to the repository root).
 */
export function buildSarif(stack: string, ev: Evaluation, artifactUri: string): Record<string, unknown> {
  const ruleIndex = new Map(ev.rules.map((r, i) => [r.id, i]));
  const results = ev.findings
    .filter((f) => f.outcome === 'non-compliant' || f.outcome === 'unresolved')
    .map((f) => ({
      ruleId: f.rule.id,
      ruleIndex: ruleIndex.get(f.rule.id),
      level: f.outcome === 'unresolved' ? 'error' : SARIF_LEVEL[f.rule.severity],
      message: {
        text: `${f.resource.address} (${f.resource.path}): ${f.outcome === 'unresolved' ? 'cannot be judged: ' : ''}${f.message}. Fix: ${f.rule.fix}`,
      },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri }, region: { startLine: 1 } },
          logicalLocations: [
            { fullyQualifiedName: f.resource.path, kind: 'resource', name: f.resource.address },
          ],
        },
      ],
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
        results,
      },
    ],
  };
}
