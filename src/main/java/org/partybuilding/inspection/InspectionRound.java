package org.partybuilding.inspection;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A quarter's round as stored: its plan (null fields while the organization department has not planned it yet). */
record InspectionRound(int year, int quarter, String businessKey, String processInstanceId, RoundStatus status, String theme,
        String scopeKind, String scopeDomain, String scopeOrganizationId, Integer sampleSize, Long seed, List<String> checklist,
        List<String> inspectorPool, LocalDate dueDate, String plannedBy, OffsetDateTime plannedAt, String startedBy,
        OffsetDateTime startedAt, String bulletinNumber, OffsetDateTime bulletinAt) {

    static String businessKey(int year, int quarter) {
        return year + "-Q" + quarter;
    }

    String label() {
        return year + "年" + Quarters.label(quarter) + "专项督查";
    }

    /** Where a round stands. */
    enum RoundStatus {
        PLANNING("制定方案"),
        INSPECTING("督查中"),
        BULLETIN("审定通报"),
        REVISITING("整改及回头看"),
        DONE("已办结"),
        CANCELLED("已撤销");

        private final String label;

        RoundStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
