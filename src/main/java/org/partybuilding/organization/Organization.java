package org.partybuilding.organization;

/**
 * A party organization of the directory. The JSON field names are a published contract
 * ({@code GET /api/organizations}): other systems rely on them.
 */
public record Organization(
        String id,
        String name,
        Domain domain,
        String secretaryType,
        String parentId,
        String supervisorId,
        String secretaryUserId,
        String secretaryName,
        String secretaryEmail,
        String secretaryPhone,
        String email) {
}
