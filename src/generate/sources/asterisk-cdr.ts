/**
 * The centre's calls as Asterisk CDRs in cdr_csv's Master.csv with loguniqueid, loguserfield
 * and newcdrcolumns on: 21 columns, no header (docs/sources/asterisk.md §4). One row per
 * call: an inbound caller on the trunk bridged to (or rung at) an agent's extension by the
 * queue, or an agent's extension dialling out through the trunk. Times are naive local
 * (cdr.conf usegmtime = no). linkedid and uniqueid are the canonical call id, so surveys,
 * audits and complaints still find their call. Extensions are named after the agent ids
 * (`PJSIP/A001-0000001a`), so the folder carries a callq.config.json whose
 * sources.asterisk.extension_pattern says so.
 */
import { formatTimestamp } from '../local-time.ts';
import type { Agent, Call } from '../model.ts';
import { asteriskConfigFile } from './asterisk-config.ts';
import type { GeneratedCentre, SourceExport } from './source-export.ts';

const TRUNK = 'trunk-carrier';

type Cell = string | number | null;

/** cdr_csv's quoting: strings in double quotes (inner quotes doubled), numbers bare, an unset time empty. */
function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((c) => (c === null ? '' : typeof c === 'number' ? String(c) : `"${c.replaceAll('"', '""')}"`))
    .join(',');
}

export function asteriskCdrExport({ data, config }: GeneratedCentre): SourceExport {
  const agents = new Map(data.agents.map((a) => [a.agent_id, a]));
  const ringing = ringingAgents(data.calls);
  // Channels are numbered as Asterisk creates them (call start order); rows are written when
  // a call ends (cdr_csv appends each CDR as it is dispatched).
  let channel = 0;
  const channelName = (peer: string) => `PJSIP/${peer}-${(++channel).toString(16).padStart(8, '0')}`;
  const rows = data.calls.map((call, index) => ({
    call,
    index,
    cells:
      call.direction === 'inbound'
        ? inboundCells(call, config.centre_numbers[0]!, ringing.get(call) ?? null, channelName)
        : outboundCells(call, agents.get(call.agent_id!), channelName),
  }));
  rows.sort((a, b) => a.call.ended - b.call.ended || a.index - b.index);
  const text = rows.map(({ cells }, i) => `${csvLine([...cells, i + 1])}\n`).join('');
  return { files: [{ name: 'Master.csv', text }, asteriskConfigFile(config)], calls: rows.length };
}

/**
 * The extension the queue was ringing when an unanswered caller hung up: the agent who
 * answers the next inbound call (else the last one who answered). A caller never offered
 * to an extension would be an IVR-only call to callq, not an abandon.
 */
function ringingAgents(calls: readonly Call[]): Map<Call, string> {
  const inbound = calls.filter((c) => c.direction === 'inbound');
  const ringing = new Map<Call, string>();
  let next: string | null = null;
  for (const call of [...inbound].reverse()) {
    if (call.answered !== null) next = call.agent_id;
    else if (next) ringing.set(call, next);
  }
  let last: string | null = null;
  for (const call of inbound) {
    if (call.answered !== null) last = call.agent_id;
    else if (!ringing.has(call) && last) ringing.set(call, last);
  }
  return ringing;
}

/** The parts of a CDR that say who called whom, and how it went. */
interface Leg {
  src: string;
  dst: string;
  dcontext: string;
  clid: string;
  channel: string;
  dstchannel: string;
  lastapp: string;
  lastdata: string;
  disposition: string;
}

/** The 20 columns before `sequence`, in cdr_csv's order (docs/sources/asterisk.md §4.3). */
function cdrCells(call: Call, leg: Leg): Cell[] {
  const answered = call.answered;
  return [
    '',
    leg.src,
    leg.dst,
    leg.dcontext,
    leg.clid,
    leg.channel,
    leg.dstchannel,
    leg.lastapp,
    leg.lastdata,
    formatTimestamp(call.started),
    answered === null ? null : formatTimestamp(answered),
    formatTimestamp(call.ended),
    call.ended - call.started,
    answered === null ? 0 : call.ended - answered,
    leg.disposition,
    'DOCUMENTATION',
    call.call_id,
    '',
    '',
    call.call_id,
  ];
}

/** The caller's trunk channel waiting in the queue (`r`: ringing, not answered until a member is), bridged to the member. */
function inboundCells(call: Call, did: string, ringing: string | null, channelName: (peer: string) => string): Cell[] {
  const number = call.caller_id ?? '';
  const trunk = channelName(TRUNK);
  const member = call.agent_id ?? ringing;
  return cdrCells(call, {
    src: number,
    dst: did,
    dcontext: 'from-pstn',
    clid: number ? `"${number}" <${number}>` : '',
    channel: trunk,
    dstchannel: member ? channelName(member) : '',
    lastapp: 'Queue',
    lastdata: `${call.queue!},r`,
    disposition: call.answered === null ? 'NO ANSWER' : 'ANSWERED',
  });
}

/** The agent's extension dialling the customer through the trunk. */
function outboundCells(call: Call, agent: Agent | undefined, channelName: (peer: string) => string): Cell[] {
  // The switch dials the number even when the CRM row lost it (data_quality's missing contact).
  const number = call.customer_number ?? call.customer?.number ?? '';
  const extension = call.agent_id!;
  const channel = channelName(extension);
  return cdrCells(call, {
    src: extension,
    dst: number,
    dcontext: 'from-internal',
    clid: `"${agent?.name ?? extension}" <${extension}>`,
    channel,
    dstchannel: channelName(TRUNK),
    lastapp: 'Dial',
    lastdata: `PJSIP/${number}@${TRUNK},300,T`,
    disposition: call.answered !== null ? 'ANSWERED' : call.disposition === 'busy' ? 'BUSY' : 'NO ANSWER',
  });
}
