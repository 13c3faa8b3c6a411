package org.partybuilding.organization;

import java.util.List;

/** A staff member of an organization (supervisor, inspector, organization department), not its secretary. */
public record StaffMember(
        String userId,
        String name,
        String email,
        String phone,
        String organizationId,
        List<String> groups) {
}
