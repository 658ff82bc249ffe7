import { describe, expect, it } from 'vitest';
import { maskPhone, maskPhonesInText, maskRows } from '../../src/reports/mask-personal-data.ts';

describe('maskPhone', () => {
  it('keeps the last 4 digits and the separators', () => {
    expect(maskPhone('13800138000')).toBe('*******8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('+** ***-****-8000');
  });

  it('leaves numbers of 4 digits or fewer whole', () => {
    expect(maskPhone('110')).toBe('110');
  });
});

describe('maskPhonesInText', () => {
  it('masks phone-like runs of 7+ digits but not dates, ids or short numbers', () => {
    expect(maskPhonesInText('Five surveys from 13912345678 on 2026-11-21, called 110.')).toBe(
      'Five surveys from *******5678 on 2026-11-21, called 110.',
    );
    expect(maskPhonesInText('call C0001234567, file calls-20261121-000123.csv')).toBe(
      'call C0001234567, file calls-20261121-000123.csv',
    );
    expect(maskPhonesInText('ring 555-123-4567 now')).toBe('ring ***-***-4567 now');
  });
});

describe('maskRows', () => {
  const rows = [
    {
      respondent_number: '12345',
      caller_id: '13800138000',
      comment: 'Mr Wang was rude',
      explanation: 'from 13912345678',
      evidence: ['S1', '13700001111'],
      csat: 1,
    },
  ];

  it('masks phone columns whole, drops free text and masks numbers inside other text', () => {
    expect(maskRows(rows, false)).toEqual([
      {
        respondent_number: '*2345',
        caller_id: '*******8000',
        comment: null,
        explanation: 'from *******5678',
        evidence: ['S1', '*******1111'],
        csat: 1,
      },
    ]);
  });

  it('shows everything with --show-personal-data', () => {
    expect(maskRows(rows, true)).toEqual(rows);
  });
});
