package org.partybuilding.organization;

import java.util.Set;

/**
 * Published inside a directory import, once the directory, users, groups and tenants are written: these organizations
 * now stand under another parent or supervisor (and with them everything below them). Each process that gave one of
 * their open tasks to candidate groups computed from the directory listens, and computes those groups again with the
 * rule it uses when it creates the task, so the new chain may claim them and the old one may not. Published in the
 * import's transaction: a listener that fails rolls the whole import back.
 *
 * @param organizationIds the moved organizations and every active organization below them
 * @param importedBy      who imported the directory (null for the import at start-up)
 */
public record OrganizationsMoved(Set<String> organizationIds, String importedBy) {
}
