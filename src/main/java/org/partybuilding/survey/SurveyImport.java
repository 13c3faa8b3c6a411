package org.partybuilding.survey;

/**
 * The answer to an upload.
 *
 * @param created          false when the same file was already the year's current one (nothing was changed)
 * @param rows             organizations in the file
 * @param belowThreshold   of them, those scoring below the threshold
 * @param itemsOpened      rectification items opened by this upload
 * @param alreadyHadItems  organizations below the threshold that already had this year's item (none opened again)
 */
record SurveyImport(int year, long uploadId, boolean created, String message, int rows, int belowThreshold, int itemsOpened,
        int alreadyHadItems) {
}
