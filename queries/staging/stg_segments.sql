-- stg_segments: the speech timeline, one row per diarised segment (may overlap, unsorted).
-- grain: one row per segment as loaded (no key: a later file replaces a call's segments).
-- from: segments.
-- not null: call_id, speaker, start_ms, end_ms

select
  call_id,
  speaker,
  start_ms,
  end_ms,
  load_id
from segments
