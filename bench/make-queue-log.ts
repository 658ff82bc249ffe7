/**
 * Writes an Asterisk queue_log of EVENTS lines (default 10,000,000) once into bench/data/
 * (git-ignored), as app_queue writes it (docs/sources/asterisk.md): `epoch|callid|queue|agent|event|data...`,
 * one line per event, the calls' events interleaved in time order. Per call: ENTERQUEUE,
 * a RINGNOANSWER for some members rung before one answers, CONNECT, then COMPLETECALLER or
 * COMPLETEAGENT; about 5% of callers hang up waiting (ABANDON), and ~1.5% of answered callers
 * are blind-transferred to another queue (BLINDTRANSFER, then a second ENTERQUEUE of the
 * same callid: a second leg). System lines: QUEUESTART and
 * ADDMEMBER at the start, PAUSEALL/PAUSE/UNPAUSE during the day. Arrivals follow the local
 * day (busy 08:00-22:00 Asia/Shanghai). Seeded: the same seed writes the same file. Events
 * are kept in a small heap (only the calls in progress), so the file streams to disk.
 *
 *   npx tsx bench/make-queue-log.ts [EVENTS]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedWriter, seeded } from './random.ts';

const BENCH_DIR = join(import.meta.dirname, 'data');
/** 2026-10-01 00:00 Asia/Shanghai. */
const START_EPOCH = Date.UTC(2026, 8, 30, 16) / 1000;

interface Pending {
  t: number;
  seq: number;
  line: string;
}

/** A min-heap of events by (time, order of writing): same-second events keep their order. */
class EventHeap {
  private items: Pending[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Pending | undefined {
    return this.items[0];
  }
  private less(a: Pending, b: Pending): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
  push(item: Pending): void {
    const items = this.items;
    let i = items.length;
    items.push(item);
    // Sift up with a hole: move parents down until the item's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!this.less(item, p)) break;
      items[i] = p;
      i = parent;
    }
    items[i] = item;
  }
  pop(): Pending | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    const n = items.length;
    if (n > 0 && last) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && this.less(items[r]!, items[l]!) ? r : l;
        if (!this.less(items[child]!, last)) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}

export function queueLogPath(events: number): string {
  return join(BENCH_DIR, `queue-log-${events}-v2`, 'queue_log');
}

