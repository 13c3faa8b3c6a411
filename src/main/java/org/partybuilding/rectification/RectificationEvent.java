package org.partybuilding.rectification;

import java.time.OffsetDateTime;

/**
 * One entry of an item's history. {@code actorName}: the actor's name from the directory (the single-item answer,
 * read by Cockpit's 事项详情 tab), null for steps of the system or a user the directory does not list.
 */
public record RectificationEvent(EventType type, OffsetDateTime at, String actor, String detail, String actorName) {

    RectificationEvent withActorName(String name) {
        return new RectificationEvent(type, at, actor, detail, name);
    }
}
