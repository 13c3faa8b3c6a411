package org.partybuilding.rectification;

/** What happened to a rectification item: its history. */
public enum EventType {
    CREATED, SUBMITTED, REJECTED, ACCEPTED, REMINDED, ESCALATED, ACCOUNTABILITY, CLOSED
}
