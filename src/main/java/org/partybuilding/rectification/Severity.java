package org.partybuilding.rectification;

/** How serious a problem is; the policy decision table sets its reminder and escalation offsets. */
public enum Severity {
    LOW("一般"),
    MEDIUM("较重"),
    HIGH("严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
