package org.partybuilding.system;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.MediaType;

/**
 * Tables as downloads, .xlsx and .csv, for every export of the product (the rectification ledger, the report cards):
 * what each of them must do is done here once. Text that a spreadsheet would take for a formula is neutralised
 * ({@link #neutralised}); headers are Chinese; dates are real date cells; the header row is frozen; CSV is UTF-8 with a
 * byte order mark (Excel on Chinese Windows otherwise reads it as GBK) and RFC 4180 quoting. Workbooks are written by
 * POI's streaming {@link SXSSFWorkbook}: only a window of rows per sheet is in memory, the rest in a temporary file.
 *
 * <p>Cell values a column may give: {@code null} (empty), {@link String}, {@link Number}, {@link LocalDate},
 * {@link LocalDateTime} (already in the city's time), {@link Boolean} (是/否).
 */
public final class SpreadsheetExport {

    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    /** Most characters Excel allows in a sheet name. */
    private static final int SHEET_NAME_LENGTH = 31;
    /** Rows of a sheet kept in memory while writing; the rest is flushed to a temporary file. */
    private static final int ROWS_IN_MEMORY = 200;
    private static final DateTimeFormatter CSV_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private SpreadsheetExport() {
    }

    /**
     * A column: its Chinese header, its width in characters (a Chinese character counts two), the Excel number format
     * for numbers and dates (null: {@code 0.00} for decimals, general for integers, {@code yyyy-mm-dd} for dates,
     * {@code yyyy-mm-dd hh:mm} for times) and the value of a row.
     */
    public record Column<T>(String header, int width, String format, Function<T, Object> value) {

        public Column(String header, int width, Function<T, Object> value) {
            this(header, width, null, value);
        }
    }

    /** A sheet of a workbook: its name (made safe and unique when written) and its rows. */
    public record Sheet<T>(String name, List<T> rows) {
    }

    /**
     * The text as a spreadsheet may show it without running it: text beginning with {@code =}, {@code +}, {@code -},
     * {@code @}, a tab or a carriage return (what Excel, WPS and LibreOffice start a formula or a DDE call with) gets a
     * leading apostrophe, also when spaces or line breaks come first (spreadsheets that trim them on import would run
     * the rest). Applied to every text cell of every export, .xlsx and .csv alike (CSV injection, OWASP's list).
     */
    public static String neutralised(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        int i = 0;
        while (i < text.length() && text.charAt(i) != '\t' && text.charAt(i) != '\r' && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        char first = text.charAt(i);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + text : text;
    }

    /**
     * A sheet of every row named {@code allName} and, when the rows belong to more than one group (a town), one sheet
     * per group named by the group, in the order of {@code order} (group ids not in it last, by name). Rows without a
     * group are on the first sheet only.
     */
    public static <T> List<Sheet<T>> allAndByGroup(String allName, List<T> rows, Function<T, String> groupId,
            Function<T, String> groupName, List<String> order) {
        List<Sheet<T>> sheets = new ArrayList<>();
        sheets.add(new Sheet<>(allName, rows));
        Map<String, List<T>> groups = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        for (T row : rows) {
            String id = groupId.apply(row);
            if (id != null) {
                groups.computeIfAbsent(id, key -> new ArrayList<>()).add(row);
                names.put(id, groupName.apply(row));
            }
        }
        if (groups.size() > 1) {
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                position.putIfAbsent(order.get(i), i);
            }
            groups.keySet().stream()
                    .sorted(Comparator.comparing((String id) -> position.getOrDefault(id, Integer.MAX_VALUE))
                            .thenComparing(id -> String.valueOf(names.get(id))))
                    .forEach(id -> sheets.add(new Sheet<>(names.get(id), groups.get(id))));
        }
        return sheets;
    }

