/**
 * asterisk-cdr: the fixture cases under test/fixtures/sources/asterisk-cdr (Master.csv with
 * 16 and 21 columns, a cdr table export), with calls and figures worked out by hand from
 * Asterisk's CDR definitions: IVR answers and ring-group Local/ legs are no answer.
 */
import { describe, it } from 'vitest';
import { caseDir, checkCase } from './source-cases.ts';

describe('asterisk-cdr', () => {
  it.each(['master16', 'master21', 'db-export'])(
    "%s: calls, skipped calls and the day's figures as worked out by hand",
    async (name) => {
      await checkCase('asterisk-cdr', caseDir('asterisk-cdr', name));
    },
  );
});
