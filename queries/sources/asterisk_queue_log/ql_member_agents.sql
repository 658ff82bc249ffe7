-- ql_member_agents: the agent of each queue member that answered or missed a call. A
-- member is an interface or a member name (docs/sources/asterisk.md 1.5): the agent is the
-- configured one (sources.asterisk.member_agents), else the peer name without technology
-- and context (PJSIP/1001, SIP/1001, Local/1001@from-queue/n and Agent/1001 are agent
-- 1001). A member name that is no channel (a person's name) is kept as written, and
-- `unmapped` says so: the load tells how many there are, so they can be mapped.
-- grain: one row per distinct member.
-- from: temp tables ql_events (this file's events: only CONNECT and RINGNOANSWER keep a
--   member) and ql_member_names (the configured agents); ql_carried (open calls' events
--   from earlier files); variable ql_extension_pattern (an extension's form).
-- A log names a few hundred members on millions of legs and missed offers: each member is
-- read once here and the legs and offers join it (the pattern on every leg took 0.7 s per
-- three million legs; the join takes a third of that).

with members as (
  select agent as member from ql_events where agent is not null
  union
  select agent from ql_carried where agent is not null
),

by_channel as (
  select member, regexp_extract(member, '^(?:[A-Za-z0-9_]+/)?([^@/]*)', 1) as agent_id
  from members
),

final as (
  select
    by_channel.member,
    coalesce(ql_member_names.agent_id, by_channel.agent_id) as agent_id,
    ql_member_names.agent_id is null
      and not regexp_full_match(by_channel.agent_id, getvariable('ql_extension_pattern')) as unmapped
  from by_channel
  left join ql_member_names using (member)
)

select * from final
