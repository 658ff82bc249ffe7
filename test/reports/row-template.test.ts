import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/reports/row-template.ts';

describe('fillTemplate', () => {
  it.each([
    ['anomalies.html#c-{case_id}', { case_id: 17 }, 'anomalies.html#c-17'],
    ['#a-{agent_id}-{day}', { agent_id: 'A-07', day: '2026-11-21' }, '#a-A-07-2026-11-21'],
    // Anything outside [A-Za-z0-9_.-] becomes _, one for one: a quote cannot end the attribute.
    ['#a-{agent_id}', { agent_id: '"><script>' }, '#a-___script_'],
    ['#a-{agent_id}', { agent_id: '客服 1' }, '#a-___1'],
    ['#a-{agent_id}', { agent_id: null }, '#a-'],
    ['#a-{missing}', {}, '#a-'],
    ['#a-{Agent}', { Agent: 'x' }, '#a-{Agent}'],
  ])('%s with %o is %s', (template, row, expected) => {
    expect(fillTemplate(template, row)).toBe(expected);
  });
});
