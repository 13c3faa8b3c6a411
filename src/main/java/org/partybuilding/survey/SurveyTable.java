package org.partybuilding.survey;

import java.util.List;

/**
 * A survey file read into text cells, before any check of what they say.
 *
 * @param format  {@code CSV (UTF-8)}, {@code CSV (GBK)} or {@code XLSX}, for the upload's record
 * @param headers the first row's cells, trimmed
 * @param rows    every later row that has any non-blank cell
 */
record SurveyTable(String format, List<String> headers, List<Row> rows) {

    /**
     * One row of data.
     *
     * @param line the row number the evaluator sees in Excel or in the file (the header is row 1)
     */
    record Row(int line, List<String> cells) {

        String cell(int column) {
            return column < cells.size() && cells.get(column) != null ? cells.get(column).strip() : "";
        }
    }
}
