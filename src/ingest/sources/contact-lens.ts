/**
 * Contact Lens post-call analysis files (docs/sources/amazon-connect.md): one pretty-printed
 * JSON document per contact, `<ContactId>_analysis[_redacted]_<timestamp>.json`, in the
 * 1.1.0 and VOICE-2022-11-30 layouts. Its Transcript turns become the contact's segments,
 * with their text; a later file for the same contact replaces them (segments are replaced
 * per call). A redacted copy never replaces the raw transcript of the same contact.
 */
import { basename } from 'node:path';
import type { Database } from '../../db/database.ts';
import { CONTRACTS } from '../contracts.ts';
import { sqlString } from '../staging-sql.ts';
import { bindSourceFile, canonicalRows, materialise, resetSourceRejects } from './adapter-sql.ts';
import type { AdapterRelation, SourceAdapter } from './source-adapter.ts';

const SEGMENT_COLUMNS = ['call_id', 'speaker', 'start_ms', 'end_ms', 'text'];
const REDACTED = /_analysis_redacted_/;

export const contactLens: SourceAdapter = {
  name: 'contact-lens',
  table: 'segments',
  description: 'Amazon Connect Contact Lens post-call analysis files (one JSON document per contact)',
  format: 'jsonl',
  reasons: {
    zero_length_turn: 'zero-length turns',
    not_voice: 'turns of chat or email analyses (not voice)',
    redacted_copy: 'turns of a redacted copy of a transcript already loaded from the raw file',
  },
  recognise(head) {
    const text = head.trimStart();
    return (
      text.startsWith('{') &&
      /"Participants"\s*:/.test(text) &&
      /"ParticipantRole"\s*:/.test(text) &&
      /"(JobStatus|ContentMetadata|Transcript)"\s*:/.test(text)
    );
  },
  async open(db, path) {
    await bindSourceFile(db, path);
    await resetSourceRejects(db);
    try {
      await db.exec(`create or replace temp table cl_document as
        select json::varchar as json from read_json_objects(${sqlString(path)}, format = 'unstructured')`);
    } catch (error) {
      throw new Error(`not a readable JSON document (${(error as Error).message.split('\n')[0]})`);
    }
    const documents = Number(await db.scalar('select count(*) from cl_document'));
    if (documents !== 1) throw new Error(`expected one Contact Lens document, found ${documents} JSON values`);
    const channel = await db.scalar<string>(`select json ->> '$.Channel' from cl_document`);
    const nameId = basename(path).split('_analysis')[0]!;
    await db.exec('set variable cl_name_contact_id = $1::varchar', [nameId]);
    await materialise(db, 'cl_turns', 'contact_lens/cl_turns');
    const callId = await db.scalar<string>('select any_value(call_id) from cl_turns');
    if (channel !== null && channel.toUpperCase() !== 'VOICE') return skipAll(db, 'not_voice');
    if (REDACTED.test(basename(path)) && callId !== null && (await hasRawTranscript(db, callId)))
      return skipAll(db, 'redacted_copy');
    return report(db);
  },
};

/** Whether the contact's segments came from a raw (unredacted) Contact Lens file. */
async function hasRawTranscript(db: Database, callId: string): Promise<boolean> {
  const files = await db.query<{ file: string }>(
    `select distinct l.file from segments s join load_log l using (load_id) where s.call_id = $1`,
    [callId],
  );
  return files.some(({ file }) => /_analysis_/.test(basename(file)) && !REDACTED.test(basename(file)));
}

async function skipAll(db: Database, reason: string): Promise<AdapterRelation> {
  const turns = Number(await db.scalar('select count(*) from cl_turns'));
  return {
    ...(await canonicalRows(db, 'cl_turns', CONTRACTS.segments, SEGMENT_COLUMNS, 'false')),
    report: { records: turns, made: { segments: 0 }, skipped: { [reason]: turns }, notes: [] },
  };
}

async function report(db: Database): Promise<AdapterRelation> {
  const [counts] = await db.query<{ turns: string; zero: string }>(
    'select count(*) as turns, count(*) filter (where zero_length) as zero from cl_turns',
  );
  const turns = Number(counts!.turns);
  const zero = Number(counts!.zero);
  return {
    ...(await canonicalRows(db, 'cl_turns', CONTRACTS.segments, SEGMENT_COLUMNS, 'not coalesce(zero_length, false)')),
    report: {
      records: turns,
      made: { segments: turns - zero },
      skipped: { zero_length_turn: zero },
      notes: ["Contact Lens's own talk time and interruption figures are not used (callq measures the turns itself)"],
    },
  };
}
