package org.partybuilding.survey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.rectification.Severity;
import org.partybuilding.rectification.Source;
import org.partybuilding.rectification.Status;
import org.partybuilding.workflow.ProcessTestSupport;
import org.partybuilding.workflow.WorkingDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/surveys/{year}} over real HTTP with the demo city: the organization department (zhao.min) uploads the
 * evaluator's file; organizations below 80 get one rectification item each. Every test uses a year of its own.
 */
@IntegrationTest
class SurveyApiTest {

    static final Path EXAMPLE = Path.of("docs/examples/survey-2026.csv");
    static final int EXAMPLE_YEAR = 2026;
    static final String ORG_DEPT = "zhao.min";
    static final String HEADER = "组织编号,组织名称,总体得分,组织建设,服务群众,作风建设,评语\r\n";

    @Autowired JdbcClient jdbc;
    @Autowired ProcessTestSupport process;
    @Autowired WorkingDays workingDays;
    @Autowired SurveyResults surveyResults;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theExampleFileOpensOneItemPerOrganizationBelowTheThresholdAndTheSameFileAgainChangesNothing() throws IOException {
        byte[] example = Files.readAllBytes(EXAMPLE);
        assertThat(example).startsWith(0xEF, 0xBB, 0xBF);
        Counts before = counts();

        Http.Response first = uploadExample();
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode result = first.json();
        assertThat(result.get("created").asBoolean()).isTrue();
        assertThat(result.get("rows").asInt()).isEqualTo(12);
        assertThat(result.get("belowThreshold").asInt()).isEqualTo(3);
        assertThat(result.get("itemsOpened").asInt()).isEqualTo(3);
        assertThat(result.get("alreadyHadItems").asInt()).isZero();
        assertThat(counts()).isEqualTo(before.plus(1, 12, 3));

        List<Map<String, Object>> items = surveyItems(EXAMPLE_YEAR);
        assertThat(items).extracting(i -> i.get("organization_id"))
                .containsExactlyInAnyOrder("village-wangzhuang", "community-nanhu", "npe-yunfan-tech");
        Map<String, Object> wangzhuang = item(items, "village-wangzhuang");
        assertThat(wangzhuang.get("title")).isEqualTo("满意度测评得分偏低（72.50 分）");
        assertThat(wangzhuang.get("source_ref")).isEqualTo("2026年度测评");
        assertThat(wangzhuang.get("severity")).isEqualTo(Severity.MEDIUM.name());
        assertThat(wangzhuang.get("issuing_organization_id")).isEqualTo("town-hexi");
        assertThat((String) wangzhuang.get("description")).contains("总体得分 72.50 分", "服务群众 68.50 分", "村务公开不及时");
        assertThat(((java.sql.Date) wangzhuang.get("due_date")).toLocalDate()).isEqualTo(workingDays.plus(process.today(), 20));
        assertThat(wangzhuang.get("process_instance_id")).isNotNull();
        assertThat(item(items, "npe-yunfan-tech").get("severity")).isEqualTo(Severity.HIGH.name());

        JsonNode view = http.get("/api/surveys/" + EXAMPLE_YEAR, ORG_DEPT).json();
        assertThat(view.get("upload").get("fileName").asText()).isEqualTo("survey-2026.csv");
        assertThat(view.get("upload").get("format").asText()).isEqualTo("CSV (UTF-8)");
        assertThat(view.get("upload").get("uploadedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(view.get("upload").get("sha256").asText()).hasSize(64);
        assertThat(view.get("upload").get("itemNames")).extracting(JsonNode::asText).containsExactly("组织建设", "服务群众", "作风建设");
        JsonNode wangzhuangResult = result(view, "village-wangzhuang");
        assertThat(wangzhuangResult.get("overallScore").decimalValue()).isEqualByComparingTo("72.50");
        assertThat(wangzhuangResult.get("belowThreshold").asBoolean()).isTrue();
        assertThat(wangzhuangResult.get("itemScores").fieldNames()).toIterable().containsExactly("组织建设", "服务群众", "作风建设");
        assertThat(wangzhuangResult.get("rectification").get("id").asLong()).isEqualTo(wangzhuang.get("id"));
        assertThat(wangzhuangResult.get("rectification").get("status").asText()).isEqualTo(Status.OPEN.name());
        assertThat(result(view, "community-beimen").get("belowThreshold").asBoolean()).as("80 is not below 80").isFalse();
        assertThat(result(view, "community-beimen").has("rectification")).isFalse();

        Map<String, BigDecimal> scores = surveyResults.overallScores(EXAMPLE_YEAR);
        assertThat(scores).hasSize(12).containsEntry("village-lijia", new BigDecimal("91.50"))
                .containsEntry("npe-yunfan-tech", new BigDecimal("58.50"));
        assertThat(surveyResults.overallScores(2001)).isEmpty();

        Http.Response again = uploadExample();
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("created").asBoolean()).isFalse();
        assertThat(again.json().get("message").asText()).contains("未重复导入");
        assertThat(again.json().get("itemsOpened").asInt()).isZero();
        assertThat(counts()).isEqualTo(before.plus(1, 12, 3));
    }

    @Test
    void aGbkCsvFromExcelOnChineseWindowsIsReadWithNamesInsteadOfIds() {
        int year = 2024;
        String csv = "组织名称,总体得分,服务群众,评语\r\n"
                + "李家村,88,90,\"村里路灯修好了，\r\n群众满意\"\r\n"
                + "中共青禾市河西镇河口村委员会,79.99,70,\r\n"
                + "\r\n"
                + "龙泉镇青山村, 90.5 ,,不错\r\n";
        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "测评结果.csv", csv.getBytes(Charset.forName("GBK")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("rows").asInt()).isEqualTo(3);
        assertThat(answer.json().get("itemsOpened").asInt()).isEqualTo(1);

        JsonNode view = http.get("/api/surveys/" + year, ORG_DEPT).json();
        assertThat(view.get("upload").get("format").asText()).isEqualTo("CSV (GBK)");
        assertThat(view.get("upload").get("fileName").asText()).isEqualTo("测评结果.csv");
        assertThat(result(view, "village-lijia").get("comment").asText()).isEqualTo("村里路灯修好了，\r\n群众满意");
        assertThat(result(view, "village-lijia").get("itemScores").get("服务群众").decimalValue()).isEqualByComparingTo("90");
        assertThat(result(view, "village-hekou").get("rectification").get("status").asText()).isEqualTo("OPEN");
        assertThat(result(view, "village-qingshan").get("overallScore").decimalValue()).isEqualByComparingTo("90.50");
        assertThat(result(view, "village-qingshan").get("itemScores").size()).isZero();
        assertThat(surveyItems(year)).extracting(i -> i.get("organization_id")).containsExactly("village-hekou");
    }

    @Test
    void anXlsxWorkbookIsRecognisedByItsContentWhateverItsName() {
        int year = 2023;
        byte[] workbook = xlsx(List.of(
                List.of("organizationId", "overallScore", "党员教育", "comment"),
                List.of("village-hekou", 72.5, 60, "学习教育不经常"),
                List.of("soe-water", 95, 96.25, ""),
                List.of("agency-education", "81.5", "", "")));
        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "results.csv", workbook);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("rows").asInt()).isEqualTo(3);
        assertThat(answer.json().get("belowThreshold").asInt()).isEqualTo(1);

