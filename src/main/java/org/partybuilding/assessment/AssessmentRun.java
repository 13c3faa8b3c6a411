package org.partybuilding.assessment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A year's stored assessment run (the latest one: a second run replaces it). */
record AssessmentRun(int year, OffsetDateTime assessedAt, int organizations, int threeStarsOrMore, BigDecimal shareThreeStars,
        BigDecimal target, boolean targetMet, int talks) {
}
