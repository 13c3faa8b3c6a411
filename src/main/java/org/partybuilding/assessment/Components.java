package org.partybuilding.assessment;

import java.math.BigDecimal;

/** One value per component: an organization's scores (null = missing) or the weights used for it. */
record Components(BigDecimal dutyReport, BigDecimal rectification, BigDecimal survey, BigDecimal list) {

    BigDecimal get(ScoreComponent component) {
        return switch (component) {
            case DUTY_REPORT -> dutyReport;
            case RECTIFICATION -> rectification;
            case SURVEY -> survey;
            case LIST -> list;
        };
    }

    static Components of(java.util.function.Function<ScoreComponent, BigDecimal> value) {
        return new Components(value.apply(ScoreComponent.DUTY_REPORT), value.apply(ScoreComponent.RECTIFICATION),
                value.apply(ScoreComponent.SURVEY), value.apply(ScoreComponent.LIST));
    }
}
