/** docs/contract.md is what the contracts say (run `npm run docs:contract` after changing them). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_DOC, contractMarkdown } from '../../src/ingest/contract-doc.ts';

describe('docs/contract.md', () => {
  it('matches the contracts', () => {
    expect(readFileSync(CONTRACT_DOC, 'utf8')).toBe(contractMarkdown());
  });

  it('states a column rule as the contract has it', () => {
    const doc = contractMarkdown();
    expect(doc).toContain('| csat | integer | ≥ 1; ≤ 5 |');
    expect(doc).toContain('| previous_call_id | text |  |');
    expect(doc).toContain('Key: none: a later file replaces every row of the call_id it names.');
  });
});
