package org.partybuilding.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import org.partybuilding.organization.Organization;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/report-cards/{year}/export.xlsx} and {@code .csv} over real HTTP: read back with Apache POI and Commons
 * CSV, they hold exactly the cards the JSON answer gives the same caller, in the same order, with every component.
 */
@IntegrationTest
class ReportCardExportApiTest {

    static final String ORG_DEPT = ReportCardApiTest.ORG_DEPT;
    static final String TOWN_STAFF = ReportCardApiTest.TOWN_STAFF;
    static final String SECRETARY = ReportCardApiTest.SECRETARY;
    static final String TOWN = ReportCardApiTest.TOWN;
    static final String OWN = ReportCardApiTest.OWN;
    static final List<String> HEADERS = List.of("排名", "组织", "组织代码", "所属镇街", "书记",
            "述职评议得分", "述职评议权重", "述职评议折合分", "问题整改得分", "问题整改权重", "问题整改折合分",
            "满意度测评得分", "满意度测评权重", "满意度测评折合分", "责任清单签订得分", "责任清单签订权重", "责任清单签订折合分",
            "党的建设杯得分", "星级", "整改事项", "整改扣分", "追责事项", "督查发现问题", "责任清单签订情况", "签订时间", "权重说明");

    @Autowired AssessmentService assessments;
    @Autowired DirectoryService directory;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    Http http;
    int year;

    @BeforeEach
    void assessAYear() {
        http = new Http(port);
        year = AssessmentTestData.unusedYear();
        AssessmentTestData data = new AssessmentTestData(jdbc);
        data.dutyReport(year, "MID_YEAR", OWN, "GRADED", 88.0, "较好");
        data.signature(year, OWN, false);
        assessments.assess(year);
    }