    /** Writes the sheets as one workbook; the caller closes the stream. */
    public static <T> void writeXlsx(OutputStream out, List<Column<T>> columns, List<Sheet<T>> sheets) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROWS_IN_MEMORY);
        workbook.setCompressTempFiles(true);
        try {
            Styles styles = new Styles(workbook, columns);
            Set<String> names = new HashSet<>();
            for (Sheet<T> content : sheets) {
                SXSSFSheet sheet = workbook.createSheet(sheetName(content.name(), names));
                sheet.createFreezePane(0, 1);
                Row header = sheet.createRow(0);
                for (int c = 0; c < columns.size(); c++) {
                    sheet.setColumnWidth(c, Math.min(255, columns.get(c).width()) * 256);
                    Cell cell = header.createCell(c);
                    cell.setCellValue(columns.get(c).header());
                    cell.setCellStyle(styles.header);
                }
                int r = 1;
                for (T item : content.rows()) {
                    Row row = sheet.createRow(r++);
                    for (int c = 0; c < columns.size(); c++) {
                        write(row, c, columns.get(c).value().apply(item), styles);
                    }
                }
                sheet.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, columns.size() - 1));
            }
            workbook.write(out);
        } finally {
            workbook.close(); // also deletes the temporary files
        }
    }

    /** Writes the rows as CSV: byte order mark, header, one record per row, CRLF; the caller closes the stream. */
    public static <T> void writeCsv(OutputStream out, List<Column<T>> columns, List<T> rows) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        writer.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180);
        csv.printRecord(columns.stream().map(Column::header).toList());
        List<String> record = new ArrayList<>(columns.size());
        for (T row : rows) {
            record.clear();
            for (Column<T> column : columns) {
                record.add(csvText(column.value().apply(row)));
            }
            csv.printRecord(record);
        }
        csv.flush();
    }

    /**
     * A {@code Content-Disposition} header for a download with a Chinese name: RFC 6266's {@code filename*} in UTF-8
     * (RFC 5987) for browsers, and an ASCII {@code filename} for clients that know only that.
     *
     * @param asciiFallback letters, digits, dot, dash and underscore; anything else becomes an underscore
     */
    public static String attachment(String fileName, String asciiFallback) {
        return "attachment; filename=\"" + asciiFallback.replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                + rfc5987(fileName);
    }

    private static String rfc5987(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String csvText(Object value) {
        if (value == null) {
            return "";
        } else if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        } else if (value instanceof Number || value instanceof LocalDate) {
            return value.toString();
        } else if (value instanceof LocalDateTime time) {
            return time.format(CSV_DATE_TIME);
        } else if (value instanceof Boolean flag) {
            return flag ? "是" : "否";
        }
        return neutralised(value.toString());
    }

    private static void write(Row row, int column, Object value, Styles styles) {
        if (value == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Number number) {
            cell.setCellValue(number.doubleValue());
            cell.setCellStyle(styles.of(column, value));
        } else if (value instanceof LocalDate date) {
            cell.setCellValue(date);
            cell.setCellStyle(styles.of(column, value));
        } else if (value instanceof LocalDateTime time) {
            cell.setCellValue(time);
            cell.setCellStyle(styles.of(column, value));
        } else if (value instanceof Boolean flag) {
            cell.setCellValue(flag ? "是" : "否");
        } else {
            cell.setCellValue(neutralised(value.toString()));
        }
    }

    /** A sheet name Excel accepts ({@code []:*?/\} replaced, at most 31 characters), unique within the workbook. */
    private static String sheetName(String wanted, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(wanted == null || wanted.isBlank() ? "Sheet" : wanted, '_');
        String name = base;
        for (int n = 2; !taken.add(name.toLowerCase(Locale.ROOT)); n++) {
            String suffix = "(" + n + ")";
            name = base.substring(0, Math.min(base.length(), SHEET_NAME_LENGTH - suffix.length())) + suffix;
        }
        return name;
    }

    /** The header style and the cell styles by number format, made once per workbook (Excel limits their number). */
    private static final class Styles {

        final CellStyle header;
        private final SXSSFWorkbook workbook;
        private final List<String> columnFormats;
        private final Map<String, CellStyle> byFormat = new HashMap<>();

        <T> Styles(SXSSFWorkbook workbook, List<Column<T>> columns) {
            this.workbook = workbook;
            this.columnFormats = columns.stream().map(Column::format).toList();
            Font bold = workbook.createFont();
            bold.setBold(true);
            header = workbook.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setWrapText(true);
        }

        /** The column's format, else the one for the value's type: two decimals, an integer, a date, a time. */
        CellStyle of(int column, Object value) {
            String format = columnFormats.get(column);
            if (format == null) {
                format = value instanceof BigDecimal || value instanceof Double ? "0.00"
                        : value instanceof LocalDate ? "yyyy-mm-dd"
                        : value instanceof LocalDateTime ? "yyyy-mm-dd hh:mm"
                        : "0";
            }
            return byFormat.computeIfAbsent(format, f -> {
                CellStyle style = workbook.createCellStyle();
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
                return style;
            });
        }
    }
}
