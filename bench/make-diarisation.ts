/**
 * Writes the talk-listen bench set once into bench/data/ (git-ignored): speech timelines
 * shaped like a diariser's output, not the tidy alternation of make-data.ts.
 *   calls.csv     call_id, day, answered, connected_ms: what the talk-listen step reads of a
 *                 call (int_calls_measured's columns; connected_ms empty when not answered)
 *   segments.csv  call_id, speaker, start_ms, end_ms (the canonical segments columns)
 *   shape.json    how the rows came out, counted on the rows as written
 * Per answered call a conversation runs until the connected time is up: turns of varied
 * length (each call has its own pace) mostly alternate, with gaps from a few hundred ms to
 * many seconds, and some turns cut into the other speaker's. Inside turns the listener drops
 * short backchannels ("mm", "ok"): overlaps across speakers. The diariser splits some turns
 * into pieces that overlap or touch, and repeats some pieces: overlaps within a speaker.
 * The last turn often runs past the connected end, and some recordings have speech after
 * the hang-up. Rows come per call in channel order (all agent rows, then the customer's),
 * time order or no order, and calls reach segments.csv in a different order than calls.csv.
 * Times are on a grid (10 ms by default; a coarse grid makes many ties).
 * Seeded: the same options write the same files, byte for byte.
 *
 *   npx tsx bench/make-diarisation.ts [CALLS]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, BENCH_END_DAY } from './make-data.ts';
import { ChunkedWriter, seeded, type Random } from './random.ts';

export interface DiarisationOptions {
  calls: number;
  seed?: number;
  /** Every time is a multiple of this (ms). */
  gridMs?: number;
}

/** Counted on the rows as written (shape.json). */
export interface DiarisationShape {
  calls: number;
  answered: number;
  /** Answered calls with at least one segment. */
  withSpeech: number;
  segments: number;
  /** Segments per answered call with speech: quantiles and the largest. */
  segmentsPerCall: { p10: number; p50: number; p90: number; p99: number; max: number };
  /** Segments that start strictly inside an earlier segment of the same speaker / of the other speaker. */
  overlapWithinSpeaker: number;
  overlapAcrossSpeakers: number;
  /** Gaps with nobody speaking, between speech and the next start (ms): quantiles. */
  gapMs: { p10: number; p50: number; p90: number; p99: number };
  /** Segments of answered calls that end past the connected end / that start at or after it. */
  pastEnd: number;
  whollyPastEnd: number;
  /** Segments that start before the row above them of the same call; calls with such a row. */
  outOfOrderRows: number;
  outOfOrderCalls: number;
}

interface Segment {
  speaker: 'agent' | 'customer';
  start: number;
  end: number;
}

export function diarisationDir(calls: number): string {
  return join(BENCH_DIR, `diarisation-${calls}-v1`);
}

/** The bench's set under bench/data/, written on first use. */
export function makeDiarisation(calls = 1_000_000): string {
  const dir = diarisationDir(calls);
  if (!existsSync(join(dir, 'shape.json'))) writeDiarisation(dir, { calls });
  return dir;
}

export function readShape(dir: string): DiarisationShape {
  return JSON.parse(readFileSync(join(dir, 'shape.json'), 'utf8')) as DiarisationShape;
}

