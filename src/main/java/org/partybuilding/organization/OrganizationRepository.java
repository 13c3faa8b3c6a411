package org.partybuilding.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The directory tables. Inactive rows are organizations and staff removed from the file, kept for history. */
@Repository
class OrganizationRepository {

    private static final String ORGANIZATION_COLUMNS = """
            id, name, domain, secretary_type, parent_id, supervisor_id,
            secretary_user_id, secretary_name, secretary_email, secretary_phone, email""";

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Organization> findAll() {
        return jdbc.sql("select " + ORGANIZATION_COLUMNS + " from organization where active order by position")
                .query(OrganizationRepository::organization).list();
    }

    Optional<Organization> findById(String id) {
        return jdbc.sql("select " + ORGANIZATION_COLUMNS + " from organization where active and id = ?")
                .param(id).query(OrganizationRepository::organization).optional();
    }

    Map<String, Organization> findByIds(Collection<String> ids) {
        Map<String, Organization> found = new HashMap<>();
        jdbc.sql("select " + ORGANIZATION_COLUMNS + " from organization where active and id = any (?)")
                .param(ids.stream().distinct().toArray(String[]::new)).query(OrganizationRepository::organization).list()
                .forEach(o -> found.put(o.id(), o));
        return found;
    }

    /** Any organization, active or deactivated (kept for history): what mails and old ledger items refer to. */
    Optional<Organization> findIncludingInactive(String id) {
        return jdbc.sql("select " + ORGANIZATION_COLUMNS + " from organization where id = ?")
                .param(id).query(OrganizationRepository::organization).optional();
    }

    Optional<String> findRootId() {
        return jdbc.sql("select id from organization where active and parent_id is null").query(String.class).optional();
    }

    /**
     * The organization and every organization above it, along the parent and the supervisor relations:
     * the organizations whose staff may watch its work.
     */
    List<String> findOverseeingIds(String organizationId) {
        return jdbc.sql("""
                with recursive up(id) as (
                    select id from organization where id = ? and active
                    union
                    select o.id from organization o join organization child
                      on o.id = child.parent_id or o.id = coalesce(child.supervisor_id, child.parent_id)
                    join up on child.id = up.id
                    where o.active
                )
                select id from up""").param(organizationId).query(String.class).list();
    }

    /** The organization and every organization below it along the parent and supervisor relations. */
    List<String> findOverseenIds(String organizationId) {
        return jdbc.sql("""
                with recursive down(id) as (
                    select id from organization where id = ? and active
                    union
                    select o.id from organization o join down on o.parent_id = down.id or o.supervisor_id = down.id
                    where o.active
                )
                select id from down""").param(organizationId).query(String.class).list();
    }

    List<String> findOrganizationIdsOfSecretary(String userId) {
        return jdbc.sql("select id from organization where active and secretary_user_id = ? order by position")
                .param(userId).query(String.class).list();
    }

    List<SecretaryType> findSecretaryTypes() {
        return jdbc.sql("select code, name from secretary_type order by position")
                .query((rs, n) -> new SecretaryType(rs.getString("code"), rs.getString("name"))).list();
    }

    List<StaffMember> findStaff() {
        return staff("", null);
    }

    Optional<StaffMember> findStaffMember(String userId) {
        return staff(" and user_id = ?", userId).stream().findFirst();
    }

    List<StaffMember> findStaffOf(String organizationId) {
        return staff(" and organization_id = ?", organizationId);
    }

    List<String> findStaffEmailsInGroup(String group) {
        return jdbc.sql("select email from staff_member where active and ? = any (string_to_array(groups, ',')) order by user_id")
                .param(group).query(String.class).list();
    }

    Optional<String> findRootEmail() {
        return jdbc.sql("select email from organization where active and parent_id is null").query(String.class).optional();
    }

