package org.partybuilding.rectification;

import org.partybuilding.organization.Domain;

/**
 * What a ledger list or export asks for; every field optional (null: any). The caller's visibility applies on top.
 *
 * @param organizationId one organization's items
 * @param overdue        true: past their due date and neither closed nor cancelled; false: the others
 * @param town           an organization id: the items of that organization and every organization below it (the
 *                       directory's subtree along parent and supervisor, as its staff oversee it)
 * @param domain         the domain of the item's organization
 */
public record RectificationFilter(String organizationId, Source source, Status status, Boolean overdue, String town, Domain domain) {
}
