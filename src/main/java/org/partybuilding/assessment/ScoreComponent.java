package org.partybuilding.assessment;

/** A component of the Party Building Cup score; the name is the input {@code component} of the decision {@code party-building-cup}. */
enum ScoreComponent {
    DUTY_REPORT("述职评议"),
    RECTIFICATION("问题整改"),
    SURVEY("满意度测评"),
    LIST("责任清单签订");

    private final String label;

    ScoreComponent(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
