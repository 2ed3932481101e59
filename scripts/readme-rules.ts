/**
 * Rewrites the README's rule table and rule count from the catalogue:
 *   npx tsx scripts/readme-rules.ts
 * test/aspects/readme.test.ts fails when the README is out of date.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderRulesTable } from './rules-table';
import { CATALOGUE } from '../aspects/rules';

const file = path.join(__dirname, '..', 'README.md');
const text = fs.readFileSync(file, 'utf8');
const next = text
  .replace(
    /<!-- rules-table -->[\s\S]*?<!-- \/rules-table -->/,
    `<!-- rules-table -->\n${renderRulesTable()}\n<!-- /rules-table -->`,
  )
  .replace(
    /<!-- rules-count -->[\s\S]*?<!-- \/rules-count -->/,
    `<!-- rules-count -->${CATALOGUE.length} rules<!-- /rules-count -->`,
  );
fs.writeFileSync(file, next);
console.log(`README.md: ${CATALOGUE.length} rules`);
