/**
 * The centre's inbound calls as Asterisk's queue_log text file (docs/sources/asterisk.md §1):
 * `epoch|callid|queuename|agent|event|data...`, one line per event, in the order the events
 * happened. Only queue calls are logged: outbound calls never enter a queue. The callid is
 * the canonical call id (so surveys, audits and complaints still find their call) and a
 * queue member is the PJSIP interface of an extension named after the agent id, which the
 * folder's callq.config.json says (asterisk-config.ts).
 */
import type { Call } from '../model.ts';
import { asteriskConfigFile } from './asterisk-config.ts';
import type { GeneratedCentre, SourceExport } from './source-export.ts';
import { epochOf } from './zone-time.ts';

/** Where transferred callers go (a made-up back-office extension). */
const TRANSFER_TARGET = ['8000', 'from-internal'];
/**
 * The simulation does not keep callers' places in the queue, and callq reads none of the
 * position fields: every caller is logged at position 1.
 */
const POSITION = 1;
/** The simulation has no ring time: the member answers as the queue offers the call. */
const RING_S = 0;

interface LogLine {
  epoch: number;
  /** The call's place in the dataset, then the event's place in the call: same-second lines keep their order. */
  call: number;
  step: number;
  text: string;
}

export function queueLogExport({ data, config }: GeneratedCentre): SourceExport {
  const lines: LogLine[] = [];
  let calls = 0;
  data.calls.forEach((call, index) => {
    if (call.direction !== 'inbound') return;
    calls++;
    lines.push(...callLines(call, index, config.timezone));
  });
  lines.sort((a, b) => a.epoch - b.epoch || a.call - b.call || a.step - b.step);
  return {
    files: [{ name: 'queue_log', text: lines.map((l) => `${l.text}\n`).join('') }, asteriskConfigFile(config)],
    calls,
  };
}

/** ENTERQUEUE, then CONNECT and the closing event, or ABANDON (docs/sources/asterisk.md §1.3). */
function callLines(call: Call, index: number, timeZone: string): LogLine[] {
  const line = (step: number, at: number, agent: string, event: string, ...data: (string | number)[]): LogLine => {
    const epoch = epochOf(at, timeZone);
    return { epoch, call: index, step, text: [epoch, call.call_id, call.queue!, agent, event, ...data].join('|') };
  };
  // ENTERQUEUE's data: url, caller-ID number (empty when none was presented), origposition.
  const enter = line(0, call.started, 'NONE', 'ENTERQUEUE', '', call.caller_id ?? '', POSITION);
  if (call.answered === null) {
    return [enter, line(1, call.ended, 'NONE', 'ABANDON', POSITION, POSITION, call.ended - call.started)];
  }
  const member = `PJSIP/${call.agent_id!}`;
  const wait = call.answered - call.started;
  const talk = call.ended - call.answered;
  // CONNECT's data: wait in the queue, the member channel's uniqueid, ring time.
  const memberChannel = `${epochOf(call.answered, timeZone)}.${index + 1}`;
  const connect = line(1, call.answered, member, 'CONNECT', wait, memberChannel, RING_S);
  // A connected call ends in one event: a transfer, or who hung up (queue_log has no event
  // for a connected call the network dropped, so 'system' reads as the caller's hang-up).
  const close = call.transferred
    ? line(2, call.ended, member, 'BLINDTRANSFER', ...TRANSFER_TARGET, wait, talk, POSITION)
    : line(
        2,
        call.ended,
        member,
        call.disconnect_party === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER',
        wait,
        talk,
        POSITION,
      );
  return [enter, connect, close];
}
