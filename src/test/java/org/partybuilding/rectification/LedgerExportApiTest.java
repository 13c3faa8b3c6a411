package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.byLessThan;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.Domain;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The ledger list's town and domain filters and its exports over real HTTP with the demo city. Every export is read
 * back (Apache POI, Commons CSV) and compared with the JSON list of the same filters and the same caller. mao.jianjun is
 * on the staff of 河西镇, li.changfu the secretary of 李家村 (in 河西镇), 华宁纺织 a non-public enterprise of 河西镇
 * supervised by the 两新 sector committee, 幸福社区 in 城南街道.
 */
@IntegrationTest
class LedgerExportApiTest {

    static final String ORG_DEPT = "zhao.min";
    static final String TOWN_STAFF = "mao.jianjun";
    static final String SECRETARY = "li.changfu";
    static final String TOWN = "town-hexi";
    static final String OTHER_TOWN = "town-longquan";
    static final String VILLAGE = "village-lijia";
    static final String ENTERPRISE = "npe-huaning-textile";
    static final String SECTOR = "sector-two-new";
    static final String COMMUNITY = "community-xingfu";
    static final String SUBDISTRICT = "subd-chengnan";
    static final List<String> HEADERS = List.of("编号", "组织", "组织代码", "所属镇街", "来源", "来源编号", "标题", "问题描述", "严重程度",
            "整改期限", "状态", "退回次数", "发起时间", "销号（撤销）时间");
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(1)", "=cmd|' /C calc'!A0", " =1+1");

    @Autowired DirectoryService directory;
    @Autowired ProcessTestSupport process;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @LocalServerPort int port;

    Http http;
    Map<String, Long> opened = new HashMap<>();

    @BeforeEach
    void openItems() {
        http = new Http(port);
        opened.put(FORMULAS.get(0), open(VILLAGE, FORMULAS.get(0)));
        opened.put(FORMULAS.get(1), open(VILLAGE, FORMULAS.get(1)));
        opened.put(FORMULAS.get(2), open(ENTERPRISE, FORMULAS.get(2)));
        opened.put(FORMULAS.get(3), open("village-longquan", FORMULAS.get(3)));
        opened.put(FORMULAS.get(4), open(VILLAGE, FORMULAS.get(4)));
        opened.put(FORMULAS.get(5), open(VILLAGE, FORMULAS.get(5)));
        opened.put("community", open(COMMUNITY, "台账不全"));
        opened.put("town", open(TOWN, "镇党委会议记录不全"));
    }

    @Test
    void townAndDomainFiltersKeepTheCallersScope() {
        List<String> hexi = directory.overseenOrganizationIds(TOWN);
        JsonNode inTown = list("?source=OTHER&town=" + TOWN, ORG_DEPT);
        assertThat(ids(inTown)).contains(opened.get("=HYPERLINK(\"http://x\")"), opened.get("-1"), opened.get("town"))
                .doesNotContain(opened.get("@SUM(1)"), opened.get("community"));
        inTown.forEach(row -> assertThat(hexi).contains(row.get("organizationId").asText()));

        assertThat(ids(list("?source=OTHER&town=" + TOWN + "&domain=VILLAGE", ORG_DEPT))).contains(opened.get("+1"))
                .doesNotContain(opened.get("-1"), opened.get("town"));
        JsonNode enterprises = list("?source=OTHER&domain=NON_PUBLIC_ENTERPRISE", ORG_DEPT);
        assertThat(ids(enterprises)).contains(opened.get("-1")).doesNotContain(opened.get("+1"), opened.get("community"));
        enterprises.forEach(row -> assertThat(directory.organization(row.get("organizationId").asText()).orElseThrow().domain())
                .isEqualTo(Domain.NON_PUBLIC_ENTERPRISE));
        // the sector committee supervises the enterprise: its subtree has it, while the enterprise's town stays 河西镇
        assertThat(ids(list("?source=OTHER&town=" + SECTOR, ORG_DEPT))).contains(opened.get("-1")).doesNotContain(opened.get("+1"));

        // out of scope: nothing, never more than the caller sees
        assertThat(list("?town=" + OTHER_TOWN, TOWN_STAFF)).isEmpty();
        assertThat(ids(list("?source=OTHER&town=" + TOWN, TOWN_STAFF))).contains(opened.get("+1"), opened.get("-1"));
        assertThat(list("?town=city&domain=COMMUNITY", TOWN_STAFF)).isEmpty();
        JsonNode own = list("?town=city", SECRETARY);
        assertThat(ids(own)).contains(opened.get("+1")).doesNotContain(opened.get("-1"));
        own.forEach(row -> assertThat(row.get("organizationId").asText()).isEqualTo(VILLAGE));
    }

