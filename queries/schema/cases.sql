-- The audit desk's tables (docs/audit-desk.md): the cases the anomalies form, the desk's
-- reviews of them, the recognition list and the generated-data evaluation kept beside them.
-- anomaly_cases is rebuilt from anomalies after every detection (queries/cases/), keeping
-- each case's id and its review columns; case_events is append-only: nothing deletes or
-- rewrites its rows.

-- anomaly_cases: one row per case, an episode of one rule firing for one subject (rule,
-- entity_type, entity_id). Findings within case_gap_days of each other are one episode; a
-- later episode within case_reopen_days of the case's last day reopens the case.
-- Key: case_id, a number given once and never derived from the findings again.
create table if not exists anomaly_cases (
  case_id integer primary key,
  rule varchar not null,            -- an anomaly rule, or 'recognition' (top of the trainer ranking)
  entity_type varchar not null,
  entity_id varchar not null,       -- of entity_type 'number': a phone number, personal data
  first_seen date not null,         -- the first and last day with a finding of the case
  last_seen date not null,
  days_active integer not null,     -- days with a finding
  episodes integer not null,        -- runs of findings within case_gap_days (2 or more: it came back)
  findings integer not null,        -- finding rows (one per metric and day); 0 once re-detection withdrew them all
  state varchar not null,           -- new, ongoing, cleared, reopened, merged
  as_of date not null,              -- the latest day detected when the state was judged
  peak_severity varchar,            -- high, medium or low (none for a recognition)
  peak_severity_rank integer not null,  -- 3 high, 2 medium, 1 low, 0 none: sort by this, never by the text
  peak_score double not null,       -- the largest |score| of its findings
  merged_into integer,              -- set when re-detection joined this case to an older one (state merged)
  snoozed_findings integer not null,  -- findings held back by this case's dismissal (still in anomalies)
  last_snoozed date,
  -- Written by reviews only; a rebuild never changes them.
  verdict varchar,                  -- confirmed, dismissed, actioned, reward; null until reviewed
  due date,                         -- the deadline of a confirmed (action) or reward case
  snooze_from date,                 -- set by a dismissal: the day before it (the desk had seen up to there), or
                                    -- the case's last day if later. Later findings never join the case
  snooze_until date,                -- while dismissed, findings up to this day no worse than below raise nothing
  snooze_score double,              -- the case's peak |score| when it was dismissed
  snooze_severity_rank integer      -- and its peak severity rank
);

create sequence if not exists case_event_seq start 1;

-- case_events: the history of every case, append-only. A review writes a 'verdict' row (and
-- a 'due' row when the deadline changes) with the reviewer's name and note; callq writes
-- 'state' and 'merged_into' changes and a recognition's reward, by 'callq'.
create table if not exists case_events (
  event_id bigint primary key default nextval('case_event_seq'),
  case_id integer not null,
  "at" timestamptz not null,
  "by" varchar not null,
  field varchar not null,           -- verdict, due, state, merged_into
  "from" varchar,
  "to" varchar,
  note varchar
);

-- recognition_picks: the agents at the top of the trainer ranking (agent_window's
-- composite_rank <= recognition_top) on each detected day: the findings of the
-- 'recognition' cases. Key: day, agent_id.
create table if not exists recognition_picks (
  day date not null,
  agent_id varchar not null,
  composite_rank integer not null,
  composite_score double not null
);

-- rule_evaluation: the last `callq evaluate --save`: each rule's precision and recall on
-- generated data against its labels file, shown beside the desk's precision in rule_quality.
create table if not exists rule_evaluation (
  rule varchar not null,
  labelled integer not null,
  flagged integer not null,
  true_positives integer not null,
  "precision" double,
  recall double,
  labels varchar not null,
  evaluated_at timestamptz not null
);
