-- Access moves from rows per instance to tenants (organization.OrganizationTenants): an installation that ran the
-- earlier design gets, once, what the new one writes as it goes.

-- 1. Every instance's rows carry its organization as tenant (the city where it has none), in every engine table that
--    has both a process instance and a tenant column, runtime and history alike.
create temporary table instance_tenant on commit drop as
select distinct on (v.proc_inst_id_) v.proc_inst_id_ as proc_inst_id, v.text_ as tenant_id
from act_hi_varinst v join organization o on o.id = v.text_
where v.name_ = 'organizationId' and v.proc_inst_id_ is not null
order by v.proc_inst_id_;

insert into instance_tenant (proc_inst_id, tenant_id)
select p.proc_inst_id_, (select id from organization where parent_id is null and active limit 1)
from act_hi_procinst p
where not exists (select 1 from instance_tenant t where t.proc_inst_id = p.proc_inst_id_)
  and exists (select 1 from organization where parent_id is null and active);

do $$
declare
    t record;
begin
    for t in
        select c1.table_name from information_schema.columns c1
        join information_schema.columns c2 on c2.table_schema = c1.table_schema and c2.table_name = c1.table_name
        where c1.table_schema = current_schema() and c1.column_name = 'tenant_id_' and c2.column_name = 'proc_inst_id_'
          and c1.table_name like 'act\_%'
    loop
        execute format('update %I x set tenant_id_ = m.tenant_id from instance_tenant m '
                       'where x.proc_inst_id_ = m.proc_inst_id and x.tenant_id_ is null', t.table_name);
    end loop;
end $$;

-- 2. The per-instance and per-historic-task read grants of the earlier design go: tenants replace them.
delete from act_ru_authorization
where resource_type_ in (8, 19, 20) and resource_id_ <> '*';

-- 3. Per-task grants keep only what the new design gives: assignees and candidate users READ, TASK_WORK and
--    READ_VARIABLE; candidate groups TASK_WORK (never UPDATE: no renaming, reassigning or writing variables).
--    Group rows that only granted READ (the earlier staff grants) go; candidate-group rows (UPDATE or TASK_WORK) stay.
delete from act_ru_authorization
where resource_type_ = 7 and resource_id_ <> '*' and group_id_ is not null and (perms_ & (4 | 16384)) = 0;
update act_ru_authorization set perms_ = 16384
where resource_type_ = 7 and resource_id_ <> '*' and group_id_ is not null;
update act_ru_authorization set perms_ = 2 | 16384 | 64
where resource_type_ = 7 and resource_id_ <> '*' and user_id_ is not null and user_id_ <> '*';