        JsonNode view = http.get("/api/surveys/" + year, ORG_DEPT).json();
        assertThat(view.get("upload").get("format").asText()).isEqualTo("XLSX");
        assertThat(result(view, "village-hekou").get("overallScore").decimalValue()).isEqualByComparingTo("72.50");
        assertThat(result(view, "village-hekou").get("comment").asText()).isEqualTo("学习教育不经常");
        assertThat(result(view, "soe-water").get("itemScores").get("党员教育").decimalValue()).isEqualByComparingTo("96.25");
        assertThat(result(view, "agency-education").get("overallScore").decimalValue()).isEqualByComparingTo("81.50");
        assertThat(surveyItems(year)).extracting(i -> i.get("title")).containsExactly("满意度测评得分偏低（72.50 分）");
    }

    @Test
    void everyBadRowIsListedWithItsLineAndNothingIsStored() {
        int year = 2022;
        String csv = HEADER
                + "village-lijia,,85,80,80,80,\r\n"                                    // 2 fine
                + "village-nowhere,,85,,,,\r\n"                                       // 3 unknown id
                + ",青禾市不存在的村,85,,,,\r\n"                                          // 4 name matching none
                + ",河西镇,85,,,,\r\n"                                                // 5 name matching several
                + "village-hekou,中共青禾市龙泉镇青山村支部委员会,85,,,,\r\n"             // 6 id and name disagree
                + "village-lijia,李家村,70,,,,\r\n"                                   // 7 listed twice (rows 2 and 7)
                + "village-wangzhuang,,,,,,\r\n"                                      // 8 overall score missing
                + "village-donggang,,八十,,,,\r\n"                                    // 9 not a number
                + "village-liushuwan,,100.5,,,,\r\n"                                  // 10 out of range
                + "village-qingshan,,85,-1,,,\r\n"                                    // 11 item score out of range
                + "village-taoyuan,,85.125,,,,\r\n"                                   // 12 too many decimals
                + ",,,,,,\r\n";                                                       // 13 blank: skipped
        Counts before = counts();
        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "bad.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode errors = answer.json().get("errors");
        assertThat(errors).extracting(e -> e.get("line").asInt()).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        assertThat(answer.json().get("message").asText()).isEqualTo("测评文件有 10 处错误，未导入任何数据");
        assertThat(message(errors, 3)).contains("组织编号“village-nowhere”不存在");
        assertThat(message(errors, 4)).contains("与目录中的任何组织都不匹配");
        assertThat(message(errors, 5)).contains("与 ", "个组织匹配", "请填写全称或组织编号");
        assertThat(message(errors, 6)).contains("与组织名称", "不一致");
        assertThat(message(errors, 7)).contains("在第 2 行和第 7 行重复出现");
        assertThat(message(errors, 8)).contains("总体得分未填写");
        assertThat(message(errors, 9)).contains("“八十”不是数字");
        assertThat(message(errors, 10)).contains("100.5 超出范围");
        assertThat(message(errors, 11)).contains("组织建设 -1 超出范围");
        assertThat(message(errors, 12)).contains("85.125 的小数超过两位");
        assertThat(errors.get(9).get("field").asText()).isEqualTo("总体得分");
        assertThat(counts()).isEqualTo(before);
        assertThat(http.get("/api/surveys/" + year, ORG_DEPT).status()).isEqualTo(404);
    }

    @Test
    void aFileThatIsNoSurveyIsRefusedWithAChineseReasonAndNothingIsStored() {
        int year = 2022;
        int thisYear = process.today().getYear();
        byte[] valid = (HEADER + "village-lijia,,85,,,,\r\n").getBytes(StandardCharsets.UTF_8);
        Counts before = counts();
        List<Object[]> cases = new ArrayList<>(List.of(
                new Object[] {year, new byte[0], "file", "上传的测评文件为空"},
                new Object[] {year, HEADER.getBytes(StandardCharsets.UTF_8), "file", "只有表头，没有测评数据"},
                new Object[] {year, "组织编号,组织建设\r\nvillage-lijia,85\r\n".getBytes(StandardCharsets.UTF_8), "file", "缺少“总体得分”列"},
                new Object[] {year, "总体得分,评语\r\n85,好\r\n".getBytes(StandardCharsets.UTF_8), "file", "缺少“组织编号”或“组织名称”列"},
                new Object[] {year, "组织编号,总体得分,总体得分\r\nvillage-lijia,85,85\r\n".getBytes(StandardCharsets.UTF_8), "总体得分",
                        "出现了两次"},
                new Object[] {year, (HEADER + "village-lijia,,85,,,,\"未结束的评语\r\n").getBytes(StandardCharsets.UTF_8), "file",
                        "第 2 行附近有未配对的英文双引号"},
                new Object[] {year, (HEADER + "village-lijia,,85,,,,,90\r\n").getBytes(StandardCharsets.UTF_8), "H",
                        "第 H 列没有表头"},
                new Object[] {1999, valid, "year", "应在 2000 年到 " + thisYear + " 年之间"},
                new Object[] {thisYear + 1, valid, "year", "应在 2000 年到"},
                new Object[] {year, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0},
                        "file", "请另存为 .xlsx 或 CSV"},
                new Object[] {year, zip(), "file", "不是可以打开的 Excel 工作簿"},
                new Object[] {year, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D}, "file", "不是 CSV 或 Excel"},
                new Object[] {year, concat(HEADER.getBytes(StandardCharsets.UTF_8), new byte[] {'x', ',', (byte) 0xFF, (byte) 0x80, '\r', '\n'}),
                        "file", "无法识别文件编码"}));
        for (Object[] c : cases) {
            Http.Response answer = http.upload("/api/surveys/" + c[0], ORG_DEPT, "survey.csv", (byte[]) c[1]);
            assertThat(answer.status()).as(c[3] + ": " + answer.body()).isEqualTo(400);
            JsonNode error = answer.json().get("errors").get(0);
            assertThat(error.get("field").asText()).as(answer.body()).isEqualTo(c[2]);
            assertThat(error.get("message").asText()).as(answer.body()).contains((String) c[3]);
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aBrokenHugeOrBombedFileIsRefusedInChineseAndTheYearsResultsStayAsTheyWere() {
        int year = 2017;
        Http.Response good = http.upload("/api/surveys/" + year, ORG_DEPT, "good.csv",
                (HEADER + "village-lijia,,85,80,80,80,好\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(good.status()).as(good.body()).isEqualTo(201);
        String resultsBefore = http.get("/api/surveys/" + year, ORG_DEPT).body();
        Counts before = counts();
        byte[] workbook = xlsx(List.of(List.of("组织编号", "总体得分"), List.of("village-lijia", 60)));
        List<List<String>> farColumn = new ArrayList<>(List.of(List.of("组织编号", "总体得分")));
        List<String> wide = new ArrayList<>(List.of("village-lijia", "60"));
        while (wide.size() < 300) {
            wide.add("1");
        }
        farColumn.add(wide);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("truncated .xlsx", java.util.Arrays.copyOf(workbook, workbook.length / 2));
        files.put(".xlsx ZIP bomb", xlsxBomb(workbook));
        files.put(".xlsx of too many rows", xlsxOfRows(SurveyFileReader.MAX_ROWS + 1));
        files.put(".xlsx of too many columns", xlsx(farColumn.stream().map(r -> List.<Object>copyOf(r)).toList()));
        files.put("CSV of too many columns", (String.join(",", wide) + "\r\n").getBytes(StandardCharsets.UTF_8));
        files.put("UTF-16LE with BOM", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, HEADER.getBytes(StandardCharsets.UTF_16LE)));
        files.put("UTF-16BE with BOM", concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, HEADER.getBytes(StandardCharsets.UTF_16BE)));
        files.put("UTF-16LE without BOM", (HEADER + "village-lijia,,60,,,,\r\n").getBytes(StandardCharsets.UTF_16LE));
        files.put("Latin-1", (HEADER + "village-lijia,,60,,,,caf\u00e9, na\u00efve\r\n").getBytes(StandardCharsets.ISO_8859_1));
        files.put("truncated CSV", (HEADER + "village-lijia,,60,,,,\"评语未").getBytes(StandardCharsets.UTF_8));
        Map<String, String> messages = Map.of(
                "truncated .xlsx", "可能已损坏或未完整上传",
                ".xlsx ZIP bomb", "疑似压缩炸弹",
                ".xlsx of too many rows", "文件超过 100000 行",
                ".xlsx of too many columns", "第 2 行超过 200 列",
                "CSV of too many columns", "第 1 行超过 200 列",
                "UTF-16LE with BOM", "不支持 UTF-16",
                "UTF-16BE with BOM", "不支持 UTF-16",
                "UTF-16LE without BOM", "不是 CSV 或 Excel",
                "Latin-1", "无法识别文件编码",
                "truncated CSV", "未配对的英文双引号");

        files.forEach((what, content) -> {
            long started = System.nanoTime();
            Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "survey.xlsx", content);
            assertThat(answer.status()).as(what + ": " + answer.body()).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("message").asText()).as(what).contains(messages.get(what));
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as(what).isLessThan(java.time.Duration.ofSeconds(20));
        });

        assertThat(counts()).isEqualTo(before);
        assertThat(http.get("/api/surveys/" + year, ORG_DEPT).body()).isEqualTo(resultsBefore);
    }

    @Test
    void aFileOverTheUploadLimitIsRefusedWith413InChineseBeforeItIsRead() {
        int year = 2016;
        byte[] huge = new byte[5 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) '1');
        Counts before = counts();

        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "huge.csv", huge);

        assertThat(answer.status()).as(answer.body()).isEqualTo(413);
        assertThat(answer.json().get("message").asText()).isEqualTo("请求内容过大，上限为 5 MB");
        assertThat(counts()).isEqualTo(before);
        assertThat(http.get("/api/surveys/" + year, ORG_DEPT).status()).isEqualTo(404);
    }

    /**
     * Columns: the organization (编号 or 名称) and 总体得分 are required, a header twice is refused, a value under no header
     * is refused; any other header is an item score, so an unknown text column is refused cell by cell as not a number.
     */
    @Test
    void anUnknownColumnIsTakenForAnItemScoreAndItsTextIsRefusedByRow() {
        int year = 2015;
        Counts before = counts();

        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "survey.csv",
                "组织编号,总体得分,备注\r\nvillage-lijia,85,已核实\r\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(message(answer.json().get("errors"), 2)).contains("备注", "“已核实”不是数字");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aCommentWrittenAsAFormulaIsStoredAsTextAndNeverExportedAsAFormula() throws IOException {
        int year = 2014;
        String formula = "=cmd|' /C calc'!A0";
        String csv = HEADER + "village-wangzhuang,,60,,,,\"" + formula + "\"\r\n";

        Http.Response answer = http.upload("/api/surveys/" + year, ORG_DEPT, "survey.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode view = http.get("/api/surveys/" + year, ORG_DEPT).json();
        assertThat(result(view, "village-wangzhuang").get("comment").asText()).isEqualTo(formula);
        long item = result(view, "village-wangzhuang").get("rectification").get("id").asLong();
        Http.Download workbook = http.download("/api/rectifications/export.xlsx?source=SURVEY", ORG_DEPT);
        assertThat(workbook.status()).isEqualTo(200);
        try (XSSFWorkbook read = new XSSFWorkbook(new java.io.ByteArrayInputStream(workbook.body()))) {
            Sheet all = read.getSheetAt(0);
            boolean found = false;
            for (Row row : all) {
                for (org.apache.poi.ss.usermodel.Cell cell : row) {
                    assertThat(cell.getCellType()).isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA);
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                        assertThat(cell.getStringCellValue()).doesNotStartWith("=");
                    }
                }
                if (row.getRowNum() > 0 && (long) row.getCell(0).getNumericCellValue() == item) {
                    assertThat(row.getCell(7).getStringCellValue()).contains("评语：" + formula);
                    found = true;
                }
            }
            assertThat(found).isTrue();
        }
        String exported = http.download("/api/rectifications/export.csv?source=SURVEY", ORG_DEPT).text();
        assertThat(exported).contains("评语：" + formula);
        for (org.apache.commons.csv.CSVRecord record : org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(exported))) {
            for (String cell : record) {
                assertThat(cell.stripLeading()).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
            }
        }
    }

    @Test
    void aCorrectedFileReplacesTheResultsButNeverOpensASecondItemForAnOrganization() {
        int year = 2021;
        Http.Response first = http.upload("/api/surveys/" + year, ORG_DEPT, "v1.csv",
                (HEADER + "village-wangzhuang,,70,,,,\r\nvillage-hekou,,85,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("itemsOpened").asInt()).isEqualTo(1);
        long wangzhuangItem = (Long) item(surveyItems(year), "village-wangzhuang").get("id");
        Counts before = counts();

        Http.Response corrected = http.upload("/api/surveys/" + year, ORG_DEPT, "v2.csv",
                (HEADER + "village-wangzhuang,,65,,,,更正\r\nvillage-hekou,,50,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(corrected.status()).as(corrected.body()).isEqualTo(201);
        assertThat(corrected.json().get("belowThreshold").asInt()).isEqualTo(2);
        assertThat(corrected.json().get("itemsOpened").asInt()).isEqualTo(1);
        assertThat(corrected.json().get("alreadyHadItems").asInt()).isEqualTo(1);
        assertThat(corrected.json().get("message").asText()).contains("更正", "未重复开具");
        assertThat(counts()).isEqualTo(before.plus(1, 0, 1));
        assertThat(surveyItems(year)).extracting(i -> i.get("organization_id"))
                .containsExactlyInAnyOrder("village-wangzhuang", "village-hekou");

        JsonNode view = http.get("/api/surveys/" + year, ORG_DEPT).json();
        assertThat(view.get("upload").get("fileName").asText()).isEqualTo("v2.csv");
        assertThat(result(view, "village-wangzhuang").get("overallScore").decimalValue()).isEqualByComparingTo("65");
        assertThat(result(view, "village-wangzhuang").get("rectification").get("id").asLong()).isEqualTo(wangzhuangItem);
        assertThat(result(view, "village-hekou").get("rectification").get("id").asLong()).isNotEqualTo(wangzhuangItem);

        // the first file again is a correction too: its results come back, no item is opened
        Http.Response back = http.upload("/api/surveys/" + year, ORG_DEPT, "v1.csv",
                (HEADER + "village-wangzhuang,,70,,,,\r\nvillage-hekou,,85,,,,\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(back.status()).isEqualTo(201);
        assertThat(back.json().get("itemsOpened").asInt()).isZero();
        assertThat(surveyItems(year)).hasSize(2);
        assertThat(result(http.get("/api/surveys/" + year, ORG_DEPT).json(), "village-hekou").get("rectification").get("id").asLong())
                .as("the link stays while the organization is above the threshold").isPositive();
    }

    @Test
    void twoUploadsAtTheSameMomentOpenOneItemPerOrganization() throws Exception {
        int year = 2019;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Http.Response>> uploads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] file = (HEADER + "village-wangzhuang,,6" + i + ",,,,\r\nvillage-donggang,,7" + i + ",,,,\r\n").getBytes(StandardCharsets.UTF_8);
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return new Http(port).upload("/api/surveys/" + year, ORG_DEPT, "same-moment.csv", file);
            }));
        }
        start.countDown();
        for (CompletableFuture<Http.Response> upload : uploads) {
            assertThat(upload.get().status()).as(upload.get().body()).isEqualTo(201);
        }
        assertThat(uploads.stream().mapToInt(u -> u.join().json().get("itemsOpened").asInt()).sum()).isEqualTo(2);
        assertThat(surveyItems(year)).extracting(i -> i.get("organization_id"))
                .containsExactlyInAnyOrder("village-wangzhuang", "village-donggang");
    }

    @Test
    void onlyTheOrganizationDepartmentUploads() {
        int year = 2018;
        byte[] file = (HEADER + "village-lijia,,50,,,,\r\n").getBytes(StandardCharsets.UTF_8);
        Counts before = counts();
        for (String user : List.of("li.changfu", "mao.jianjun", "bai.xuefeng")) {
            Http.Response refused = http.upload("/api/surveys/" + year, user, "survey.csv", file);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部可以导入满意度测评结果");
        }
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void eachSeesTheResultsOfTheOrganizationsTheyMaySee() {
        assertThat(uploadExample().status()).isIn(200, 201);
        String path = "/api/surveys/" + EXAMPLE_YEAR;
        assertThat(organizations(http.get(path, ORG_DEPT).json())).hasSize(12);
        assertThat(organizations(http.get(path, "bai.xuefeng").json())).hasSize(12);
        assertThat(organizations(http.get(path, "mao.jianjun").json()))
                .containsExactly("village-lijia", "village-wangzhuang", "village-hekou");
        assertThat(organizations(http.get(path, "li.changfu").json())).containsExactly("village-lijia");
        JsonNode town = http.get(path, "mao.jianjun").json();
        assertThat(result(town, "village-wangzhuang").get("rectification").get("statusLabel").asText()).isEqualTo("待整改");
        assertThat(town.get("upload").get("rows").asInt()).isEqualTo(12);

        Http.Response none = http.get("/api/surveys/2005", ORG_DEPT);
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.json().get("message").asText()).isEqualTo("2005年度尚未导入满意度测评结果");
    }

    private Http.Response uploadExample() {
        try {
            return http.upload("/api/surveys/" + EXAMPLE_YEAR, ORG_DEPT, EXAMPLE.getFileName().toString(), Files.readAllBytes(EXAMPLE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Counts(long uploads, long results, long items) {

        Counts plus(long moreUploads, long moreResults, long moreItems) {
            return new Counts(uploads + moreUploads, results + moreResults, items + moreItems);
        }
    }

    private Counts counts() {
        return new Counts(count("survey_upload"), count("survey_result"), count("rectification_item"));
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private List<Map<String, Object>> surveyItems(int year) {
        return jdbc.sql("select * from rectification_item where source = ? and source_ref = ? order by id")
                .params(Source.SURVEY.name(), year + "年度测评").query().listOfRows();
    }

    private static Map<String, Object> item(List<Map<String, Object>> items, String organizationId) {
        return items.stream().filter(i -> organizationId.equals(i.get("organization_id"))).findFirst().orElseThrow();
    }

    private static JsonNode result(JsonNode view, String organizationId) {
        for (JsonNode result : view.get("results")) {
            if (result.get("organizationId").asText().equals(organizationId)) {
                return result;
            }
        }
        throw new AssertionError(organizationId + " not in " + view);
    }

    private static List<String> organizations(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.get("results").forEach(r -> ids.add(r.get("organizationId").asText()));
        return ids;
    }

    private static String message(JsonNode errors, int line) {
        for (JsonNode error : errors) {
            if (error.get("line").asInt() == line) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error on line " + line + " in " + errors);
    }

    private static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("测评结果");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object value = rows.get(r).get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (!"".equals(value)) {
                        row.createCell(c).setCellValue((String) value);
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The workbook with its sheet replaced by 200 MB of the same cell, which deflates to a few hundred KB. */
    private static byte[] xlsxBomb(byte[] workbook) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream();
                ZipOutputStream zip = new ZipOutputStream(out);
                java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook))) {
            zip.setLevel(9);
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/")) {
                    zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                            + "spreadsheetml/2006/main\"><sheetData>").getBytes(StandardCharsets.UTF_8));
                    byte[] rows = "<row><c t=\"inlineStr\"><is><t>village-lijia</t></is></c></row>".repeat(20_000)
                            .getBytes(StandardCharsets.UTF_8);
                    for (long written = 0; written < 200L * 1024 * 1024; written += rows.length) {
                        zip.write(rows);
                    }
                    zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(zip);
                }
                zip.closeEntry();
            }
            zip.finish();
            assertThat(out.size()).as("the bomb is small").isLessThan(1024 * 1024);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A header and this many data rows, written as a stream. */
    private static byte[] xlsxOfRows(int rows) {
        org.apache.poi.xssf.streaming.SXSSFWorkbook workbook = new org.apache.poi.xssf.streaming.SXSSFWorkbook(100);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("测评结果");
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("组织编号");
            header.createCell(1).setCellValue("总体得分");
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("village-lijia");
                row.createCell(1).setCellValue(85);
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
        }
    }

    private static byte[] zip() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("survey.csv"));
            zip.write(HEADER.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.finish();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
