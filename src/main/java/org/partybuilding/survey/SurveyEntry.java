package org.partybuilding.survey;

import java.math.BigDecimal;
import java.util.Map;
import org.partybuilding.organization.Organization;

/**
 * One checked row of a survey file.
 *
 * @param line       its row number in the file (the header is row 1)
 * @param itemScores the item scores it gives, in the file's column order (blank cells left out)
 * @param comment    the evaluator's comment, or null
 */
record SurveyEntry(int line, Organization organization, BigDecimal overallScore, Map<String, BigDecimal> itemScores, String comment) {
}
