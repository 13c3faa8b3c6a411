package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.partybuilding.system.SpreadsheetExport.Column;
import org.partybuilding.system.SpreadsheetExport.Sheet;

/** The one helper every export writes through: formula text neutralised, dates as dates, CSV that Excel reads. */
class SpreadsheetExportTest {

    record Line(String title, LocalDate due, LocalDateTime at, BigDecimal score, Integer count) {
    }

    static final List<Column<Line>> COLUMNS = List.of(
            new Column<>("标题", 30, Line::title),
            new Column<>("整改期限", 12, Line::due),
            new Column<>("时间", 16, Line::at),
            new Column<>("得分", 8, Line::score),
            new Column<>("次数", 8, Line::count));

    static final List<String> DANGEROUS = List.of("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(1)", "\tcmd", "\r=1",
            "=cmd|' /C calc'!A0", " =1", "\u3000\n+1", "  @SUM(1)");

    @Test
    void textThatASpreadsheetWouldRunGetsAnApostropheAndOtherTextStaysAsItIs() {
        for (String text : DANGEROUS) {
            assertThat(SpreadsheetExport.neutralised(text)).as(text).isEqualTo("'" + text);
        }
        for (String text : List.of("台账不全", "1+1", "a=b", "'=1", "Q4-07", "  ", " 台账 -1")) {
            assertThat(SpreadsheetExport.neutralised(text)).as(text).isEqualTo(text);
        }
        assertThat(SpreadsheetExport.neutralised("")).isEmpty();
        assertThat(SpreadsheetExport.neutralised(null)).isNull();
    }

    @Test
    void csvIsUtf8WithByteOrderMarkQuotedAsRfc4180WithFormulasNeutralised() throws IOException {
        List<Line> lines = List.of(
                new Line("三会一课,记录\"缺失\"\n第二行", LocalDate.of(2026, 12, 1), LocalDateTime.of(2026, 11, 2, 9, 5), new BigDecimal("88.50"), 2),
                new Line("=HYPERLINK(\"http://x\")", null, null, null, null),
                new Line("-1", null, null, new BigDecimal("-1"), -1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SpreadsheetExport.writeCsv(out, COLUMNS, lines);

        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        assertThat(text).startsWith("标题,整改期限,时间,得分,次数\r\n")
                .contains("\"三会一课,记录\"\"缺失\"\"\n第二行\",2026-12-01,2026-11-02 09:05,88.50,2\r\n");
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text)).getRecords();
        assertThat(records).hasSize(4);
        assertThat(records.get(1).get(0)).isEqualTo("三会一课,记录\"缺失\"\n第二行");
        assertThat(records.get(2).get(0)).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(records.get(2).get(1)).isEmpty();
        // a number is a number: only text is neutralised
        assertThat(records.get(3).toList()).containsExactly("'-1", "", "", "-1", "-1");
    }

    @Test
    void workbookHasAFrozenHeaderRealDateCellsAndNeutralisedText() throws IOException {
        List<Line> lines = DANGEROUS.stream().map(t -> new Line(t, LocalDate.of(2026, 12, 1), LocalDateTime.of(2026, 11, 2, 9, 5),
                new BigDecimal("88.5"), 3)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        SpreadsheetExport.writeXlsx(out, COLUMNS, List.of(new Sheet<>("全部", lines), new Sheet<>("河西镇[1]", lines.subList(0, 1)),
                new Sheet<>("全部", List.of())));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(1)).isEqualTo("河西镇_1_");
            assertThat(workbook.getSheetName(2)).isEqualTo("全部(2)");
            XSSFSheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getColumnWidth(0)).isEqualTo(30 * 256);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("标题");
            assertThat(sheet.getLastRowNum()).isEqualTo(DANGEROUS.size());
            for (int r = 1; r <= DANGEROUS.size(); r++) {
                assertThat(sheet.getRow(r).getCell(0).getCellType()).isEqualTo(CellType.STRING);
                assertThat(sheet.getRow(r).getCell(0).getStringCellValue()).isEqualTo("'" + DANGEROUS.get(r - 1));
            }
            var due = sheet.getRow(1).getCell(1);
            assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(due)).isTrue();
            assertThat(due.getLocalDateTimeCellValue()).isEqualTo(LocalDate.of(2026, 12, 1).atStartOfDay());
            assertThat(sheet.getRow(1).getCell(2).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2026, 11, 2, 9, 5));
            assertThat(sheet.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(88.5);
            assertThat(sheet.getRow(1).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("0.00");
            assertThat(workbook.getSheetAt(2).getLastRowNum()).isZero();
        }
    }

    @Test
    void aChineseFileNameTravelsAsRfc5987WithAnAsciiFallback() {
        assertThat(SpreadsheetExport.attachment("整改台账 2026.xlsx", "rectifications 2026\".xlsx"))
                .isEqualTo("attachment; filename=\"rectifications_2026_.xlsx\"; "
                        + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6%202026.xlsx");
    }
}
