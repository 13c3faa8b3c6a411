package org.partybuilding.survey;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.stereotype.Service;

/** What other capabilities read of the satisfaction survey (the annual Party Building Cup, the report card). */
@Service
public class SurveyResults {

    private final SurveyService surveys;

    SurveyResults(SurveyService surveys) {
        this.surveys = surveys;
    }

    /** Each organization's overall score (0–100, two decimals) in the year's current results; empty without a survey. */
    public Map<String, BigDecimal> overallScores(int year) {
        return surveys.overallScores(year);
    }
}