/** One conversation of `connectedMs`, in time order, times on the grid. */
function conversation(rnd: Random, connectedMs: number, gridMs: number): Segment[] {
  const grid = (ms: number) => Math.max(gridMs, Math.round(ms / gridMs) * gridMs);
  const other = (speaker: Segment['speaker']) => (speaker === 'agent' ? 'customer' : 'agent');
  const segments: Segment[] = [];
  const pace = 1500 + rnd.exp(4500);
  let speaker: Segment['speaker'] = rnd.chance(0.85) ? 'agent' : 'customer';
  let start = Math.round(rnd.exp(1200) / gridMs) * gridMs;
  while (start < connectedMs) {
    const end = start + grid(300 + rnd.exp(pace));
    if (rnd.chance(0.12)) {
      // The diariser cut the turn in two: the pieces overlap by up to 400 ms, or touch.
      const cut = start + grid((end - start) * (0.2 + 0.6 * rnd.next()));
      const overlap = rnd.chance(0.7) ? grid(rnd.int(400)) : 0;
      segments.push({ speaker, start, end: Math.min(end, cut + overlap) }, { speaker, start: cut, end });
    } else {
      segments.push({ speaker, start, end });
    }
    // A repeated piece inside the turn.
    if (rnd.chance(0.02) && end - start > 2 * gridMs)
      segments.push({ speaker, start: start + gridMs, end: end - gridMs });
    // The listener's backchannel, somewhere inside the turn.
    if (rnd.chance(0.25)) {
      const at = start + grid((end - start) * rnd.next());
      segments.push({ speaker: other(speaker), start: at, end: at + grid(200 + rnd.int(700)) });
    }
    // Who speaks next and after what gap: a reply, the same speaker going on, or a cut-in.
    if (rnd.chance(0.8)) speaker = other(speaker);
    const gap = rnd.pick(['cut-in', 'short', 'medium', 'long'] as const, [8, 50, 30, 12]);
    if (gap === 'cut-in') start = Math.max(start + gridMs, end - grid(100 + rnd.int(1400)));
    else if (gap === 'short') start = end + Math.round(rnd.exp(400) / gridMs) * gridMs;
    else if (gap === 'medium') start = end + grid(500 + rnd.exp(1500));
    else start = end + grid(2000 + rnd.exp(6000));
  }
  // Speech recorded after the hang-up.
  if (rnd.chance(0.04)) {
    for (let k = 1 + rnd.int(3); k > 0; k--) {
      const at = connectedMs + grid(rnd.int(5000));
      segments.push({
        speaker: rnd.chance(0.5) ? 'agent' : 'customer',
        start: at,
        end: at + grid(300 + rnd.int(2000)),
      });
    }
  }
  return segments;
}

/** The order the rows are written in: by channel, by time, or none. */
function rowOrder(rnd: Random, segments: Segment[]): Segment[] {
  const how = rnd.pick(['channel', 'time', 'none'] as const, [45, 40, 15]);
  const byTime = (a: Segment, b: Segment) => a.start - b.start || a.end - b.end;
  if (how === 'channel')
    return [
      ...segments.filter((s) => s.speaker === 'agent').sort(byTime),
      ...segments.filter((s) => s.speaker === 'customer').sort(byTime),
    ];
  if (how === 'time') return [...segments].sort(byTime);
  const shuffled = [...segments];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return shuffled;
}

/** Counts of one value each, with quantiles read off them. */
class Tally {
  private readonly counts = new Map<number, number>();
  private n = 0;

  add(value: number): void {
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this.n++;
  }

  quantile(q: number): number {
    const values = [...this.counts.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const value of values) {
      seen += this.counts.get(value)!;
      if (seen >= q * this.n) return value;
    }
    return values.at(-1) ?? 0;
  }
}

