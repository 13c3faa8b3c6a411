package org.partybuilding.survey;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A year's survey as {@code GET /api/surveys/{year}} shows it: the current upload and the results the caller may see. */
record SurveyView(int year, SurveyUpload upload, List<Result> results) {

    /**
     * One organization's result.
     *
     * @param itemScores     by item, in the file's column order
     * @param rectification  the item the survey opened for the organization this year, if any
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String organizationId, String organizationName, BigDecimal overallScore, boolean belowThreshold,
            Map<String, BigDecimal> itemScores, String comment, Rectification rectification) {
    }

    /** The ledger item and where it stands now. */
    record Rectification(long id, String status, String statusLabel) {
    }
}
