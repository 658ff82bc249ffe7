/**
 * The speech timeline of a connected call, as a diariser would write it: alternating
 * agent and customer turns whose lengths follow the call's talk ratio, small pauses,
 * some overlaps (interruptions), the odd speaker split into two overlapping pieces, no
 * speech during hold, and a little silence before the hang-up. The agent greets within
 * a few seconds (after the customer's "hello" on outbound calls). Every segment ends
 * within the connected time. Offsets are in ms, on a 10 ms grid, shuffled per call.
 */
import type { Call, Segment } from './model.ts';
import type { Rng } from './prng.ts';

/** Mean length of a turn (agent and customer together average this). */
const MEAN_TURN_MS = 7_500;

const grid = (ms: number) => Math.round(ms / 10) * 10;

export function callSegments(call: Call, rng: Rng): Segment[] {
  const connectedMs = (call.ended - call.answered!) * 1000;
  const speechEnd = connectedMs - rng.int(300, 2500);
  const holdMs = call.hold_s * 1000;
  const holdStart = holdMs > 0 ? grid(connectedMs * rng.uniform(0.3, 0.6)) : Infinity;
  const meanTurn = { agent: 2 * call.talkRatio * MEAN_TURN_MS, customer: 2 * (1 - call.talkRatio) * MEAN_TURN_MS };
  const out: Segment[] = [];
  const emit = (speaker: Segment['speaker'], start: number, end: number) => {
    const s = grid(Math.max(0, start));
    const e = grid(Math.min(end, speechEnd));
    if (e > s) out.push({ call_id: call.call_id, speaker, start_ms: s, end_ms: e });
  };

  let speaker: Segment['speaker'] = 'agent';
  let t = rng.int(400, 2500);
  if (call.direction === 'outbound') {
    const hello = rng.int(200, 900);
    const helloEnd = hello + rng.int(400, 1400);
    emit('customer', hello, helloEnd);
    t = helloEnd + rng.int(100, 800);
  }
  let holdDone = false;
  while (t < speechEnd - 300) {
    if (!holdDone && t >= holdStart) {
      t = holdStart + holdMs + rng.int(200, 1500);
      holdDone = true;
      continue;
    }
    let end = t + Math.max(300, rng.lognormal(meanTurn[speaker] * 0.85, 0.55));
    if (!holdDone && end > holdStart) end = holdStart;
    if (rng.chance(0.03) && end - t > 2000) {
      // The diariser cut one turn into two pieces that overlap a little.
      const cut = t + (end - t) * rng.uniform(0.3, 0.7);
      emit(speaker, t, cut + rng.int(100, 300));
      emit(speaker, cut, end);
    } else {
      emit(speaker, t, end);
    }
    const x = rng.next();
    const gap =
      x < 0.15
        ? -rng.int(200, Math.min(1500, Math.max(201, end - t - 100)))
        : x < 0.85
          ? rng.int(150, 1200)
          : rng.int(1500, 5000);
    t = end + gap;
    speaker = speaker === 'agent' ? 'customer' : 'agent';
  }
  return rng.shuffled(out);
}
