/**
 * A small inline SVG of a call's speech: the agent's turns on the upper lane, the
 * customer's on the lower one, across the connected time, so long silences, monologues and
 * who spoke last show at a glance. Each lane is one path (a call has a few dozen turns and
 * a case up to 20 calls, so the page stays small); it needs no script and prints.
 */
import { html, type Html } from './html.ts';
import type { Translator } from './i18n.ts';

export interface SpeechTurn {
  speaker: string;
  start_ms: number;
  end_ms: number;
}

const WIDTH = 140;
const LANE = 6;
const GAP = 2;
const HEIGHT = 2 * LANE + GAP;

/** `lengthMs`: the time the lanes span (the connected time, or the last turn's end if later). */
export function speechTimeline(turns: readonly SpeechTurn[], lengthMs: number, tr: Translator): Html {
  if (turns.length === 0 || !(lengthMs > 0)) return html``;
  const x = (ms: number) => (Math.min(Math.max(ms, 0), lengthMs) * WIDTH) / lengthMs;
  const lane = (speaker: string, top: number) =>
    turns
      .filter((turn) => turn.speaker === speaker)
      .map((turn) => {
        const left = x(turn.start_ms);
        // At least half a pixel, so a short interjection is still seen.
        const width = Math.max(x(turn.end_ms) - left, 0.5);
        return `M${left.toFixed(1)} ${top}h${width.toFixed(1)}v${LANE}h-${width.toFixed(1)}z`;
      })
      .join('');
  const share = (speaker: string) =>
    Math.round(
      (100 *
        turns.filter((t) => t.speaker === speaker).reduce((sum, t) => sum + Math.max(t.end_ms - t.start_ms, 0), 0)) /
        lengthMs,
    );
  const label = tr.t('speech.label', {
    agent: share('agent'),
    customer: share('customer'),
    seconds: Math.round(lengthMs / 1000),
  });
  return html`<svg class="speech" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${label}"><title>${label}</title><rect class="speech-lane" width="${WIDTH}" height="${HEIGHT}"/><path class="speech-agent" d="${lane('agent', 0)}"/><path class="speech-customer" d="${lane('customer', LANE + GAP)}"/></svg>`;
}