export function makeQueueLog(events = 10_000_000, seed = 20261001): string {
  const path = queueLogPath(events);
  if (existsSync(path)) return path;
  mkdirSync(join(path, '..'), { recursive: true });
  const rnd = seeded(seed);
  const out = new ChunkedWriter(path);
  const heap = new EventHeap();
  let seq = 0;
  let written = 0;
  let uid = 1;
  const emit = (line: string) => {
    out.write(`${line}\n`);
    written++;
  };
  const schedule = (t: number, line: string) => heap.push({ t, seq: seq++, line: `${t}|${line}` });

  const queues = ['400', '401', '402', '403', '410', '411', 'support', 'sales'];
  const queueWeights = [30, 20, 12, 8, 10, 6, 9, 5];
  // Members as queues.conf names them: the interface, in the forms sites use.
  const agents = Array.from({ length: 240 }, (_, i) => {
    const ext = 1001 + i;
    return rnd.pick([`PJSIP/${ext}`, `Local/${ext}@from-queue/n`, `SIP/${ext}`], [70, 20, 10]);
  });
  const pauseReasons = ['Lunch', 'Break', 'Training', 'Meeting', 'Auto-Pause'];

  emit(`${START_EPOCH}|NONE|NONE|NONE|QUEUESTART|`);
  agents.forEach((agent, i) => {
    for (const queue of [queues[i % queues.length]!, queues[(i * 7 + 3) % queues.length]!]) {
      emit(`${START_EPOCH + 1}|${rnd.pick(['MANAGER', 'REALTIME'], [3, 1])}|${queue}|${agent}|ADDMEMBER|`);
    }
  });

  /** Calls a second: busy from 08:00 to 22:00 local, quiet at night. */
  const rate = (t: number) => {
    const hour = Math.floor(((t - START_EPOCH) % 86400) / 3600);
    return hour >= 8 && hour < 22 ? 2.2 : 0.25;
  };

  let t = START_EPOCH + 60;
  const budget = events - 8; // room for the padding lines at the end
  for (;;) {
    t += Math.max(0, Math.round(rnd.exp(1 / rate(t))));
    // Everything due before this call enters is written first: the log is in time order.
    while (heap.size > 0 && heap.peek()!.t < t) emit(heap.pop()!.line);

    const lines: Array<[number, string]> = [];
    const callid = `${t - 3 - rnd.int(40)}.${uid++}`;
    const caller = rnd.chance(0.03) ? '' : `1${3 + rnd.int(7)}${String(rnd.int(1e9)).padStart(9, '0')}`;
    /** One leg in a queue: enter, members rung who did not answer, then an answer or a hang-up. */
    const leg = (entered: number, queue: string, transfers: boolean) => {
      const position = 1 + rnd.int(rnd.chance(0.7) ? 2 : 8);
      lines.push([entered, `${callid}|${queue}|NONE|ENTERQUEUE||${caller}|${position}`]);
      const unanswered = rnd.chance(0.25) ? (rnd.chance(0.3) ? 2 : 1) : 0;
      for (let k = 0; k < unanswered; k++) {
        lines.push([entered + 15 * (k + 1), `${callid}|${queue}|${rnd.pick(agents)}|RINGNOANSWER|15000`]);
      }
      const wait = 15 * unanswered + 1 + Math.round(rnd.exp(20));
      if (rnd.chance(0.05)) {
        lines.push([entered + wait, `${callid}|${queue}|NONE|ABANDON|${position}|${position}|${wait}`]);
        return;
      }
      const agent = rnd.pick(agents);
      const ring = 1 + rnd.int(8);
      const connected = entered + wait;
      const talk = 15 + Math.round(rnd.exp(230));
      lines.push([connected, `${callid}|${queue}|${agent}|CONNECT|${wait}|${connected - ring}.${uid++}|${ring}`]);
      if (transfers && rnd.chance(0.015)) {
        // The member sends the caller on to another queue: the same channel enters it (a new leg).
        const next = rnd.pick(queues.filter((q) => q !== queue));
        lines.push([
          connected + talk,
          `${callid}|${queue}|${agent}|BLINDTRANSFER|${next}|from-internal|${wait}|${talk}|${position}`,
        ]);
        leg(connected + talk + 1 + rnd.int(3), next, false);
        return;
      }
      const close = rnd.chance(0.6) ? 'COMPLETECALLER' : 'COMPLETEAGENT';
      lines.push([connected + talk, `${callid}|${queue}|${agent}|${close}|${wait}|${talk}|${position}`]);
    };
    const queue = rnd.pick(queues, queueWeights);
    leg(t, queue, true);
    // Now and then a member takes a break (PAUSEALL first when it is for every queue).
    if (rnd.chance(0.02)) {
      const agent = rnd.pick(agents);
      const reason = rnd.pick(pauseReasons);
      const back = t + 60 + Math.round(rnd.exp(600));
      lines.push([t, `NONE|${queue}|${agent}|PAUSE|${reason}`]);
      lines.push([back, `NONE|${queue}|${agent}|UNPAUSE|${reason}`]);
      if (rnd.chance(0.2)) lines.unshift([t, `NONE|NONE|${agent}|PAUSEALL|${reason}`]);
    }
    if (written + heap.size + lines.length > budget) break;
    for (const [at, line] of lines) schedule(at, line);
  }
  while (heap.size > 0) {
    const next = heap.pop()!;
    t = next.t;
    emit(next.line);
  }
  // Exactly EVENTS lines: a member's pause and return at the end.
  for (let i = 0; written < events; i++)
    emit(`${t}|NONE|400|${agents[0]}|${i % 2 === 0 ? 'PAUSE' : 'UNPAUSE'}|Wrap-up`);
  out.close();
  return path;
}

if (import.meta.filename === process.argv[1]) {
  const events = Number(process.argv[2] ?? process.env.BENCH_QUEUE_LOG_EVENTS ?? 10_000_000);
  const t0 = performance.now();
  const path = makeQueueLog(events);
  console.log(`${path} (${events.toLocaleString('en')} events) in ${Math.round(performance.now() - t0)} ms`);
}
