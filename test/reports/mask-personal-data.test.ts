import { describe, expect, it } from 'vitest';
import { maskPhone, maskRows } from '../../src/reports/mask-personal-data.ts';

describe('maskPhone', () => {
  it('keeps the last 4 digits and the separators', () => {
    expect(maskPhone('13800138000')).toBe('*******8000');
    expect(maskPhone('+86 138-0013-8000')).toBe('+** ***-****-8000');
  });

  it('leaves numbers of 4 digits or fewer whole', () => {
    expect(maskPhone('110')).toBe('110');
  });
});

describe('maskRows', () => {
  it('masks phone columns whole, drops free text and keeps every other column', () => {
    const rows = [
      {
        respondent_number: '12345',
        caller_id: '13800138000',
        customer_number: '+86 139-1234-5678',
        comment: 'Mr Wang was rude, call 13700001111',
        audit_note: 'agent read the script',
        text: 'my card number is 6222020200112233',
        explanation: 'Agent A7 dialled 12 numbers; survey S-20261121-000123 from 2026-11-21.',
        csat: 1,
      },
    ];
    expect(maskRows(rows, false)).toEqual([
      {
        respondent_number: '*2345',
        caller_id: '*******8000',
        customer_number: '+** ***-****-5678',
        comment: null,
        audit_note: null,
        text: null,
        // Long numbers in other text stay: they are ids and dates, not phone numbers.
        explanation: 'Agent A7 dialled 12 numbers; survey S-20261121-000123 from 2026-11-21.',
        csat: 1,
      },
    ]);
  });

  it('keeps ids: an Asterisk uniqueid as a call entity, in the evidence and in the explanation', () => {
    const row = {
      anomaly_id: '0f3a9c',
      entity_type: 'call',
      entity_id: '1772445600.101',
      entity: '1772445600.101',
      call_id: '1772445600.101',
      explanation: 'Call 1772445600.101 was a sale of 19 s, far below the 120 s floor.',
      evidence: ['1772445600.101', '1772445600.102'],
    };
    expect(maskRows([row], false)).toEqual([row]);
  });

  it('masks the number of a "number" anomaly in entity_id and entity, and wherever the row repeats it', () => {
    const list = {
      entity_type: 'number',
      entity_id: '13912345678',
      entity: '13912345678',
      explanation: 'Five surveys answered from 13912345678 on 2026-11-21 (not 213912345678).',
      evidence: ['S1', 'S2'],
    };
    expect(maskRows([list], false)).toEqual([
      {
        entity_type: 'number',
        entity_id: '*******5678',
        entity: '*******5678',
        explanation: 'Five surveys answered from *******5678 on 2026-11-21 (not 213912345678).',
        evidence: ['S1', 'S2'],
      },
    ]);
    // top_anomalies and due_cases have entity and entity_type only.
    expect(
      maskRows([{ entity_type: 'number', entity: '13912345678', explanation: 'from 13912345678' }], false),
    ).toEqual([{ entity_type: 'number', entity: '*******5678', explanation: 'from *******5678' }]);
    // A service line of 4 digits masks to itself; an agent's entity is no phone number.
    expect(maskRows([{ entity_type: 'number', entity_id: '110', entity: '110' }], false)).toEqual([
      { entity_type: 'number', entity_id: '110', entity: '110' },
    ]);
    expect(maskRows([{ entity_type: 'agent', entity: '13912345678' }], false)).toEqual([
      { entity_type: 'agent', entity: '13912345678' },
    ]);
  });

  it('a repeated phone number is not masked inside an id column', () => {
    expect(maskRows([{ caller_id: '13800138000', customer_id: 'K13800138000', note_count: 2 }], false)).toEqual([
      { caller_id: '*******8000', customer_id: 'K13800138000', note_count: 2 },
    ]);
  });

  it("masks a row nested in a cell (a case's evidence records) as a row of its own", () => {
    const row = {
      entity_type: 'call',
      entity_id: 'C6',
      evidence_rows: [
        {
          kind: 'call',
          evidence_id: 'C6',
          contact_number: '13912345678',
          speech: [{ speaker: 'agent', start_ms: 0, end_ms: 10 }],
        },
        {
          kind: 'survey',
          evidence_id: 'S1',
          contact_number: '13800138000',
          comment: 'call me on 13700001111',
          call_id: 'C6',
        },
      ],
    };
    expect(maskRows([row], false)).toEqual([
      {
        entity_type: 'call',
        entity_id: 'C6',
        evidence_rows: [
          {
            kind: 'call',
            evidence_id: 'C6',
            contact_number: '*******5678',
            speech: [{ speaker: 'agent', start_ms: 0, end_ms: 10 }],
          },
          { kind: 'survey', evidence_id: 'S1', contact_number: '*******8000', comment: null, call_id: 'C6' },
        ],
      },
    ]);
  });

  it('shows everything with --show-personal-data', () => {
    const rows = [{ caller_id: '13800138000', comment: 'call me back', text: 'hello' }];
    expect(maskRows(rows, true)).toEqual(rows);
  });
});
