package org.partybuilding.rectification;

/** Where a rectification item stands in the ledger. */
public enum Status {
    OPEN("待整改"),
    SUBMITTED("待核验"),
    REJECTED("已退回"),
    OVERDUE("已逾期"),
    ACCOUNTABILITY("追责中"),
    CLOSED("已销号"),
    /** Its instance was deleted by an administrator: the loop stopped without closure. */
    CANCELLED("已撤销");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
