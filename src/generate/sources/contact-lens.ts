/**
 * The centre's speech timelines as Contact Lens post-call analysis files
 * (docs/sources/amazon-connect.md §4), one per call with speech:
 * `<ContactId>_analysis_<ConnectedToAgentTimestamp>.json`, Raw output in the 1.1.0 layout
 * with CustomerMetadata.ContactId and opaque ParticipantIds mapped by Participants[].
 * Offsets count from the answer, where callq reads them (§5 item 11: for an outbound call a
 * real recording may start earlier, at the agent's connect). The generated timeline has
 * turns but no words, so each turn's Content is empty and its sentiment neutral.
 */
import type { Call, Segment } from '../model.ts';
import { ACCOUNT_ID, agentConnectedAt, INSTANCE_ID } from './connect-instance.ts';
import type { GeneratedCentre, SourceExport, SourceFile } from './source-export.ts';
import { epochOf, utcTimestamp } from './zone-time.ts';

const ROLE = { agent: 'AGENT', customer: 'CUSTOMER' } as const;

export function contactLensExport({ data, config }: GeneratedCentre): SourceExport {
  const turns = new Map<string, Segment[]>();
  for (const s of data.segments) {
    const own = turns.get(s.call_id);
    if (own) own.push(s);
    else turns.set(s.call_id, [s]);
  }
  const files: SourceFile[] = [];
  for (const call of data.calls) {
    const own = turns.get(call.call_id);
    if (!own) continue;
    const connected = utcTimestamp(epochOf(agentConnectedAt(call), config.timezone));
    files.push({
      name: `${call.call_id}_analysis_${connected}.json`,
      text: `${JSON.stringify(analysis(call, own, connected), null, 2)}\n`,
    });
  }
  return { files, calls: files.length };
}

function analysis(call: Call, segments: readonly Segment[], connected: string): Record<string, unknown> {
  const participant = { agent: call.agent_id!, customer: `customer-${call.call_id}` };
  const ordered = [...segments].sort(
    (a, b) => a.start_ms - b.start_ms || a.end_ms - b.end_ms || a.speaker.localeCompare(b.speaker),
  );
  const talkMs = (speaker: Segment['speaker']) =>
    ordered.filter((s) => s.speaker === speaker).reduce((sum, s) => sum + s.end_ms - s.start_ms, 0);
  return {
    AccountId: ACCOUNT_ID,
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    Channel: 'VOICE',
    ContentMetadata: { Output: 'Raw' },
    ConversationCharacteristics: {
      TalkTime: {
        DetailsByParticipant: {
          [participant.agent]: { TotalTimeMillis: talkMs('agent') },
          [participant.customer]: { TotalTimeMillis: talkMs('customer') },
        },
        TotalTimeMillis: talkMs('agent') + talkMs('customer'),
      },
      TotalConversationDurationMillis: (call.ended - call.answered!) * 1000,
    },
    CustomModels: [],
    CustomerMetadata: {
      ContactId: call.call_id,
      InputS3Uri: `s3://callq-generated/connect/CallRecordings/${connected.slice(0, 10).replaceAll('-', '/')}/${call.call_id}_${connected}.wav`,
      InstanceId: INSTANCE_ID,
    },
    JobStatus: 'COMPLETED',
    LanguageCode: 'zh-CN',
    Participants: (['agent', 'customer'] as const).map((speaker) => ({
      ParticipantId: participant[speaker],
      ParticipantRole: ROLE[speaker],
    })),
    Transcript: ordered.map((s, i) => ({
      BeginOffsetMillis: s.start_ms,
      Content: '',
      EndOffsetMillis: s.end_ms,
      Id: `${call.call_id}-turn-${i + 1}`,
      ParticipantId: participant[s.speaker],
      Sentiment: 'NEUTRAL',
    })),
    Version: '1.1.0',
  };
}
