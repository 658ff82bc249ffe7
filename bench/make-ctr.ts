/**
 * Writes RECORDS Amazon Connect contact records (default 1,000,000) as JSON Lines once into
 * bench/data/ (git-ignored), in the shape of the 2017-03-10 record format
 * (docs/sources/amazon-connect.md; keys in the order Connect writes them): Agent, Queue,
 * CustomerEndpoint, SystemEndpoint, Attributes, Recording, about 1.5 KB a record. Mix:
 * inbound calls (answered, ~5% abandoned in queue, some ending in the IVR, some transferred
 * to a second agent), outbound calls, ~3% chats, and ~2% of contacts re-delivered later in
 * the file with a newer LastUpdateTimestamp (as Kinesis Firehose re-sends an updated record).
 * Seeded: the same seed writes the same file. Streams to disk.
 *
 *   npx tsx bench/make-ctr.ts [RECORDS]
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ChunkedWriter, seeded, type Random } from './random.ts';

const BENCH_DIR = join(import.meta.dirname, 'data');
/** 2026-10-01 00:00 Asia/Shanghai, in epoch seconds. */
const START_EPOCH = Date.UTC(2026, 8, 30, 16) / 1000;
const ACCOUNT = '123456789012';
const INSTANCE = 'e1f2a3b4-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const INSTANCE_ARN = `arn:aws:connect:ap-southeast-1:${ACCOUNT}:instance/${INSTANCE}`;

export function ctrPath(records: number): string {
  return join(BENCH_DIR, `ctr-${records}-v1`, 'ctr.jsonl');
}

/** ISO 8601 in UTC to the second, as contact records print instants (`2026-11-20T01:00:30Z`). */
function timestampWriter(): (epoch: number) => string {
  const days = new Map<number, string>();
  const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);
  return (epoch) => {
    const day = Math.floor(epoch / 86400);
    let date = days.get(day);
    if (date === undefined) {
      date = new Date(day * 86400_000).toISOString().slice(0, 10);
      days.set(day, date);
    }
    const s = epoch - day * 86400;
    return `${date}T${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}Z`;
  };
}

function uuid(rnd: Random): string {
  return `${rnd.hex(8)}-${rnd.hex(4)}-4${rnd.hex(3)}-${'89ab'[rnd.int(4)]}${rnd.hex(3)}-${rnd.hex(12)}`;
}

const str = (value: string | null) => (value === null ? 'null' : `"${value}"`);

