package org.partybuilding.survey;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An imported survey file.
 *
 * @param itemNames the item score columns, in the file's order
 * @param threshold the threshold in force when it was imported
 * @param rows      the organizations it scored
 */
record SurveyUpload(long id, int year, String sha256, String fileName, String format, List<String> itemNames,
        BigDecimal threshold, int rows, String uploadedBy, OffsetDateTime uploadedAt) {
}