    @Test
    void theWorkbookHoldsEveryCardTheCallerSeesInRankOrderWithEveryComponent() throws IOException {
        JsonNode cards = cards("", ORG_DEPT);
        Http.Download download = http.download(path("xlsx", ""), ORG_DEPT);

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(download.contentDisposition()).isEqualTo("attachment; filename=\"report-cards-" + year + ".xlsx\"; filename*=UTF-8''"
                + year + "%E5%B9%B4%E5%BA%A6%E6%88%90%E7%BB%A9%E5%8D%95.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(download.body()))) {
            XSSFSheet all = workbook.getSheetAt(0);
            assertThat(all.getSheetName()).isEqualTo("全部");
            assertThat(texts(all.getRow(0))).isEqualTo(HEADERS);
            assertThat(all.getPaneInformation().isFreezePane()).isTrue();
            assertThat(organizationIds(all)).isEqualTo(ReportCardApiTest.ids(cards));

            Row own = all.getRow(1);
            JsonNode card = cards.get(0);
            assertThat(own.getCell(2).getStringCellValue()).isEqualTo(OWN);
            assertThat(own.getCell(0).getNumericCellValue()).isEqualTo(card.get("rank").asDouble());
            assertThat(own.getCell(1).getStringCellValue()).isEqualTo(card.get("organizationName").asText());
            assertThat(own.getCell(3).getStringCellValue()).isEqualTo(directory.organization(TOWN).orElseThrow().name());
            assertThat(own.getCell(4).getStringCellValue()).isEqualTo(card.get("secretaryName").asText());
            assertThat(own.getCell(5).getNumericCellValue()).isEqualTo(card.get("dutyReportScore").asDouble()).isEqualTo(88.0);
            assertThat(own.getCell(11)).as("no survey score: an empty cell, as the JSON's null").isNull();
            assertThat(own.getCell(17).getNumericCellValue()).isEqualTo(card.get("cupScore").asDouble());
            assertThat(own.getCell(18).getNumericCellValue()).isEqualTo(card.get("stars").asDouble());

            JsonNode detail = http.get("/api/report-cards/" + year + "/" + OWN, ORG_DEPT).json();
            JsonNode components = detail.at("/breakdown/components");
            for (int c = 0; c < 4; c++) {
                JsonNode component = components.get(c);
                assertThat(HEADERS.get(5 + 3 * c)).startsWith(component.get("label").asText());
                assertThat(number(own, 5 + 3 * c)).as(component.get("label").asText()).isEqualTo(number(component.get("score")));
                assertThat(number(own, 6 + 3 * c)).isEqualTo(number(component.get("weightUsed")));
                assertThat(own.getCell(6 + 3 * c).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
                assertThat(number(own, 7 + 3 * c)).isEqualTo(number(component.get("points")));
            }
            assertThat(own.getCell(23).getStringCellValue()).isEqualTo(detail.at("/breakdown/signature/label").asText());
            assertThat(DateUtil.isCellDateFormatted(own.getCell(24))).isTrue();
            // signed 10:00 city time three days before the due date, whatever the host's zone
            assertThat(own.getCell(24).getLocalDateTimeCellValue()).isEqualTo(LocalDate.of(year, 2, 24).atTime(10, 0));
            assertThat(own.getCell(25).getStringCellValue()).isEqualTo(detail.at("/breakdown/weightNote").asText());

            String hexi = directory.organization(TOWN).orElseThrow().name();
            assertThat(workbook.getSheetIndex(hexi)).isPositive();
            List<String> inTown = new ArrayList<>();
            ReportCardApiTest.ids(cards).forEach(id -> {
                if (TOWN.equals(townOf(id))) {
                    inTown.add(id);
                }
            });
            assertThat(organizationIds(workbook.getSheet(hexi))).isEqualTo(inTown).contains(OWN);
        }
    }

    @Test
    void theCsvHoldsATownsCardsForItsStaffAndTheFiltersNarrowThem() throws IOException {
        JsonNode cards = cards("", TOWN_STAFF);
        Http.Download download = http.download(path("csv", ""), TOWN_STAFF);

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.contentType()).isEqualTo("text/csv;charset=UTF-8");
        Csv csv = csv(download.body());
        assertThat(csv.headers()).isEqualTo(HEADERS);
        assertThat(csv.rows().stream().map(r -> r.get("组织代码")).toList()).isEqualTo(ReportCardApiTest.ids(cards)).contains(OWN);
        assertThat(csv.rows()).allSatisfy(r -> assertThat(r.get("所属镇街")).isEqualTo(directory.organization(TOWN).orElseThrow().name()));
        CSVRecord own = csv.rows().stream().filter(r -> OWN.equals(r.get("组织代码"))).findFirst().orElseThrow();
        assertThat(own.get("述职评议得分")).isEqualTo("88.00");
        assertThat(own.get("满意度测评得分")).isEmpty();
        assertThat(own.get("签订时间")).isEqualTo(year + "-02-24 10:00");

        List<String> villagesOfTown = new ArrayList<>();
        ReportCardApiTest.ids(cards("", ORG_DEPT)).forEach(id -> {
            if (directory.overseenOrganizationIds(TOWN).contains(id)
                    && directory.organization(id).orElseThrow().domain() == Domain.VILLAGE) {
                villagesOfTown.add(id);
            }
        });
        assertThat(csv(http.download(path("csv", "?town=" + TOWN + "&domain=VILLAGE"), ORG_DEPT).body()).rows().stream()
                .map(r -> r.get("组织代码")).toList()).isEqualTo(villagesOfTown).contains(OWN);
        assertThat(csv(http.download(path("csv", "?town=town-longquan"), TOWN_STAFF).body()).rows()).isEmpty();
    }

