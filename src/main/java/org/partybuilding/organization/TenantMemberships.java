package org.partybuilding.organization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps Camunda's tenants equal to the directory: one tenant per organization, whose members are its secretary
 * (user membership) and the staff group of every organization above it along the parent and supervisor chains
 * (group memberships), except the city, whose staff are city-wide ({@link CityWideScope}).
 *
 * <p>Written with plain SQL in batches, not one engine command per row: a province-size directory has tens of
 * thousands of organizations, and the engine's identity API would take minutes for what this does in seconds.
 * Only differences are written; tenants of deactivated organizations stay (their history keeps its tenant).
 */
@Component
class TenantMemberships {

    private final JdbcTemplate jdbc;

    TenantMemberships(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many memberships were added and removed */
    int synchronize(List<Organization> organizations, Set<String> existingGroups) {
        Map<String, String> names = new HashMap<>();
        jdbc.query("select id_, name_ from act_id_tenant", rs -> {
            names.put(rs.getString(1), rs.getString(2));
        });
        List<Object[]> newTenants = new ArrayList<>();
        List<Object[]> renamed = new ArrayList<>();
        for (Organization o : organizations) {
            if (!names.containsKey(o.id())) {
                newTenants.add(new Object[] {o.id(), truncate(o.name())});
            } else if (!truncate(o.name()).equals(names.get(o.id()))) {
                renamed.add(new Object[] {truncate(o.name()), o.id()});
            }
        }
        jdbc.batchUpdate("insert into act_id_tenant (id_, rev_, name_) values (?, 1, ?)", newTenants);
        jdbc.batchUpdate("update act_id_tenant set name_ = ?, rev_ = rev_ + 1 where id_ = ?", renamed);

        Set<Membership> wanted = wanted(organizations, existingGroups);
        Map<Membership, String> current = new HashMap<>();
        jdbc.query("select tenant_id_, user_id_, group_id_, id_ from act_id_tenant_member", rs -> {
            current.put(new Membership(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getString(4));
        });
        List<Object[]> added = new ArrayList<>();
        for (Membership m : wanted) {
            if (!current.containsKey(m)) {
                added.add(new Object[] {UUID.randomUUID().toString(), m.tenantId(), m.userId(), m.groupId()});
            }
        }
        List<Object[]> removed = new ArrayList<>();
        current.forEach((m, id) -> {
            if (!wanted.contains(m)) {
                removed.add(new Object[] {id});
            }
        });
        jdbc.batchUpdate("delete from act_id_tenant_member where id_ = ?", removed);
        jdbc.batchUpdate("insert into act_id_tenant_member (id_, tenant_id_, user_id_, group_id_) values (?, ?, ?, ?)", added);
        return added.size() + removed.size();
    }

    private static Set<Membership> wanted(List<Organization> organizations, Set<String> existingGroups) {
        Map<String, Organization> byId = new HashMap<>();
        organizations.forEach(o -> byId.put(o.id(), o));
        Set<Membership> wanted = new HashSet<>();
        for (Organization o : organizations) {
            wanted.add(new Membership(o.id(), o.secretaryUserId(), null));
            for (String overseer : overseeing(o, byId)) {
                Organization above = byId.get(overseer);
                String group = Groups.staffOf(overseer);
                if (above != null && above.parentId() != null && existingGroups.contains(group)) {
                    wanted.add(new Membership(o.id(), null, group));
                }
            }
        }
        return wanted;
    }

    /** The organization and every organization above it along the parent and supervisor chains. */
    static Set<String> overseeing(Organization organization, Map<String, Organization> byId) {
        Set<String> seen = new LinkedHashSet<>();
        List<Organization> todo = new ArrayList<>(List.of(organization));
        while (!todo.isEmpty()) {
            Organization o = todo.remove(todo.size() - 1);
            if (!seen.add(o.id())) {
                continue;
            }
            for (String up : new String[] {o.parentId(), o.supervisorId()}) {
                if (up != null && byId.containsKey(up)) {
                    todo.add(byId.get(up));
                }
            }
        }
        return seen;
    }

    private static String truncate(String name) {
        return name.length() <= 255 ? name : name.substring(0, 255);
    }

    private record Membership(String tenantId, String userId, String groupId) {
    }
}