    private List<StaffMember> staff(String condition, String parameter) {
        var statement = jdbc.sql("select user_id, name, email, phone, organization_id, groups from staff_member where active"
                + condition + " order by user_id");
        if (parameter != null) {
            statement = statement.param(parameter);
        }
        return statement.query((rs, n) -> new StaffMember(rs.getString("user_id"), rs.getString("name"), rs.getString("email"),
                        rs.getString("phone"), rs.getString("organization_id"), groups(rs.getString("groups"))))
                .list();
    }

    void replaceSecretaryTypes(List<SecretaryType> types) {
        for (int i = 0; i < types.size(); i++) {
            SecretaryType type = types.get(i);
            jdbc.sql("""
                    insert into secretary_type (code, name, position) values (?, ?, ?)
                    on conflict (code) do update set name = excluded.name, position = excluded.position""")
                    .params(type.code(), type.name(), i).update();
        }
    }

    void removeUnusedSecretaryTypes(List<String> keep) {
        jdbc.sql("""
                delete from secretary_type t where not (t.code = any (?))
                and not exists (select 1 from organization o where o.secretary_type = t.code)""")
                .param(keep.toArray(String[]::new)).update();
    }

    void upsert(Organization o, int position) {
        jdbc.sql("""
                insert into organization (id, name, domain, secretary_type, parent_id, supervisor_id, secretary_user_id,
                    secretary_name, secretary_email, secretary_phone, email, position, active, updated_at)
                values (:id, :name, :domain, :type, :parent, :supervisor, :secUser, :secName, :secEmail, :secPhone, :email,
                    :position, true, now())
                on conflict (id) do update set name = excluded.name, domain = excluded.domain,
                    secretary_type = excluded.secretary_type, parent_id = excluded.parent_id,
                    supervisor_id = excluded.supervisor_id, secretary_user_id = excluded.secretary_user_id,
                    secretary_name = excluded.secretary_name, secretary_email = excluded.secretary_email,
                    secretary_phone = excluded.secretary_phone, email = excluded.email,
                    position = excluded.position, active = true, updated_at = now()""")
                .param("id", o.id()).param("name", o.name()).param("domain", o.domain().name())
                .param("type", o.secretaryType()).param("parent", o.parentId()).param("supervisor", o.supervisorId())
                .param("secUser", o.secretaryUserId()).param("secName", o.secretaryName())
                .param("secEmail", o.secretaryEmail()).param("secPhone", o.secretaryPhone())
                .param("email", o.email()).param("position", position).update();
    }

    int deactivateOrganizationsNotIn(List<String> ids) {
        return jdbc.sql("update organization set active = false, updated_at = now() where active and not (id = any (?))")
                .param(ids.toArray(String[]::new)).update();
    }

    void upsert(StaffMember s) {
        jdbc.sql("""
                insert into staff_member (user_id, name, email, phone, organization_id, groups, active)
                values (?, ?, ?, ?, ?, ?, true)
                on conflict (user_id) do update set name = excluded.name, email = excluded.email, phone = excluded.phone,
                    organization_id = excluded.organization_id, groups = excluded.groups, active = true""")
                .params(s.userId(), s.name(), s.email(), s.phone(), s.organizationId(), String.join(",", s.groups()))
                .update();
    }

    int deactivateStaffNotIn(List<String> userIds) {
        return jdbc.sql("update staff_member set active = false where active and not (user_id = any (?))")
                .param(userIds.toArray(String[]::new)).update();
    }

    void recordImport(String source, int organizations, int staff, String importedBy) {
        jdbc.sql("insert into directory_import (source, organizations, staff, imported_by) values (?, ?, ?, ?)")
                .params(source, organizations, staff, importedBy).update();
    }

    private static Organization organization(ResultSet rs, int rowNum) throws SQLException {
        return new Organization(rs.getString("id"), rs.getString("name"), Domain.valueOf(rs.getString("domain")),
                rs.getString("secretary_type"), rs.getString("parent_id"), rs.getString("supervisor_id"),
                rs.getString("secretary_user_id"), rs.getString("secretary_name"), rs.getString("secretary_email"),
                rs.getString("secretary_phone"), rs.getString("email"));
    }

    private static List<String> groups(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.asList(csv.split(","));
    }
}
