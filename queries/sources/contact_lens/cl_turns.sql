-- cl_turns: the speech turns of one Contact Lens post-call analysis file, as segments.
-- grain: one row per Transcript item (zero-length turns flagged, not dropped here).
-- from: temp table cl_document (json: the file's one JSON document); variable
--   cl_name_contact_id (the contact id in the file name, `<ContactId>_analysis_...`).
-- Paths (docs/sources/amazon-connect.md, Contact Lens output files): the speaker is the
-- role Participants[] gives the turn's ParticipantId (layouts differ in the ids, never in
-- this mapping); offsets are milliseconds from the start of the analysed audio. Contact
-- Lens's own TalkTime and Interruptions are not read: their definitions differ from callq's.
-- `_line` is the turn's position in Transcript (the file is one pretty-printed document).

with document as (
  select json from cl_document
),

participants as (
  select
    listed.participant.ParticipantId as participant_id,
    lower(listed.participant.ParticipantRole) as role
  from document,
    unnest(from_json(json -> '$.Participants', '[{"ParticipantId": "VARCHAR", "ParticipantRole": "VARCHAR"}]')) as listed(participant)
),

turns as (
  select
    coalesce(json ->> '$.CustomerMetadata.ContactId', getvariable('cl_name_contact_id')) as call_id,
    unnest(from_json(json -> '$.Transcript', '[{"ParticipantId": "VARCHAR", "BeginOffsetMillis": "VARCHAR", "EndOffsetMillis": "VARCHAR", "Content": "VARCHAR"}]')) as turn,
    generate_subscripts(from_json(json -> '$.Transcript', '["JSON"]'), 1) as _line
  from document
),

final as (
  select
    turns.call_id,
    coalesce(participants.role, turns.turn.ParticipantId) as speaker,
    turns.turn.BeginOffsetMillis as start_ms,
    turns.turn.EndOffsetMillis as end_ms,
    turns.turn.Content as text,
    try_cast(turns.turn.BeginOffsetMillis as double) = try_cast(turns.turn.EndOffsetMillis as double) as zero_length,
    turns._line
  from turns
  left join participants on participants.participant_id = turns.turn.ParticipantId
)

select * from final
