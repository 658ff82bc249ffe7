/** Definitions read with the values of the config they were computed under. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load-config.ts';
import { translator } from '../../src/reports/i18n.ts';
import { meetsTarget, settingVars, withSettings } from '../../src/reports/settings-text.ts';

const config = parseConfig({
  answer_target_s: 20,
  repeat_window_days: 1,
  window_days: 14,
  talk_ratio_band: [0.3, 0.55],
});

describe('withSettings', () => {
  it.each([
    ['en', 'answered within answer_target_s seconds', 'answered within 20 s'],
    ['en', 'a repeat within repeat_window_days days', 'a repeat within 1 day'],
    ['en', 'over window_days', 'over 14 days'],
    // A share is shown as a percentage with one decimal.
    ['en', 'talk ratio outside talk_ratio_band', 'talk ratio outside 30.0%–55.0%'],
    ['zh-CN', 'answer_target_s 秒内接起', '20 秒内接起'],
    ['zh-CN', 'window_days 天', '14 天'],
    // Only whole keys: a longer name that contains a key is left alone.
    ['en', 'my_window_days_x stays', 'my_window_days_x stays'],
  ] as const)('%s: "%s" reads "%s"', (lang, text, expected) => {
    expect(withSettings(text, config, translator(lang))).toBe(expected);
  });
});

describe('meetsTarget', () => {
  it.each([
    [4.2, 'at_least', 4.2, true],
    [4.19, 'at_least', 4.2, false],
    [30, 'at_most', 30, true],
    [30.5, 'at_most', 30, false],
  ] as const)('%d against %s %d: %s', (value, side, target, expected) => {
    expect(meetsTarget(value, { value: target, side, text: '' })).toBe(expected);
  });
});

describe('settingVars', () => {
  it('has the currency and every numeric top-level setting', () => {
    const vars = settingVars(config);
    expect(vars.currency).toBe(config.currency);
    expect(vars.answer_target_s).toBe(20);
    expect(vars.window_days).toBe(14);
    expect(vars.talk_ratio_band).toBeUndefined();
  });
});
