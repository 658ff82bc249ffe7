/** Reading a review sheet: columns by name, BOM and CRLF, notes over several lines, bad lines named. */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../ingest/ingest-fixtures.ts';
import { readReviewSheet } from '../../src/cases/review-sheet.ts';

const tmp = tempDir('callq-sheet-');
afterAll(() => tmp.cleanup());

function sheet(name: string, text: string): string {
  const path = tmp.path(name);
  writeFileSync(path, text);
  return path;
}

describe('readReviewSheet', () => {
  it('reads its columns by name, ignores the others, and tolerates a BOM, CRLF and semicolons', () => {
    const path = sheet(
      'desk.csv',
      [
        '\uFEFFrule;case_id;State;Verdict;by;explanation;note;last_seen',
        'hangup_first;12;ongoing;Confirmed; ana ;hangs up;"listened; twice";2026-11-20',
        // Not reviewed: verdict, note and by empty (the case's own fields are filled in).
        'short_sale;13;new;;;short;;2026-11-20',
        '',
        'peer_outlier;14;;dismissed;bo;x;"two',
        'lines";',
      ].join('\r\n'),
    );
    expect(readReviewSheet(path)).toEqual({
      reviews: [
        {
          line: 2,
          caseId: 12,
          verdict: 'confirmed',
          note: 'listened; twice',
          by: 'ana',
          expectedState: 'ongoing',
          expectedLastSeen: '2026-11-20',
        },
        { line: 5, caseId: 14, verdict: 'dismissed', note: 'two\nlines', by: 'bo' },
      ],
      problems: [],
    });
  });

  it('names each bad line with its reasons', () => {
    const path = sheet(
      'bad.csv',
      [
        'case_id,verdict,note,by,last_seen',
        '1,confirm,,ana,',
        '2,dismissed,no name given,,',
        'x,reward,,bo,',
        '4,actioned,,bo,20/11/2026',
        '1,confirmed,,cy,',
        ',,,,',
      ].join('\n'),
    );
    expect(readReviewSheet(path)).toEqual({
      reviews: [],
      problems: [
        { line: 2, reason: 'unknown verdict "confirm" (confirmed, dismissed, actioned, reward)' },
        { line: 3, reason: 'no reviewer in "by"' },
        { line: 4, reason: 'case_id "x" is not a case number' },
        { line: 5, reason: 'last_seen "20/11/2026" is not a day (YYYY-MM-DD)' },
        // A case twice in one sheet is ambiguous, whatever the first line says.
        { line: 6, reason: 'case 1 is reviewed twice (first on line 2)' },
      ],
    });
  });

  it('refuses a sheet without the columns it needs', () => {
    expect(() => readReviewSheet(sheet('cols.csv', 'case_id,verdict,note\n1,confirmed,x\n'))).toThrow(
      /has no column by/,
    );
    expect(() => readReviewSheet(sheet('empty.csv', ''))).toThrow(/is empty/);
  });
});
