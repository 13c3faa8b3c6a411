package org.partybuilding.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/holiday-calendar} over real HTTP, the start-up load of the shipped files, and the mail about a year
 * without an arrangement. zhao.min is the organization department, li.changfu a village secretary. No test leaves an
 * arrangement behind: 2027 stays unloaded, 2025 and 2026 as shipped.
 */
@IntegrationTest
class HolidayCalendarApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG_DEPT = "zhao.min";
    private static final String SECRETARY = "li.changfu";
    private static final String CALENDAR = "/api/holiday-calendar";

    @Autowired JdbcClient jdbc;
    @Autowired WorkingDays workingDays;
    @Autowired HolidayCalendarSync sync;
    @Autowired ProcessEngine processEngine;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void backToTheShippedCalendar() {
        ClockUtil.reset();
        jdbc.sql("delete from holiday_arrangement where not shipped").update();
        sync.storeShipped();
    }

    @Test
    void theShippedYearsAreListedWithTheirSourcesAndTheNextUnloadedYearAsProvisional() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-12-01T02:00:00Z")));

        JsonNode years = http.get(CALENDAR, SECRETARY).json();

        assertThat(years.findValuesAsText("year")).containsExactly("2025", "2026", "2027");
        assertThat(years.get(0).get("origin").asText()).isEqualTo("SHIPPED");
        assertThat(years.get(0).get("source").asText()).contains("国办发明电〔2024〕12号");
        assertThat(years.get(1).get("provisional").asBoolean()).isFalse();
        assertThat(years.get(2).get("provisional").asBoolean()).isTrue();
        assertThat(years.get(2).get("origin").asText()).isEqualTo("STATUTORY");
    }

    @Test
    void anUnloadedYearShowsTheStatutoryHolidaysItCounts() {
        JsonNode year = http.get(CALENDAR + "/2027", SECRETARY).json();

        assertThat(year.get("provisional").asBoolean()).isTrue();
        assertThat(year.get("workingDays")).isEmpty();
        assertThat(year.get("holidays").get(1).toString()).isEqualTo("{\"name\":\"春节\",\"from\":\"2027-02-05\",\"to\":\"2027-02-08\"}");
        assertThat(year.get("holidays").findValuesAsText("name")).containsExactly("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节");
    }

    @Test
    void theOrganizationDepartmentLoads2027AndItTakesEffectAtOnce() {
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 20))).as("a Saturday").isFalse();

        Http.Response response = http.send("PUT", CALENDAR + "/2027", ORG_DEPT, arrangement2027().toString());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("origin").asText()).isEqualTo("UPLOADED");
        assertThat(response.json().get("loadedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(workingDays.provisional(LocalDate.of(2027, 2, 20))).isFalse();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 20))).as("adjusted working Saturday").isTrue();
        assertThat(workingDays.isWorkingDay(LocalDate.of(2027, 2, 10))).isFalse();
        assertThat(workingDays.plus(LocalDate.of(2027, 9, 30), 1)).isEqualTo(LocalDate.of(2027, 10, 8));
        JsonNode stored = http.get(CALENDAR + "/2027", SECRETARY).json();
        assertThat(stored.get("workingDays").get(0).toString()).isEqualTo("{\"date\":\"2027-02-20\",\"for\":\"春节\"}");
        assertThat(stored.get("source").asText()).isEqualTo("测试用安排（非官方）");
    }

    @Test
    void aSecretaryMayNotLoadAnArrangement() {
        String before = version();

        Http.Response response = http.send("PUT", CALENDAR + "/2027", SECRETARY, arrangement2027().toString());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("message").asText()).isEqualTo("只有组织部可以维护节假日安排");
        assertThat(version()).isEqualTo(before);
        assertThat(workingDays.provisional(LocalDate.of(2027, 1, 4))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aWrongFileIsRefusedWithItsChineseReasonAndChangesNothing(String kind, Consumer<ObjectNode> change, String field, String message) {
        ObjectNode file = arrangement2027();
        change.accept(file);
        String before = version();

        Http.Response response = http.send("PUT", CALENDAR + "/2027", ORG_DEPT, file.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).startsWith("2027年节假日安排有误，未作任何修改：").contains(message);
        assertThat(response.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("message").asText()).contains(message);
        });
        assertThat(version()).isEqualTo(before);
        assertThat(workingDays.provisional(LocalDate.of(2027, 1, 4))).isTrue();
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                bad("year in the body not the path's", f -> f.put("year", 2026), "year", "请求体中的年份 2026 与地址中的年份 2027 不一致"),
                bad("a date outside the year", f -> workingDay(f, "2028-01-08", "元旦"), "workingDays[3].date", "2028-01-08 不在2027年内"),
                bad("from after to", f -> holiday(f, 1).put("to", "2027-02-04"), "holidays[1].to", "“春节”的放假末日 2027-02-04 早于首日 2027-02-05"),
                bad("overlapping holidays", f -> ((ArrayNode) f.get("holidays")).addObject().put("name", "春节补休")
                        .put("from", "2027-02-11").put("to", "2027-02-12"), "holidays[7]", "与“春节”（2月5日至2月11日）重叠"),
                bad("an adjusted working weekday", f -> workingDay(f, "2027-03-03", "春节"), "workingDays[3].date",
                        "2027年3月3日是星期三，调休上班日只能是星期六或星期日"),
                bad("an adjusted working day inside a holiday", f -> workingDay(f, "2027-10-02", "国庆节"), "workingDays[3].date",
                        "2027年10月2日在“国庆节”假期（10月1日至10月7日）之内"),
                bad("a holiday without a name", f -> holiday(f, 3).remove("name"), "holidays[3].name", "缺少假日名称"),
                bad("a statutory holiday left out", f -> ((ArrayNode) f.get("holidays")).remove(6), "holidays",
                        "安排中缺少法定节假日：国庆节 10月1日"),
                bad("an impossible date", f -> holiday(f, 0).put("from", "2027-02-30"), "holidays[0].from", "不是有效日期，格式应为 YYYY-MM-DD"),
                bad("an unknown field", f -> f.putArray("workdays"), "workdays", "未知字段 workdays"));
    }

    @Test
    void aFileThatIsNotJsonIsRefusedAndChangesNothing() {
        String before = version();

        Http.Response response = http.send("PUT", CALENDAR + "/2026", ORG_DEPT, "{\"year\": 2026,\n \"holidays\": [");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).startsWith("节假日安排不是有效的 JSON");
        assertThat(version()).isEqualTo(before);
        assertThat(http.get(CALENDAR + "/2026", SECRETARY).json().get("origin").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void aYearOutsideTheCalendarIsRefused() {
        Http.Response response = http.get(CALENDAR + "/2024", SECRETARY);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").asText()).isEqualTo("年份应在 2025 到 2100 之间");
    }

    @Test
    void loadingTheShippedFilesAgainLeavesAYearTheOrganizationDepartmentReplacedAlone() {
        ObjectNode corrected = shipped(2026);
        corrected.put("source", "组织部校对版");
        assertThat(http.send("PUT", CALENDAR + "/2026", ORG_DEPT, corrected.toString()).status()).isEqualTo(200);

        sync.storeShipped(); // as every start does, on any node

        JsonNode year = http.get(CALENDAR + "/2026", SECRETARY).json();
        assertThat(year.get("origin").asText()).isEqualTo("UPLOADED");
        assertThat(year.get("source").asText()).isEqualTo("组织部校对版");

        jdbc.sql("delete from holiday_arrangement where year = 2026").update();
        sync.storeShipped();
        assertThat(http.get(CALENDAR + "/2026", SECRETARY).json().get("origin").asText()).isEqualTo("SHIPPED");
    }

    @Test
    void theFirstDeadlineInAYearWithoutAnArrangementMailsTheOrganizationDepartmentOnce() {
        workingDays.plus(LocalDate.of(2026, 12, 30), 2);
        workingDays.plus(LocalDate.of(2026, 12, 30), 5);

        List<Outbox> mails = outbox("holiday-arrangement-missing-2027");
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).recipients()).contains("zhao.min@qinghe.example", "kong.linghui@qinghe.example");
        assertThat(mails.get(0).subject()).isEqualTo("【节假日安排】请载入2027年的节假日安排");
        assertThat(mails.get(0).body()).contains("PUT http://localhost:8080/api/holiday-calendar/2027");
    }

    @Test
    void aDeadlineSetInAStepThatRollsBackLeavesNoMailAndTheNextOneSendsIt() {
        ProcessEngineConfigurationImpl engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        try {
            engine.getCommandExecutorTxRequired().execute(context -> {
                workingDays.plus(LocalDate.of(2027, 12, 30), 3);
                throw new IllegalStateException("the step fails");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("the step fails");
        }
        assertThat(outbox("holiday-arrangement-missing-2028")).isEmpty();

        engine.getCommandExecutorTxRequired().execute(context -> workingDays.plus(LocalDate.of(2027, 12, 30), 3));

        assertThat(outbox("holiday-arrangement-missing-2028")).hasSize(1);
    }

    @Test
    void theApiIsDescribedInTheOpenApiDocument() {
        JsonNode paths = http.getAnonymous("/v3/api-docs").json().get("paths");

        JsonNode put = paths.get(CALENDAR + "/{year}").get("put");
        assertThat(put.get("tags").get(0).asText()).isEqualTo("节假日安排");
        assertThat(put.get("parameters").findValuesAsText("name")).containsExactly("year");
        assertThat(put.get("requestBody").toString()).contains("HolidayArrangement");
        assertThat(paths.get(CALENDAR).get("get").get("summary").asText()).startsWith("各年度节假日安排一览");
    }

    private String version() {
        return jdbc.sql("select coalesce(max(revision), 0) || ':' || count(*) from holiday_arrangement").query(String.class).single();
    }

    private List<Outbox> outbox(String dedupKey) {
        return jdbc.sql("select recipients, subject, body from mail_outbox where dedup_key = ?").param(dedupKey)
                .query((rs, n) -> new Outbox(rs.getString("recipients"), rs.getString("subject"), rs.getString("body"))).list();
    }

    private static ObjectNode shipped(int year) {
        try (var in = HolidayCalendarApiTest.class.getResourceAsStream("/holidays/" + year + ".json")) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An invented arrangement for 2027 (none was published when this was written) that covers its statutory holidays. */
    static ObjectNode arrangement2027() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"year": 2027, "source": "测试用安排（非官方）", "published": "2026-11-01",
                     "holidays": [
                       {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                       {"name": "春节", "from": "2027-02-05", "to": "2027-02-11"},
                       {"name": "清明节", "from": "2027-04-03", "to": "2027-04-05"},
                       {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
                       {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
                       {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
                       {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
                     "workingDays": [
                       {"date": "2027-02-20", "for": "春节"},
                       {"date": "2027-05-08", "for": "劳动节"},
                       {"date": "2027-10-09", "for": "国庆节"}]}
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Arguments bad(String kind, Consumer<ObjectNode> change, String field, String message) {
        return Arguments.of(kind, change, field, message);
    }

    private static ObjectNode holiday(ObjectNode file, int index) {
        return (ObjectNode) file.get("holidays").get(index);
    }

    private static void workingDay(ObjectNode file, String date, String forHoliday) {
        ((ArrayNode) file.get("workingDays")).addObject().put("date", date).put("for", forHoliday);
    }

    private record Outbox(String recipients, String subject, String body) {
    }
}
