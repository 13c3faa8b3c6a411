package org.partybuilding.rectification;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.OffsetDateTime;

/**
 * A line of the ledger list ({@code GET /api/rectifications}) and its exports: the item's fields (without history) and
 * where its organization sits in the directory.
 *
 * @param townId   the organization's town (所属镇街): the directory's level below the city on its parent chain; an
 *                 organization directly under the city is its own town, the city itself has none (null)
 * @param closedAt when it was closed or cancelled, null while it is neither
 */
public record RectificationListItem(
        @JsonUnwrapped RectificationItem item,
        String organizationName,
        String townId,
        String townName,
        OffsetDateTime createdAt,
        OffsetDateTime closedAt) {
}
