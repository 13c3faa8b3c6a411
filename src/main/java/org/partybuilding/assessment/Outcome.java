package org.partybuilding.assessment;

/** How a rectification item of the year ended, as the decision {@code rectification-deduction} takes it ({@code outcome}). */
enum Outcome {
    /** Closed on or before its due date (the closing day in the city's time zone). */
    ON_TIME("按期整改到位"),
    /** Closed after its due date. */
    LATE("逾期整改到位"),
    /** Marked for accountability (追责), now or at any time in its history, however it ended. */
    ACCOUNTABILITY("被追责"),
    /** Neither closed nor cancelled when the assessment ran. */
    OPEN("考核时尚未整改到位");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
