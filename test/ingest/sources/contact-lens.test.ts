/**
 * contact-lens: the fixture cases under test/fixtures/sources/contact-lens (layouts 1.1.0 and
 * VOICE-2022-11-30), loaded after their contacts' records, with talk-listen worked out by hand.
 */
import { describe, it } from 'vitest';
import { caseDir, checkCase } from './source-cases.ts';

describe('contact-lens', () => {
  it.each(['v110', 'voice-2022-11-30'])(
    '%s: segments with text, zero-length turns left out, talk-listen as worked out by hand',
    async (name) => {
      await checkCase('contact-lens', caseDir('contact-lens', name));
    },
  );
});
