package org.partybuilding.assessment;

import java.time.OffsetDateTime;

/**
 * One organization's report card (成绩单) with everything behind its score.
 *
 * @param starsLabel    the stars in Chinese (三星)
 * @param organizations how many organizations were ranked
 * @param weights       the weights used (a missing component's is 0, the others' grown in proportion)
 */
record ReportCardDetail(
        int year,
        OffsetDateTime assessedAt,
        ReportCard card,
        String starsLabel,
        int organizations,
        int accountabilityItems,
        Components weights,
        Breakdown breakdown) {

    private static final String[] STARS = {"", "一星", "二星", "三星", "四星", "五星"};

    static ReportCardDetail of(AssessmentRun run, AssessmentResult result) {
        return new ReportCardDetail(result.year(), run.assessedAt(), ReportCard.of(result), STARS[result.stars()], run.organizations(),
                result.accountabilityItems(), result.weights(), result.breakdown());
    }
}
