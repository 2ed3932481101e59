/** The README's rule table is generated from the catalogue; this keeps it honest. */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOGUE } from '@payments-compliance/gate';
import { renderRulesTable } from '../../scripts/rules-table';

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

describe('README', () => {
  it('shows the current rule catalogue (run `npx tsx scripts/readme-rules.ts` to update)', () => {
    expect(readme).toContain(renderRulesTable());
    expect(readme).toContain(`<!-- rules-count -->${CATALOGUE.length} rules<!-- /rules-count -->`);
  });
});
