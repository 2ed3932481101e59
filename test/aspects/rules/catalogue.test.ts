/** The rule catalogue's own invariants (aspects/rules/index.ts; after cdk-nag's layout, minus its orphan rules). */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE, MUTATOR_ORDER } from '@payments-compliance/gate';

const RULES_DIR = path.join(__dirname, '../../../aspects/rules');
const ruleFiles = fs
  .readdirSync(RULES_DIR)
  .filter((f) => /^[A-Z]\w+\.ts$/.test(f))
  .map((f) => f.replace(/\.ts$/, ''));

describe('the rule catalogue', () => {
  it('has at least 30 rules with unique descriptive ids', () => {
    expect(CATALOGUE.length).toBeGreaterThanOrEqual(30);
    const ids = CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Z][A-Za-z0-9]+$/);
  });

  it('lists every rule file (no orphan rule), and each file default-exports the rule named like the file', () => {
    expect([...CATALOGUE.map((r) => r.id)].sort()).toEqual([...ruleFiles].sort());
    for (const name of ruleFiles) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(RULES_DIR, name)) as { default: { id: string } };
      expect(mod.default.id).toBe(name);
    }
  });

  it('gives every rule a compliant-condition sentence, a fix, a severity, controls and target types', () => {
    for (const r of CATALOGUE) {
      const where = `rule ${r.id}`;
      expect({ where, ok: /^[A-Z].{15,}\.$/.test(r.description) }).toEqual({ where, ok: true });
      expect({ where, ok: r.fix.length > 15 }).toEqual({ where, ok: true });
      expect(['critical', 'high', 'medium', 'low']).toContain(r.severity);
      expect(typeof r.controls).toBe('object');
      expect(r.appliesTo === 'taggable' || (Array.isArray(r.appliesTo) && r.appliesTo.length > 0)).toBe(true);
    }
  });

  it('has at least one rule for each mutating aspect, so leaving a mutator out is always caught', () => {
    for (const m of MUTATOR_ORDER)
      expect(CATALOGUE.filter((r) => r.injectedBy === m).length).toBeGreaterThan(0);
  });

  it('maps rules to the public checkers where equivalents exist', () => {
    const mapped = CATALOGUE.filter(
      (r) => (r.controls.checkov ?? []).length + (r.controls.cdkNag ?? []).length > 0,
    );
    expect(mapped.length).toBeGreaterThanOrEqual(20);
    for (const r of CATALOGUE) for (const c of r.controls.checkov ?? []) expect(c).toMatch(/^CKV2?_AWS_\d+$/);
  });
});
