/** The values a rule's SQL may name: the day range, the shared top-level keys and the rule's own settings. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { ruleValues } from '../../src/anomalies/rule-params.ts';

const range = { from: '2026-11-01', to: '2026-11-21', allDays: false };
const config = parseConfig({
  window_days: 14,
  short_sale_s: 45,
  calling_window: { start: '09:00', end: '20:00' },
  protected_numbers: ['110'],
  centre_numbers: ['4008001234'],
  anomalies: { complaint_after_sale: { window_days: 5 }, caller_id_spoof: { enabled: false, min_digits: 6 } },
});

describe('ruleValues', () => {
  it('gives a rule the range, the shared keys and its settings, without `enabled`', () => {
    // caller_id_spoof's settings: min_digits (set to 6) and max_digits (default 15).
    expect(ruleValues(config, 'caller_id_spoof', range)).toEqual({
      from: '2026-11-01',
      to: '2026-11-21',
      all_days: false,
      window_days: 14,
      short_sale_s: 45,
      calling_start: '09:00',
      calling_end: '20:00',
      protected_numbers: ['110'],
      centre_numbers: ['4008001234'],
      min_digits: 6,
      max_digits: 15,
    });
  });

  it("lets a rule's own window_days replace the top-level one", () => {
    expect(ruleValues(config, 'complaint_after_sale', range).window_days).toBe(5);
    expect(ruleValues(config, 'short_sale', range).window_days).toBe(14);
  });
});