    @Test
    void rowsCarryTheOrganizationsNameAndTown() {
        Map<Long, JsonNode> rows = new HashMap<>();
        list("?source=OTHER", ORG_DEPT).forEach(row -> rows.put(row.get("id").asLong(), row));

        assertRow(rows.get(opened.get("+1")), VILLAGE, TOWN);
        assertRow(rows.get(opened.get("-1")), ENTERPRISE, TOWN);
        assertRow(rows.get(opened.get("community")), COMMUNITY, SUBDISTRICT);
        assertRow(rows.get(opened.get("town")), TOWN, TOWN);
        assertThat(rows.get(opened.get("+1")).get("title").asText()).isEqualTo("+1");
        assertThat(rows.get(opened.get("+1")).has("history")).isFalse();
        assertThat(rows.get(opened.get("+1")).get("createdAt").asText()).isNotEmpty();
        assertThat(rows.get(opened.get("+1")).get("closedAt").isNull()).isTrue();
    }

    @Test
    void badFiltersAndBadIdsAreAnsweredInChinese() {
        for (String path : List.of("/api/rectifications?domain=MOON", "/api/rectifications/export.xlsx?domain=MOON",
                "/api/rectifications/export.csv?domain=MOON")) {
            Http.Response bad = http.get(path, ORG_DEPT);
            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("domain");
            assertThat(bad.json().get("message").asText()).contains("MOON", "应为以下之一", "VILLAGE");
        }
        for (String path : List.of("/api/rectifications?town=no-such-town", "/api/rectifications/export.csv?town=no-such-town")) {
            Http.Response bad = http.get(path, TOWN_STAFF);
            assertThat(bad.status()).as(path).isEqualTo(400);
            assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("town");
            assertThat(bad.json().get("message").asText()).isEqualTo("组织 no-such-town 不存在，无法按所属镇街（组织）筛选");
        }
        // the exports are not taken for an item's id, and an id that is no number is still the item's 400
        Http.Response notAnId = http.get("/api/rectifications/abc", ORG_DEPT);
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().at("/errors/0/field").asText()).isEqualTo("id");
        assertThat(http.get("/api/rectifications/export.pdf", ORG_DEPT).status()).isEqualTo(400);
        assertThat(http.get("/api/rectifications/999999999", ORG_DEPT).status()).isEqualTo(404);
    }

    @Test
    void theWorkbookHoldsExactlyTheListsRowsWithChineseHeadersAndNeutralisedFormulas() throws IOException {
        JsonNode json = list("?source=OTHER", ORG_DEPT);
        Http.Download download = http.download("/api/rectifications/export.xlsx?source=OTHER", ORG_DEPT);

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        String today = process.today().toString();
        assertThat(download.contentDisposition()).isEqualTo("attachment; filename=\"rectification-ledger-" + today + ".xlsx\"; "
                + "filename*=UTF-8''%E6%95%B4%E6%94%B9%E5%8F%B0%E8%B4%A6-" + today + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            XSSFSheet all = workbook.getSheet("全部");
            assertThat(workbook.getSheetIndex(all)).isZero();
            assertThat(texts(all.getRow(0))).isEqualTo(HEADERS);
            assertThat(all.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheetIds(all)).isEqualTo(ids(json));

            Map<Long, Row> rows = new HashMap<>();
            for (int r = 1; r <= all.getLastRowNum(); r++) {
                rows.put((long) all.getRow(r).getCell(0).getNumericCellValue(), all.getRow(r));
            }
            for (String formula : FORMULAS) {
                Row row = rows.get(opened.get(formula));
                assertThat(row.getCell(6).getStringCellValue()).isEqualTo("'" + formula);
                assertThat(row.getCell(6).getCellType()).isEqualTo(CellType.STRING);
            }
            Map<Long, JsonNode> byId = byId(json);
            for (long id : opened.values()) {
                JsonNode item = byId.get(id);
                Row row = rows.get(id);
                assertThat(row.getCell(1).getStringCellValue()).isEqualTo(item.get("organizationName").asText());
                assertThat(row.getCell(2).getStringCellValue()).isEqualTo(item.get("organizationId").asText());
                assertThat(row.getCell(3).getStringCellValue()).isEqualTo(item.get("townName").asText());
                assertThat(row.getCell(4).getStringCellValue()).isEqualTo(Source.valueOf(item.get("source").asText()).label());
                assertThat(row.getCell(8).getStringCellValue()).isEqualTo(Severity.valueOf(item.get("severity").asText()).label());
                assertThat(DateUtil.isCellDateFormatted(row.getCell(9))).isTrue();
                assertThat(row.getCell(9).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.parse(item.get("dueDate").asText()));
                assertThat(row.getCell(10).getStringCellValue()).isEqualTo(Status.valueOf(item.get("status").asText()).label());
                assertThat(row.getCell(11).getNumericCellValue()).isEqualTo(item.get("rejections").asDouble());
                assertThat(DateUtil.isCellDateFormatted(row.getCell(12))).isTrue();
                // in the city's time, as a date cell
                assertThat(row.getCell(12).getLocalDateTimeCellValue()).isCloseTo(OffsetDateTime.parse(item.get("createdAt").asText())
                        .atZoneSameInstant(ZoneId.of("Asia/Shanghai")).toLocalDateTime(), byLessThan(1, ChronoUnit.SECONDS));
            }

            // one sheet per town, each with exactly that town's rows of the list, in directory order
            String hexi = directory.organization(TOWN).orElseThrow().name();
            String chengnan = directory.organization(SUBDISTRICT).orElseThrow().name();
            assertThat(workbook.getSheetIndex(hexi)).isPositive().isLessThan(workbook.getSheetIndex(chengnan));
            assertThat(sheetIds(workbook.getSheet(hexi))).isEqualTo(idsInTown(json, TOWN));
            assertThat(sheetIds(workbook.getSheet(chengnan))).isEqualTo(idsInTown(json, SUBDISTRICT));
        }
    }

    @Test
    void theCsvHoldsExactlyTheListsRowsForATownsStaff() throws IOException {
        JsonNode json = list("?source=OTHER&domain=VILLAGE", TOWN_STAFF);
        Http.Download download = http.download("/api/rectifications/export.csv?source=OTHER&domain=VILLAGE", TOWN_STAFF);

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(download.contentDisposition()).contains("filename=\"rectification-ledger-", ".csv\"", "filename*=UTF-8''%E6%95%B4");
        Csv csv = csv(download.body());
        assertThat(csv.headers()).isEqualTo(HEADERS);
        assertThat(csv.rows().stream().map(r -> Long.parseLong(r.get(0))).toList()).isEqualTo(ids(json)).contains(opened.get("+1"))
                .doesNotContain(opened.get("-1"), opened.get("@SUM(1)"));
        Map<Long, JsonNode> items = byId(json);
        Map<Long, CSVRecord> byId = new HashMap<>();
        csv.rows().forEach(r -> byId.put(Long.parseLong(r.get(0)), r));
        assertThat(byId.get(opened.get("=HYPERLINK(\"http://x\")")).get("标题")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(byId.get(opened.get("=cmd|' /C calc'!A0")).get("标题")).isEqualTo("'=cmd|' /C calc'!A0");
        assertThat(byId.get(opened.get(" =1+1")).get("标题")).isEqualTo("' =1+1");
        CSVRecord plusOne = byId.get(opened.get("+1"));
        assertThat(plusOne.get("标题")).isEqualTo("'+1");
        assertThat(plusOne.get("所属镇街")).isEqualTo(directory.organization(TOWN).orElseThrow().name());
        assertThat(plusOne.get("整改期限")).isEqualTo(items.get(opened.get("+1")).get("dueDate").asText());
        assertThat(plusOne.get("状态")).isEqualTo(Status.OPEN.label());
        assertThat(plusOne.get("问题描述")).isEqualTo("导出测试");
    }

    @Test
    void aSecretaryExportsHerOwnItemsOnlyAndAStrangerNothing() throws IOException {
        JsonNode json = list("", SECRETARY);
        List<CSVRecord> rows = csv(http.download("/api/rectifications/export.csv", SECRETARY).body()).rows();
        assertThat(rows.stream().map(r -> Long.parseLong(r.get(0))).toList()).isEqualTo(ids(json)).contains(opened.get("+1"));
        assertThat(rows).allSatisfy(r -> assertThat(r.get("组织代码")).isEqualTo(VILLAGE));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                http.download("/api/rectifications/export.xlsx?town=" + OTHER_TOWN, TOWN_STAFF).body()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            assertThat(workbook.getSheetAt(0).getLastRowNum()).isZero();
        }

        for (String path : List.of("/api/rectifications/export.xlsx", "/api/rectifications/export.csv")) {
            Http.Response anonymous = http.getAnonymous(path);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.body()).doesNotContain("编号");
        }
    }

    private void assertRow(JsonNode row, String organizationId, String townId) {
        assertThat(row.get("organizationId").asText()).isEqualTo(organizationId);
        assertThat(row.get("organizationName").asText()).isEqualTo(directory.organization(organizationId).orElseThrow().name());
        assertThat(row.get("townId").asText()).isEqualTo(townId);
        assertThat(row.get("townName").asText()).isEqualTo(directory.organization(townId).orElseThrow().name());
    }

    private long open(String organizationId, String title) {
        String body = "{\"organizationId\":\"" + organizationId + "\",\"source\":\"OTHER\",\"sourceRef\":\"export-test\","
                + "\"title\":\"" + title.replace("\"", "\\\"") + "\",\"description\":\"导出测试\",\"severity\":\"LOW\","
                + "\"dueDate\":\"" + process.workingDay(20) + "\"}";
        Http.Response response = http.post("/api/rectifications", ORG_DEPT, body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    private JsonNode list(String query, String user) {
        Http.Response response = http.get("/api/rectifications" + query, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().size()).as("the list is below its cap").isLessThan(RectificationService.LIST_LIMIT);
        return response.json();
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.get("id").asLong()));
        return ids;
    }

    private static List<Long> idsInTown(JsonNode rows, String townId) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(row -> {
            if (townId.equals(row.get("townId").asText(null))) {
                ids.add(row.get("id").asLong());
            }
        });
        return ids;
    }

    private static List<Long> sheetIds(XSSFSheet sheet) {
        List<Long> ids = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            ids.add((long) sheet.getRow(r).getCell(0).getNumericCellValue());
        }
        return ids;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    private static Map<Long, JsonNode> byId(JsonNode rows) {
        Map<Long, JsonNode> byId = new HashMap<>();
        rows.forEach(row -> byId.put(row.get("id").asLong(), row));
        return byId;
    }

    record Csv(List<String> headers, List<CSVRecord> rows) {
    }

    /**
     * An export stops at {@link RectificationService#EXPORT_LIMIT} rows and says so ({@code X-Export-Truncated}); one
     * within the limit does not. The rows over the limit are written straight into the ledger, and removed after.
     */
    @Test
    void anExportOverTheLimitIsCutAndSaysSo() throws IOException {
        int limit = RectificationService.EXPORT_LIMIT;
        jdbc.sql("""
                insert into rectification_item (organization_id, source, source_ref, title, severity, issuing_organization_id,
                                                due_date, status, created_at)
                select 'village-hekou', 'OTHER', 'export-limit', '导出上限 ' || n, 'LOW', 'town-hexi', current_date + 30, 'OPEN', now()
                from generate_series(1, ?) n""").param(limit + 1).update();
        try {
            Http.Download cut = http.download("/api/rectifications/export.csv?organizationId=village-hekou", ORG_DEPT);
            assertThat(cut.status()).isEqualTo(200);
            assertThat(cut.headers().firstValue("X-Export-Truncated")).contains("true");
            assertThat(csv(cut.body()).rows()).hasSize(limit);

            Http.Download whole = http.download("/api/rectifications/export.csv?organizationId=" + VILLAGE, ORG_DEPT);
            assertThat(whole.headers().firstValue("X-Export-Truncated")).isEmpty();
        } finally {
            jdbc.sql("delete from rectification_item where source_ref = 'export-limit'").update();
        }
    }

    private static Csv csv(byte[] body) throws IOException {
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(text))) {
            return new Csv(parser.getHeaderNames(), parser.getRecords());
        }
    }
}