export function makeCtr(records = 1_000_000, seed = 20261002): string {
  const path = ctrPath(records);
  if (existsSync(path)) return path;
  mkdirSync(join(path, '..'), { recursive: true });
  const rnd = seeded(seed);
  const iso = timestampWriter();
  const ts = (epoch: number | null) => (epoch === null ? 'null' : `"${iso(epoch)}"`);
  const out = new ChunkedWriter(path);

  const surnames = ['li', 'wang', 'zhang', 'liu', 'chen', 'yang', 'zhao', 'huang', 'zhou', 'wu', 'xu', 'sun'];
  const givens = ['na', 'wei', 'fang', 'min', 'jing', 'lei', 'jun', 'yan', 'tao', 'ming', 'hui', 'qiang'];
  const agents = Array.from({ length: 320 }, (_, i) => ({
    username: `${surnames[i % 12]}.${givens[Math.floor(i / 12) % 12]}${i >= 144 ? Math.floor(i / 144) : ''}`,
    arn: `${INSTANCE_ARN}/agent/${uuid(rnd)}`,
    profile: i % 5 === 0 ? 'Outbound' : 'Inbound',
  }));
  const profiles = new Map(
    ['Inbound', 'Outbound', 'Chat'].map((name) => [name, `${INSTANCE_ARN}/routing-profile/${uuid(rnd)}`]),
  );
  const queues = ['Support', 'Billing', 'Sales', 'Technical', 'VIP', 'Retention'].map((name) => ({
    name,
    arn: `${INSTANCE_ARN}/queue/${uuid(rnd)}`,
  }));
  const queueWeights = [35, 20, 15, 15, 5, 10];
  const outboundQueue = { name: 'Outbound', arn: `${INSTANCE_ARN}/queue/${uuid(rnd)}` };
  const systemNumber = '+864001234567';
  const menus = ['billing', 'support', 'sales', 'technical', 'account', 'other'];
  const tiers = ['standard', 'silver', 'gold', 'platinum'];
  const languages = ['zh-CN', 'zh-CN', 'zh-CN', 'en-US', 'zh-HK'];
  const campaigns = ['renewal-q4', 'winback-2026', 'upsell-broadband', 'survey-nps'];

  const phone = () => `+861${3 + rnd.int(7)}${String(rnd.int(1e9)).padStart(9, '0')}`;

  interface Contact {
    id: string;
    channel: 'VOICE' | 'CHAT';
    method: 'INBOUND' | 'OUTBOUND' | 'TRANSFER' | 'API';
    initiated: number;
    systemConnected: number | null;
    queue: { name: string | null; arn: string; enqueued: number | null; dequeued: number | null } | null;
    agent: { index: number; connected: number; interaction: number; hold: number; holds: number; acw: number } | null;
    customer: string | null;
    disconnected: number;
    reason: string;
    previous: string | null;
    next: string | null;
    attributes: string;
    recording: boolean;
  }

  const record = (c: Contact, lastUpdate: number): string => {
    const a = c.agent;
    const agent = a
      ? `{"ARN":"${agents[a.index]!.arn}","AfterContactWorkDuration":${a.acw},` +
        `"AfterContactWorkEndTimestamp":${ts(c.disconnected + a.acw)},"AfterContactWorkStartTimestamp":${ts(c.disconnected)},` +
        `"AgentInteractionDuration":${a.interaction},"ConnectedToAgentTimestamp":${ts(a.connected)},` +
        `"CustomerHoldDuration":${a.hold},"HierarchyGroups":null,"LongestHoldDuration":${a.holds > 0 ? Math.ceil(a.hold / a.holds) : 0},` +
        `"NumberOfHolds":${a.holds},"RoutingProfile":{"ARN":"${profiles.get(c.channel === 'CHAT' ? 'Chat' : agents[a.index]!.profile)}",` +
        `"Name":"${c.channel === 'CHAT' ? 'Chat' : agents[a.index]!.profile}"},"Username":"${agents[a.index]!.username}"}`
      : 'null';
    const q = c.queue;
    const queue = q
      ? `{"ARN":"${q.arn}","DequeueTimestamp":${ts(q.dequeued)},` +
        `"Duration":${q.enqueued !== null && q.dequeued !== null ? q.dequeued - q.enqueued : 0},` +
        `"EnqueueTimestamp":${ts(q.enqueued)},"Name":${str(q.name)}}`
      : 'null';
    const endpoint = (address: string | null) =>
      address === null ? 'null' : `{"Address":"${address}","Type":"TELEPHONE_NUMBER"}`;
    const recording =
      c.recording && a
        ? `{"DeletionReason":null,"Location":"connect-callq-bench/connect/callq-bench/CallRecordings/${iso(a.connected).slice(0, 10).replaceAll('-', '/')}/${c.id}_${iso(a.connected).replace(/[-:]/g, '').slice(0, 13)}_UTC.wav","Status":"AVAILABLE","Type":"AUDIO"}`
        : 'null';
    return (
      `{"AWSAccountId":"${ACCOUNT}","AWSContactTraceRecordFormatVersion":"2017-03-10","Agent":${agent},` +
      `"AgentConnectionAttempts":${a ? 1 : 0},"Attributes":${c.attributes},"Channel":"${c.channel}",` +
      `"ConnectedToSystemTimestamp":${ts(c.systemConnected)},"ContactId":"${c.id}","CustomerEndpoint":${endpoint(c.customer)},` +
      `"DisconnectReason":"${c.reason}","DisconnectTimestamp":${ts(c.disconnected)},"InitialContactId":${str(c.previous)},` +
      `"InitiationMethod":"${c.method}","InitiationTimestamp":${ts(c.initiated)},"InstanceARN":"${INSTANCE_ARN}",` +
      `"LastUpdateTimestamp":${ts(lastUpdate)},"MediaStreams":[{"Type":"${c.channel === 'CHAT' ? 'CHAT' : 'AUDIO'}"}],` +
      `"NextContactId":${str(c.next)},"PreviousContactId":${str(c.previous)},"Queue":${queue},"Recording":${recording},` +
      `"Recordings":null,"SystemEndpoint":${endpoint(c.channel === 'VOICE' ? systemNumber : null)},` +
      `"TransferCompletedTimestamp":null,"TransferredToEndpoint":null}\n`
    );
  };

  const lastUpdateOf = (c: Contact) => c.disconnected + (c.agent?.acw ?? 0) + 1;
  const answered = (start: number, talkMean: number) => {
    const interaction = 20 + Math.round(rnd.exp(talkMean));
    const holds = rnd.chance(0.15) ? 1 + rnd.int(2) : 0;
    return {
      index: rnd.int(agents.length),
      connected: start,
      interaction,
      hold: holds * (10 + rnd.int(60)),
      holds,
      acw: 5 + rnd.int(60),
    };
  };

  /** Re-deliveries waiting for their place further down the file, by the record count they follow. */
  const copies = new Map<number, string[]>();
  let waiting = 0;
  let written = 0;
  const emit = (line: string) => {
    out.write(line);
    written++;
    for (let due = copies.get(written); due; due = copies.get(written)) {
      copies.delete(written);
      for (const copy of due) {
        out.write(copy);
        written++;
        waiting--;
      }
    }
  };
  const deliver = (c: Contact) => {
    const lastUpdate = lastUpdateOf(c);
    emit(record(c, lastUpdate));
    // About 2% come again later in the file, updated (a flow or agent set an attribute afterwards).
    if (rnd.chance(0.02) && written + waiting < records) {
      const updated = {
        ...c,
        attributes: c.attributes.replace(/}$/, `${c.attributes === '{}' ? '' : ','}"updated":"true"}`),
      };
      const at = written + 100 + rnd.int(2000);
      copies.set(at, [...(copies.get(at) ?? []), record(updated, lastUpdate + 60 + rnd.int(1800))]);
      waiting++;
    }
  };

  let t = START_EPOCH + 30;
  while (written + waiting < records) {
    const hour = Math.floor(((t - START_EPOCH) % 86400) / 3600);
    t += Math.round(rnd.exp(hour >= 8 && hour < 22 ? 1.6 : 12));
    const id = uuid(rnd);
    const kind = rnd.next();
    if (kind < 0.03) {
      // Chat: customer starts it from the web widget (API), an agent picks it up.
      const queue = rnd.pick(queues, queueWeights);
      const enqueued = t + 5;
      const wait = 5 + Math.round(rnd.exp(40));
      const agent = answered(enqueued + wait, 400);
      deliver({
        id,
        channel: 'CHAT',
        method: 'API',
        initiated: t,
        systemConnected: t,
        queue: { ...queue, enqueued, dequeued: enqueued + wait },
        agent,
        customer: null,
        disconnected: agent.connected + agent.interaction,
        reason: 'CUSTOMER_DISCONNECT',
        previous: null,
        next: null,
        attributes: `{"language":"${rnd.pick(languages)}","customerTier":"${rnd.pick(tiers)}"}`,
        recording: false,
      });
    } else if (kind < 0.15) {
      // Outbound: an agent dials; ~20% no answer.
      const agent = answered(t, 150);
      const reached = rnd.chance(0.8);
      const ring = 5 + rnd.int(20);
      const contact: Contact = {
        id,
        channel: 'VOICE',
        method: 'OUTBOUND',
        initiated: t,
        systemConnected: reached ? t + ring : null,
        queue: { name: outboundQueue.name, arn: outboundQueue.arn, enqueued: null, dequeued: null },
        agent: reached ? { ...agent, connected: t } : null,
        customer: phone(),
        disconnected: reached ? t + ring + agent.interaction + agent.hold : t + ring + 25,
        reason: reached ? rnd.pick(['CUSTOMER_DISCONNECT', 'AGENT_DISCONNECT']) : 'TELECOM_PROBLEM',
        previous: null,
        next: null,
        attributes: `{"campaign":"${rnd.pick(campaigns)}","leadGrade":"${'ABC'[rnd.int(3)]}","customerTier":"${rnd.pick(tiers)}"}`,
        recording: reached && rnd.chance(0.5),
      };
      deliver(contact);
    } else {
      // Inbound: IVR, then a queue; answered, abandoned, ended in the IVR, or transferred on.
      const ivr = 10 + rnd.int(50);
      const queue = rnd.pick(queues, queueWeights);
      const enqueued = t + ivr;
      const caller = phone();
      const attributes = `{"menuChoice":"${rnd.pick(menus)}","language":"${rnd.pick(languages)}","customerTier":"${rnd.pick(tiers)}"}`;
      const outcome = rnd.next();
      const base = {
        channel: 'VOICE' as const,
        method: 'INBOUND' as const,
        initiated: t,
        systemConnected: t,
        customer: caller,
        previous: null,
        attributes,
      };
      if (outcome < 0.03) {
        deliver({
          ...base,
          id,
          queue: null,
          agent: null,
          disconnected: enqueued,
          reason: 'CUSTOMER_DISCONNECT',
          next: null,
          recording: false,
        });
      } else if (outcome < 0.08) {
        const waited = 2 + Math.round(rnd.exp(50));
        deliver({
          ...base,
          id,
          queue: { ...queue, enqueued, dequeued: enqueued + waited },
          agent: null,
          disconnected: enqueued + waited,
          reason: 'CUSTOMER_DISCONNECT',
          next: null,
          recording: false,
        });
      } else {
        const wait = 1 + Math.round(rnd.exp(25));
        const agent = answered(enqueued + wait, 240);
        const transfer = rnd.chance(0.012);
        const next = transfer ? uuid(rnd) : null;
        const ended = agent.connected + agent.interaction + agent.hold;
        deliver({
          ...base,
          id,
          queue: { ...queue, enqueued, dequeued: enqueued + wait },
          agent,
          next,
          disconnected: ended,
          reason: transfer ? 'AGENT_DISCONNECT' : rnd.pick(['CUSTOMER_DISCONNECT', 'AGENT_DISCONNECT'], [65, 35]),
          recording: rnd.chance(0.4),
        });
        if (next && written + waiting < records) {
          // The second agent's leg: a TRANSFER contact through that agent's own queue.
          const second = answered(ended + 8, 180);
          deliver({
            ...base,
            id: next,
            method: 'TRANSFER',
            initiated: ended,
            systemConnected: ended,
            previous: id,
            queue: {
              name: null,
              arn: `${INSTANCE_ARN}/queue/agent/${agents[second.index]!.arn.split('/').pop()}`,
              enqueued: ended + 2,
              dequeued: second.connected,
            },
            agent: second,
            disconnected: second.connected + second.interaction + second.hold,
            reason: 'CUSTOMER_DISCONNECT',
            next: null,
            recording: rnd.chance(0.4),
          });
        }
      }
    }
  }
  // Copies still waiting go at the end.
  for (const at of [...copies.keys()].sort((a, b) => a - b)) for (const copy of copies.get(at)!) out.write(copy);
  out.close();
  return path;
}

if (import.meta.filename === process.argv[1]) {
  const records = Number(process.argv[2] ?? process.env.BENCH_CTR_RECORDS ?? 1_000_000);
  const t0 = performance.now();
  const path = makeCtr(records);
  console.log(`${path} (${records.toLocaleString('en')} records) in ${Math.round(performance.now() - t0)} ms`);
}
