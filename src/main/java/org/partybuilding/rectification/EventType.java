package org.partybuilding.rectification;

/** What happened to a rectification item: its history. */
public enum EventType {
    CREATED, SUBMITTED, REJECTED, ACCEPTED, REMINDED, ESCALATED, ACCOUNTABILITY, CLOSED,
    /** Returned work got more time: the secretary's deadline moved to at least some working days after the return. */
    EXTENDED,
    /** An administrator deleted the instance (Cockpit, REST, batch). */
    CANCELLED,
    /** A closed item was opened again (a re-inspection found the problem back): a new due date and a new loop. */
    REOPENED,
    /** An administrator changed the running instance outside its model (modified, suspended, variables...). */
    ADMINISTERED,
    /** The secretary uploaded an evidence file (name, kind, size and SHA-256 in the detail). */
    EVIDENCE_ADDED,
    /** The secretary removed one of her evidence files before submitting. */
    EVIDENCE_REMOVED,
    /** A directory import moved the organization to another chain: its open verification went to that chain's staff. */
    VERIFIERS_CHANGED
}
