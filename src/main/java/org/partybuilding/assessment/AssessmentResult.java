package org.partybuilding.assessment;

/** An organization's stored result of a year: its report card. */
record AssessmentResult(
        int year,
        String organizationId,
        String organizationName,
        String secretaryName,
        int position,
        Components scores,
        Components weights,
        java.math.BigDecimal cupScore,
        int stars,
        int rank,
        int accountabilityItems,
        Breakdown breakdown) {
}
