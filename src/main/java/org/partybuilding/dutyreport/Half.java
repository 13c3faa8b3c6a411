package org.partybuilding.dutyreport;

/** Which of the year's two duty reports (年中、年末两次书记管党述职). */
public enum Half {
    MID_YEAR("年中"),
    YEAR_END("年末");

    private final String label;

    Half(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
