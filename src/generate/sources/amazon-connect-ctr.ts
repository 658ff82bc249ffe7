/**
 * The centre's calls as Amazon Connect contact records (format 2017-03-10,
 * docs/sources/amazon-connect.md §3), one JSON object a line (Firehose with its newline
 * delimiter on), in the order the records were completed (after wrap-up). ContactId is
 * the canonical call id, so surveys, audits and complaints still find their call; an agent's
 * Username is the agent id; numbers are E.164 (`+86` and the national number without its
 * trunk 0). The outcome fields a flow would set (disposition, lead grade, sale amount) ride
 * in Attributes; mapping.json beside the records maps them back to their columns.
 */
import type { Call } from '../model.ts';
import { ACCOUNT_ID, agentConnectedAt, INSTANCE_ARN } from './connect-instance.ts';
import type { GeneratedCentre, SourceExport } from './source-export.ts';
import { epochOf, utcTimestamp } from './zone-time.ts';

/** `callq load --source amazon-connect-ctr --map mapping.json`: canonical column → record path. */
const ATTRIBUTE_MAPPING = {
  calls: {
    disposition: 'Attributes.disposition',
    lead_grade: 'Attributes.leadGrade',
    sale_amount: 'Attributes.saleAmount',
  },
};
/** Where transferred callers go (a made-up back-office line): an external transfer. */
const TRANSFER_NUMBER = '02161238899';

const DISCONNECT_REASON: Record<NonNullable<Call['disconnect_party']>, string> = {
  customer: 'CUSTOMER_DISCONNECT',
  agent: 'AGENT_DISCONNECT',
  system: 'TELECOM_PROBLEM',
};

/** A national number as Connect writes it. */
function e164(number: string): string {
  return `+86${number.replace(/^0/, '')}`;
}

function endpoint(number: string | null): { Address: string; Type: string } | null {
  return number ? { Address: e164(number), Type: 'TELEPHONE_NUMBER' } : null;
}

export function amazonConnectCtrExport({ data, config }: GeneratedCentre): SourceExport {
  const at = (local: number | null) => (local === null ? null : utcTimestamp(epochOf(local, config.timezone)));
  const records = data.calls.map((call, index) => ({
    call,
    index,
    record: contactRecord(call, config.centre_numbers[0]!, at),
  }));
  // Connect delivers a record once the contact is complete, wrap-up included.
  records.sort((a, b) => a.call.ended + a.call.acw_s - (b.call.ended + b.call.acw_s) || a.index - b.index);
  return {
    files: [
      { name: 'ctr.jsonl', text: records.map(({ record }) => `${JSON.stringify(record)}\n`).join('') },
      { name: 'mapping.json', text: `${JSON.stringify(ATTRIBUTE_MAPPING, null, 2)}\n` },
    ],
    calls: records.length,
  };
}

type Timestamp = (local: number | null) => string | null;

/** One contact record, its keys in the order of the fixtures (alphabetical, as Connect's samples). */
function contactRecord(call: Call, did: string, at: Timestamp): Record<string, unknown> {
  const inbound = call.direction === 'inbound';
  const transferred = call.transferred;
  return {
    AWSAccountId: ACCOUNT_ID,
    AWSContactTraceRecordFormatVersion: '2017-03-10',
    Agent: agentBlock(call, at),
    AgentConnectionAttempts: call.agent_id === null ? 0 : 1,
    Attributes: attributes(call),
    Channel: 'VOICE',
    // INBOUND: the arrival; OUTBOUND: when the customer answered.
    ConnectedToSystemTimestamp: at(inbound ? call.started : call.answered),
    ContactId: call.call_id,
    // Inbound: the caller ID presented; outbound: the number dialled, which the switch has
    // even when the CRM row lost it (data_quality's missing contact).
    CustomerEndpoint: endpoint(inbound ? call.caller_id : (call.customer_number ?? call.customer?.number ?? null)),
    DisconnectReason: call.disconnect_party === null ? null : DISCONNECT_REASON[call.disconnect_party],
    DisconnectTimestamp: at(call.ended),
    InitialContactId: null,
    InitiationMethod: inbound ? 'INBOUND' : 'OUTBOUND',
    InitiationTimestamp: at(call.started),
    InstanceARN: INSTANCE_ARN,
    LastUpdateTimestamp: at(call.ended + call.acw_s),
    MediaStreams: [{ Type: 'AUDIO' }],
    NextContactId: null,
    PreviousContactId: null,
    Queue: queueBlock(call, at),
    SystemEndpoint: endpoint(did),
    TransferCompletedTimestamp: transferred ? at(call.ended) : null,
    TransferredToEndpoint: transferred ? endpoint(TRANSFER_NUMBER) : null,
  };
}

/** The agent who took the contact; none for a caller nobody answered. */
function agentBlock(call: Call, at: Timestamp): Record<string, unknown> | null {
  if (call.agent_id === null) return null;
  return {
    ARN: `${INSTANCE_ARN}/agent/${call.agent_id}`,
    AfterContactWorkDuration: call.acw_s,
    AfterContactWorkEndTimestamp: at(call.ended + call.acw_s),
    AfterContactWorkStartTimestamp: at(call.ended),
    // Connected time less hold: callq adds the two back up to the end of the call.
    AgentInteractionDuration: call.answered === null ? 0 : call.ended - call.answered - call.hold_s,
    ConnectedToAgentTimestamp: at(agentConnectedAt(call)),
    CustomerHoldDuration: call.hold_s,
    LongestHoldDuration: call.hold_s,
    // The simulation puts a call on hold at most once.
    NumberOfHolds: call.hold_s > 0 ? 1 : 0,
    Username: call.agent_id,
  };
}

/** Inbound: the queue the caller waited in. Outbound: the campaign's outbound queue, never waited in. */
function queueBlock(call: Call, at: Timestamp): Record<string, unknown> | null {
  const name = call.direction === 'inbound' ? call.queue : call.campaign_id;
  if (name === null) return null;
  const waited = call.direction === 'inbound';
  const dequeued = call.answered ?? call.ended;
  return {
    ARN: `${INSTANCE_ARN}/queue/${name}`,
    DequeueTimestamp: waited ? at(dequeued) : null,
    Duration: waited ? dequeued - call.started : 0,
    EnqueueTimestamp: waited ? at(call.started) : null,
    Name: name,
  };
}

/** Contact attributes are text: the outcome fields the centre's flows set. */
function attributes(call: Call): Record<string, string> {
  const fields = { disposition: call.disposition, leadGrade: call.lead_grade, saleAmount: call.sale_amount };
  return Object.fromEntries(
    Object.entries(fields).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])),
  );
}
