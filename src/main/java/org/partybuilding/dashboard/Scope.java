package org.partybuilding.dashboard;

import java.util.List;

/**
 * Whose work the dashboard shows: the whole city for the organization department and the inspectors, an organization's
 * subtree (the organizations below it and those it supervises) for its staff, her own organizations for a secretary.
 *
 * @param organizationIds the organizations in scope; null for the whole city (no filter at all, so that the city's
 *                        figures do not pass thousands of ids to every query)
 */
record Scope(String organizationId, String name, boolean wholeCity, List<String> organizationIds) {

    String[] ids() {
        return organizationIds == null ? null : organizationIds.toArray(String[]::new);
    }
}
