package org.partybuilding.rectification;

/** Where a rectification item comes from. */
public enum Source {
    INSPECTION("专项督查"),
    DUTY_REVIEW("述职评议"),
    SURVEY("满意度测评"),
    ASSESSMENT("考核评价"),
    OTHER("其他");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
