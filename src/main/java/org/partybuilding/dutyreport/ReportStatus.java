package org.partybuilding.dutyreport;

/** Where a duty report stands. */
public enum ReportStatus {
    WRITING("撰写中"),
    REVIEWING("审核中"),
    RETURNED("已退回修改"),
    GRADING("评议中"),
    GRADED("已评定"),
    CANCELLED("已撤销");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
