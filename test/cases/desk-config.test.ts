/** The audit desk's config keys: defaults, and a reopen gap shorter than the episode gap refused. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';

describe('audit desk config', () => {
  it('has the documented defaults', () => {
    const config = parseConfig({});
    expect([
      config.case_gap_days,
      config.case_reopen_days,
      config.action_due_days,
      config.reward_due_days,
      config.snooze_days,
      config.snooze_margin,
      config.recognition_top,
    ]).toEqual([1, 28, 7, 2, 14, 0.25, 3]);
  });

  it('refuses case_reopen_days below case_gap_days, naming the key', () => {
    expect(() => parseConfig({ case_gap_days: 3, case_reopen_days: 2 })).toThrow(
      'bad config config: case_reopen_days: case_reopen_days must be at least case_gap_days',
    );
  });
});
