package org.partybuilding.rectification;

import java.time.OffsetDateTime;

/** One entry of an item's history. */
public record RectificationEvent(EventType type, OffsetDateTime at, String actor, String detail) {
}
