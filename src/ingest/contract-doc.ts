/**
 * docs/contract.md, the input contract as people read it, written from the contracts
 * (contracts.ts) so the two never disagree: `npm run docs:contract` rewrites it, and a test
 * fails when it is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTRACTS, TABLE_NAMES, type ColumnContract } from './contracts.ts';
import { projectPath } from '../files/project-root.ts';

export const CONTRACT_DOC = projectPath('docs', 'contract.md');

function rules(c: ColumnContract): string {
  const parts: string[] = [];
  if (c.required) parts.push('required');
  if (c.values) parts.push(`one of ${c.values.join(', ')}`);
  if (c.min !== undefined) parts.push(`${c.exclusiveMin ? '>' : '≥'} ${c.min}`);
  if (c.max !== undefined) parts.push(`≤ ${c.max}`);
  if (c.default !== undefined) parts.push(`default ${String(c.default)}`);
  if (c.personal) parts.push('personal data (masked in reports)');
  return parts.join('; ');
}

export function contractMarkdown(): string {
  const lines = [
    '# Input contract',
    '',
    'Generated from `src/ingest/contracts.ts` by `npm run docs:contract`; do not edit by hand.',
    "Every canonical file is checked against this; a phone system's export is turned into",
    'these rows first (docs/sources/README.md). Timestamps are ISO 8601; one without an offset',
    'is local time in the configured `timezone`. How a load treats each rule is in README.md.',
  ];
  for (const table of TABLE_NAMES) {
    const contract = CONTRACTS[table];
    const key =
      contract.key.length > 0
        ? contract.key.join(' + ')
        : `none: a later file replaces every row of the ${contract.replaceBy} it names`;
    lines.push('', `## ${table}`, '', `Key: ${key}.`, '', '| column | type | rules |', '|---|---|---|');
    for (const c of contract.columns) lines.push(`| ${c.name} | ${c.type} | ${rules(c)} |`);
    if (contract.checks.length > 0) {
      lines.push('', 'Row checks:');
      for (const check of contract.checks) lines.push(`- ${check.reason} is a reject (on ${check.column}).`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(CONTRACT_DOC, contractMarkdown());
