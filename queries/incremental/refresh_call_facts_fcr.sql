-- refresh_call_facts_fcr: in `compute --date D`, only the calls of D are rebuilt in
-- call_facts, but the FCR of earlier calls changes when D brings their customer's repeat
-- call or moves the end of the data past their window. This sets fcr anew, from
-- int_call_fcr, for the calls of [marts_from, marts_to].

update call_facts
set fcr = int_call_fcr.fcr
from int_call_fcr
where call_facts.call_id = int_call_fcr.call_id
  and call_facts.fcr is distinct from int_call_fcr.fcr