    @Test
    void aSecretaryExportsHerOwnCardOnly() throws IOException {
        assertThat(csv(http.download(path("csv", ""), SECRETARY).body()).rows().stream().map(r -> r.get("组织代码")).toList())
                .containsExactly(OWN);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(http.download(path("xlsx", ""), SECRETARY).body()))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            assertThat(organizationIds(workbook.getSheetAt(0))).containsExactly(OWN);
        }
    }

    /** The secretary's name comes from an uploaded directory file: text, whatever it begins with. */
    @Test
    void aSecretaryNameWrittenAsAFormulaFromTheDirectoryIsExportedAsText() throws IOException {
        String formula = "=cmd|' /C calc'!A0";
        String demo;
        try (var in = new org.springframework.core.io.ClassPathResource("directory/demo-directory.yml").getInputStream()) {
            demo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Http.Response imported = http.upload("/api/directory", ORG_DEPT, "directory.yml",
                demo.replace("name: 李长福", "name: \"" + formula + "\"").getBytes(StandardCharsets.UTF_8));
        try {
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            int formulaYear = AssessmentTestData.unusedYear();
            assessments.assess(formulaYear);
            String csvPath = "/api/report-cards/" + formulaYear + "/export.csv";
            CSVRecord own = csv(http.download(csvPath, ORG_DEPT).body()).rows().stream()
                    .filter(r -> OWN.equals(r.get("组织代码"))).findFirst().orElseThrow();
            assertThat(own.get("书记")).isEqualTo("'" + formula);
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(
                    http.download("/api/report-cards/" + formulaYear + "/export.xlsx", ORG_DEPT).body()))) {
                XSSFSheet all = workbook.getSheetAt(0);
                Row row = null;
                for (int r = 1; r <= all.getLastRowNum(); r++) {
                    if (OWN.equals(all.getRow(r).getCell(2).getStringCellValue())) {
                        row = all.getRow(r);
                    }
                }
                assertThat(row).isNotNull();
                assertThat(row.getCell(4).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                assertThat(row.getCell(4).getStringCellValue()).isEqualTo("'" + formula);
            }
        } finally {
            directory.importDirectory(new ByteArrayInputStream(demo.getBytes(StandardCharsets.UTF_8)), "demo", null, true);
        }
    }

    @Test
    void refusalsAreTheUsualChineseErrors() {
        for (String extension : List.of("xlsx", "csv")) {
            assertThat(http.getAnonymous(path(extension, "")).status()).isEqualTo(401);
            Http.Response notAssessed = http.get("/api/report-cards/" + (year + 1000) + "/export." + extension, ORG_DEPT);
            assertThat(notAssessed.status()).isEqualTo(404);
            assertThat(notAssessed.json().get("message").asText()).isEqualTo((year + 1000) + "年度尚未进行年度考核");
            Http.Response badDomain = http.get(path(extension, "?domain=MOON"), ORG_DEPT);
            assertThat(badDomain.status()).isEqualTo(400);
            assertThat(badDomain.json().at("/errors/0/field").asText()).isEqualTo("domain");
            Http.Response badTown = http.get(path(extension, "?town=no-such-town"), ORG_DEPT);
            assertThat(badTown.status()).isEqualTo(400);
            assertThat(badTown.json().get("message").asText()).isEqualTo("组织 no-such-town 不存在，无法按所属镇街（组织）筛选");
        }
    }

    private String path(String extension, String query) {
        return "/api/report-cards/" + year + "/export." + extension + query;
    }

    private JsonNode cards(String query, String user) {
        Http.Response response = http.get("/api/report-cards/" + year + query, user);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The organization's town as the README defines it: the ancestor just below the city, on the parent chain. */
    private String townOf(String organizationId) {
        Map<String, Organization> byId = new HashMap<>();
        directory.organizations().forEach(o -> byId.put(o.id(), o));
        Organization organization = byId.get(organizationId);
        while (organization.parentId() != null && byId.get(organization.parentId()).parentId() != null) {
            organization = byId.get(organization.parentId());
        }
        return organization.parentId() == null ? null : organization.id();
    }

    /** A cell's number, null for an empty cell. */
    private static Double number(Row row, int column) {
        return row.getCell(column) == null ? null : row.getCell(column).getNumericCellValue();
    }

    private static Double number(JsonNode value) {
        return value == null || value.isNull() ? null : value.asDouble();
    }

    private static List<String> organizationIds(XSSFSheet sheet) {
        List<String> ids = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            ids.add(sheet.getRow(r).getCell(2).getStringCellValue());
        }
        return ids;
    }

    private static List<String> texts(Row row) {
        List<String> texts = new ArrayList<>();
        row.forEach(cell -> texts.add(cell.getStringCellValue()));
        return texts;
    }

    record Csv(List<String> headers, List<CSVRecord> rows) {
    }

    private static Csv csv(byte[] body) throws IOException {
        assertThat(Arrays.copyOf(body, 3)).as("UTF-8 byte order mark").containsExactly(0xEF, 0xBB, 0xBF);
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().get()
                .parse(new StringReader(new String(body, 3, body.length - 3, StandardCharsets.UTF_8)))) {
            return new Csv(parser.getHeaderNames(), parser.getRecords());
        }
    }
}
