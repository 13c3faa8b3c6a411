-- The town (所属镇街) of every organization: the directory's level below the city along the parent chain, the one
-- rule that lists and exports join on (GET /api/rectifications, the ledger and report-card exports). An organization
-- directly under the city (a town, subdistrict or sector committee) is its own town; the city itself has none and is
-- not in the view. Deactivated organizations keep the parent they last had, so old items keep their town.
create view organization_town (organization_id, town_id) as
with recursive town (organization_id, town_id) as (
    select o.id, o.id
      from organization o
      join organization root on root.id = o.parent_id
     where root.parent_id is null
    union
    select child.id, town.town_id
      from organization child
      join town on child.parent_id = town.organization_id
)
select organization_id, town_id from town;
