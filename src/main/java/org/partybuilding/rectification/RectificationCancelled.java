package org.partybuilding.rectification;

/**
 * Published in the deleting transaction when an item is cancelled (its instance deleted by an administrator), for the
 * capability that opened it: a quarter's inspection stops waiting for the item and skips its re-inspection (回头看).
 */
public record RectificationCancelled(long itemId, String organizationId, Source source, String sourceRef) {
}