export function writeDiarisation(
  dir: string,
  { calls, seed = 20261130, gridMs = 10 }: DiarisationOptions,
): DiarisationShape {
  mkdirSync(dir, { recursive: true });
  const rnd = seeded(seed);
  const callsCsv = new ChunkedWriter(join(dir, 'calls.csv'));
  const segmentsCsv = new ChunkedWriter(join(dir, 'segments.csv'));
  callsCsv.write('call_id,day,answered,connected_ms\n');
  segmentsCsv.write('call_id,speaker,start_ms,end_ms\n');
  const days = 60;
  const lastDay = Date.parse(`${BENCH_END_DAY}T00:00:00Z`);
  const dayText = Array.from({ length: days }, (_, d) => new Date(lastDay - d * 86_400_000).toISOString().slice(0, 10));
  const perCall = new Tally();
  const gaps = new Tally();
  const shape = {
    calls,
    answered: 0,
    withSpeech: 0,
    segments: 0,
    overlapWithinSpeaker: 0,
    overlapAcrossSpeakers: 0,
    pastEnd: 0,
    whollyPastEnd: 0,
    outOfOrderRows: 0,
    outOfOrderCalls: 0,
  };

  /** Counts what one call's rows hold. */
  const measure = (rows: Segment[], connectedMs: number) => {
    let unordered = false;
    rows.forEach((s, i) => {
      if (i > 0 && s.start < rows[i - 1]!.start) {
        shape.outOfOrderRows++;
        unordered = true;
      }
      if (s.end > connectedMs) shape.pastEnd++;
      if (s.start >= connectedMs) shape.whollyPastEnd++;
    });
    if (unordered) shape.outOfOrderCalls++;
    const reach = { agent: -1, customer: -1 };
    let speechReach = -1;
    for (const s of [...rows].sort((a, b) => a.start - b.start)) {
      if (s.start < reach[s.speaker]) shape.overlapWithinSpeaker++;
      if (s.start < reach[s.speaker === 'agent' ? 'customer' : 'agent']) shape.overlapAcrossSpeakers++;
      if (speechReach >= 0 && s.start > speechReach) gaps.add(s.start - speechReach);
      reach[s.speaker] = Math.max(reach[s.speaker], s.end);
      speechReach = Math.max(speechReach, s.end);
    }
  };

  // Calls reach segments.csv in blocks, each block in its own order (as analyses finish).
  const block: string[] = [];
  const flushBlock = () => {
    for (let i = block.length - 1; i > 0; i--) {
      const j = rnd.int(i + 1);
      [block[i], block[j]] = [block[j]!, block[i]!];
    }
    for (const text of block) segmentsCsv.write(text);
    block.length = 0;
  };
  for (let i = 0; i < calls; i++) {
    const callId = `D${String(i).padStart(9, '0')}`;
    const answered = rnd.chance(0.95);
    const connectedMs = answered ? Math.min(1_800_000, Math.round((15_000 + rnd.exp(75_000)) / gridMs) * gridMs) : null;
    callsCsv.write(`${callId},${dayText[i % days]},${answered},${connectedMs ?? ''}\n`);
    let rows: Segment[] = [];
    if (connectedMs !== null && rnd.chance(0.985)) {
      rows = rowOrder(rnd, conversation(rnd, connectedMs, gridMs));
      shape.answered++;
      shape.withSpeech++;
      perCall.add(rows.length);
      measure(rows, connectedMs);
    } else if (connectedMs !== null) {
      shape.answered++;
    } else if (rnd.chance(0.1)) {
      // The IVR's prompts, recorded on a call no agent answered.
      rows = [{ speaker: 'agent', start: 0, end: gridMs * (100 + rnd.int(400)) }];
    }
    shape.segments += rows.length;
    if (rows.length > 0) block.push(rows.map((s) => `${callId},${s.speaker},${s.start},${s.end}\n`).join(''));
    if (block.length === 4096) flushBlock();
  }
  flushBlock();
  callsCsv.close();
  segmentsCsv.close();
  const result: DiarisationShape = {
    ...shape,
    segmentsPerCall: {
      p10: perCall.quantile(0.1),
      p50: perCall.quantile(0.5),
      p90: perCall.quantile(0.9),
      p99: perCall.quantile(0.99),
      max: perCall.quantile(1),
    },
    gapMs: { p10: gaps.quantile(0.1), p50: gaps.quantile(0.5), p90: gaps.quantile(0.9), p99: gaps.quantile(0.99) },
  };
  writeFileSync(join(dir, 'shape.json'), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** One paragraph for the bench's output. */
export function describeShape(shape: DiarisationShape): string {
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  const { segmentsPerCall: per, gapMs: gap } = shape;
  return [
    `${shape.calls.toLocaleString('en')} calls (${pct(shape.answered, shape.calls)} answered, ${pct(shape.withSpeech, shape.answered)} of those with speech), ${shape.segments.toLocaleString('en')} segments`,
    `segments per call with speech: p10 ${per.p10}, median ${per.p50}, p90 ${per.p90}, p99 ${per.p99}, max ${per.max}`,
    `overlap: ${pct(shape.overlapWithinSpeaker, shape.segments)} of segments start inside the same speaker's earlier segment, ${pct(shape.overlapAcrossSpeakers, shape.segments)} inside the other speaker's`,
    `gaps with nobody speaking: p10 ${gap.p10} ms, median ${gap.p50} ms, p90 ${gap.p90} ms, p99 ${gap.p99} ms`,
    `past the end: ${pct(shape.pastEnd, shape.segments)} of segments end after the connected time, ${pct(shape.whollyPastEnd, shape.segments)} start after it`,
    `out of order: ${pct(shape.outOfOrderRows, shape.segments)} of rows start before the row above them (${pct(shape.outOfOrderCalls, shape.withSpeech)} of calls)`,
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const dir = makeDiarisation(Number(process.argv[2] ?? 1_000_000));
  console.log(`${dir}\n${describeShape(readShape(dir))}`);
}
