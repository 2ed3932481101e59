/**
 * The rule catalogue as a Markdown table (the README's "Rule catalogue" section; `npx tsx
 * scripts/readme-rules.ts` rewrites it there).
 */
import { CATALOGUE } from '../aspects/rules';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function renderRulesTable(): string {
  const rows = CATALOGUE.map((r) => {
    const c = r.controls;
    const anchors = [
      ...(c.pciDss ?? []).map((x) => `PCI ${x}`),
      ...(c.securityHub ?? []).map((x) => `SH ${x}`),
      ...(c.cdkNag ?? []),
      ...(c.checkov ?? []),
    ].join(', ');
    const types =
      r.appliesTo === 'taggable' ? 'every taggable type' : r.appliesTo.map((t) => `\`${t}\``).join(' ');
    return `| \`${r.id}\` | ${types} | ${cell(r.description)} | ${r.severity} | ${r.injectedBy ?? ''} | ${cell(anchors) || 'ours'} |`;
  });
  return [
    '| rule | judges | compliant when | severity | injected by | maps to |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

if (require.main === module) console.log(renderRulesTable());
