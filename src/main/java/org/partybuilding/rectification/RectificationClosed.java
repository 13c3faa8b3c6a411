package org.partybuilding.rectification;

/**
 * Published in the closing transaction when an item is closed (销号), for the capability that opened it: a quarter's
 * inspection schedules its re-inspection (回头看) from it.
 */
public record RectificationClosed(long itemId, String organizationId, Source source, String sourceRef, boolean rectified) {
}
