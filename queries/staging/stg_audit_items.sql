-- stg_audit_items: the evaluation forms: each item's section, weight, maximum and criticality.
-- grain: one row per form and item.
-- from: audit_items.
-- unique: form_id, item_id
-- not null: form_id, item_id, weight, max_points, critical

select
  form_id,
  item_id,
  coalesce(section, 'unassigned') as section,
  weight,
  max_points,
  coalesce(critical, false) as critical,
  text
from audit_items
