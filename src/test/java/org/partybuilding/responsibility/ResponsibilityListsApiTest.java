package org.partybuilding.responsibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.SecretaryType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code /api/responsibility-lists} over real HTTP, the start-up load of the shipped 2026 lists, and the Java API other
 * capabilities call. zhao.min is the organization department, li.changfu a village secretary, mao.jianjun a town's
 * supervisor. The clock stands in 2026; no test leaves a published list behind.
 */
@IntegrationTest
class ResponsibilityListsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG_DEPT = "zhao.min";
    private static final String SECRETARY = "li.changfu";
    private static final String STAFF = "mao.jianjun";
    private static final String LISTS = "/api/responsibility-lists";
    private static final int SHIPPED_YEAR = 2026;
    private static final String VILLAGE = "VILLAGE";

    @Autowired JdbcClient jdbc;
    @Autowired ResponsibilityLists lists;
    @Autowired ShippedResponsibilityLists shipped;
    @Autowired DirectoryService directory;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-06-01T02:00:00Z")));
    }

    @AfterEach
    void backToTheShippedLists() {
        ClockUtil.reset();
        jdbc.sql("delete from responsibility_list where updated_by is not null").update();
    }

    @Test
    void theShippedListsAreLoadedOnePerSecretaryTypeInTheDirectorysOrderWithWeightsSummingTo100() {
        List<ResponsibilityList> inEffect = lists.inEffect(SHIPPED_YEAR);

        assertThat(inEffect).extracting(ResponsibilityList::type)
                .containsExactlyElementsOf(directory.secretaryTypes().stream().map(SecretaryType::code).toList()).hasSize(8);
        for (ResponsibilityList list : inEffect) {
            assertThat(list.items()).as(list.type()).hasSizeBetween(8, 12);
            assertThat(list.items().stream().mapToInt(ResponsibilityItem::weight).sum()).as(list.type()).isEqualTo(100);
            assertThat(list.items()).as(list.type()).allSatisfy(item -> {
                assertThat(item.code()).startsWith(list.type() + "-");
                assertThat(item.type()).isEqualTo(list.type());
            });
            assertThat(list.items()).extracting(ResponsibilityItem::quarter).as(list.type()).contains(1, 2, 3, 4);
            assertThat(list.version()).isEqualTo(1);
            assertThat(list.updatedBy()).isNull();
            assertThat(list.inheritedFrom()).isNull();
        }
        for (int quarter = 1; quarter <= 4; quarter++) {
            int q = quarter;
            List<ResponsibilityItem> due = lists.itemsDueIn(SHIPPED_YEAR, q);
            assertThat(due).isNotEmpty().allSatisfy(item -> assertThat(item.quarter()).isIn(0, q));
            assertThat(due).extracting(ResponsibilityItem::type).contains(VILLAGE, "PUBLIC_INSTITUTION");
        }
        assertThat(lists.item(SHIPPED_YEAR, "VILLAGE-02")).get().extracting(ResponsibilityItem::text).asString().contains("三会一课");
        assertThat(lists.item(SHIPPED_YEAR, "VILLAGE-99")).isEmpty();
    }

    @Test
    void loadingTheShippedFilesAgainStoresNothing() {
        long rows = rows();
        shipped.storeShipped();
        assertThat(rows()).isEqualTo(rows).isEqualTo(8);
    }

    @Test
    void aSecretaryReadsTheListOfHerTypeAndEveryListOfTheYear() {
        JsonNode list = ok(http.get(LISTS + "/2026/VILLAGE", SECRETARY));
        assertThat(list.get("typeName").asText()).isEqualTo("村党组织书记");
        assertThat(list.get("version").asInt()).isEqualTo(1);
        assertThat(list.has("inheritedFrom")).isFalse();
        assertThat(Instant.parse(list.get("updatedAt").asText())).isBefore(Instant.now());
        assertThat(list.get("items").get(0).get("code").asText()).isEqualTo("VILLAGE-01");

        JsonNode all = ok(http.get(LISTS + "/2026", SECRETARY));
        assertThat(all.findValuesAsText("type")).contains("COMMITTEE", VILLAGE, "NON_PUBLIC_ENTERPRISE");
        assertThat(all.size()).isEqualTo(8);
    }

    @Test
    void aYearWithoutListsOfItsOwnInheritsTheLatestEarlierYearsAndAYearBeforeAnyListIsNotFound() {
        JsonNode all = ok(http.get(LISTS + "/2027", SECRETARY));
        assertThat(all.size()).isEqualTo(8);
        assertThat(all.findValuesAsText("inheritedFrom")).containsOnly("2026");
        assertThat(all.findValuesAsText("year")).containsOnly("2027");
        JsonNode village = ok(http.get(LISTS + "/2027/VILLAGE", SECRETARY));
        assertThat(village.get("inheritedFrom").asInt()).isEqualTo(2026);
        assertThat(lists.item(2027, "VILLAGE-01")).isPresent();

        Http.Response before = http.get(LISTS + "/2025", SECRETARY);
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.json().get("message").asText()).isEqualTo("2025年及以前没有书记责任清单");
        Http.Response beforeOne = http.get(LISTS + "/2025/VILLAGE", SECRETARY);
        assertThat(beforeOne.status()).isEqualTo(404);
        assertThat(beforeOne.json().get("message").asText()).contains("村党组织书记责任清单");
        Http.Response noOwnVersions = http.get(LISTS + "/2027/VILLAGE/versions", ORG_DEPT);
        assertThat(noOwnVersions.status()).isEqualTo(404);
        assertThat(noOwnVersions.json().get("message").asText()).contains("沿用2026年的清单");
        assertThat(lists.inEffect(2025)).isEmpty();
    }

    @Test
    void theOrganizationDepartmentPublishesVersion2AndTheHistoryKeepsBoth() {
        ObjectNode read = (ObjectNode) ok(http.get(LISTS + "/2026/VILLAGE", ORG_DEPT));
        ((ObjectNode) read.get("items").get(0)).put("text", "年初签订并公开书记抓基层党建责任清单（修订）");

        JsonNode published = ok(http.send("PUT", LISTS + "/2026/VILLAGE", ORG_DEPT, read.toString()));

        assertThat(published.get("version").asInt()).isEqualTo(2);
        assertThat(published.get("updatedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(published.get("items").get(0).get("text").asText()).endsWith("（修订）");
        assertThat(ok(http.get(LISTS + "/2026/VILLAGE", SECRETARY)).get("version").asInt()).isEqualTo(2);
        assertThat(lists.inEffect(2027, VILLAGE)).get().satisfies(l -> {
            assertThat(l.version()).isEqualTo(2);
            assertThat(l.inheritedFrom()).isEqualTo(2026);
        });
        JsonNode versions = ok(http.get(LISTS + "/2026/VILLAGE/versions", SECRETARY));
        assertThat(versions.findValuesAsText("version")).containsExactly("1", "2");
        assertThat(versions.get(0).get("updatedBy").isNull()).isTrue();
        assertThat(versions.get(1).get("updatedBy").asText()).isEqualTo(ORG_DEPT);
        assertThat(versions.get(1).get("itemCount").asInt()).isEqualTo(read.get("items").size());
        JsonNode first = ok(http.get(LISTS + "/2026/VILLAGE/versions/1", SECRETARY));
        assertThat(first.get("version").asInt()).isEqualTo(1);
        assertThat(first.get("items").get(0).get("text").asText()).doesNotContain("修订");
        Http.Response third = http.get(LISTS + "/2026/VILLAGE/versions/3", SECRETARY);
        assertThat(third.status()).isEqualTo(404);
        assertThat(third.json().get("message").asText()).isEqualTo("2026年村党组织书记责任清单没有第 3 版");
    }

    @Test
    void aListPublishedForTheNextYearReplacesOnlyItsTypeTheOthersStayInherited() {
        JsonNode published = ok(http.send("PUT", LISTS + "/2027/VILLAGE", ORG_DEPT, body(items -> { })));

        assertThat(published.get("version").asInt()).isEqualTo(1);
        assertThat(published.has("inheritedFrom")).isFalse();
        assertThat(lists.inEffect(2027, VILLAGE).orElseThrow().items()).hasSize(2);
        assertThat(lists.inEffect(2027, "COMMUNITY").orElseThrow().inheritedFrom()).isEqualTo(2026);
        assertThat(lists.inEffect(2026, VILLAGE).orElseThrow().items()).hasSizeGreaterThan(2);
    }

    static Stream<Arguments> badLists() {
        String longText = "党".repeat(ResponsibilityListParser.MAX_TEXT_LENGTH + 1);
        return Stream.of(
                Arguments.of("no items", "{}", "items", "缺少清单条目"),
                Arguments.of("empty list", "{\"items\": []}", "items", "非空数组"),
                Arguments.of("bad code", body(items -> item(items, 0).put("code", "VILLAGE-1")), "items[0].code", "第 1 项：编号 VILLAGE-1 无效"),
                Arguments.of("code of another type's list", body(items -> item(items, 1).put("code", "COMMUNITY-01")), "items[1].code",
                        "第 2 项：编号 COMMUNITY-01 已用于2026年社区党组织书记责任清单"),
                Arguments.of("code not of the type", body(items -> item(items, 0).put("code", "TOWN-01")), "items[0].code", "应为本类型代码 VILLAGE"),
                Arguments.of("duplicate code", body(items -> item(items, 1).put("code", "VILLAGE-01")), "items[1].code", "第 2 项：编号 VILLAGE-01 重复"),
                Arguments.of("missing text", body(items -> item(items, 0).remove("text")), "items[0].text", "缺少内容"),
                Arguments.of("text too long", body(items -> item(items, 0).put("text", longText)), "items[0].text", "不能超过 300 个字符"),
                Arguments.of("text with a line break", body(items -> item(items, 0).put("text", "第一行\n第二行")), "items[0].text", "不能含换行"),
                Arguments.of("category too long", body(items -> item(items, 1).put("category", "类".repeat(21))), "items[1].category", "不能超过 20 个字符"),
                Arguments.of("quarter 5", body(items -> item(items, 0).put("quarter", 5)), "items[0].quarter", "应为 1–4"),
                Arguments.of("quarter as text", body(items -> item(items, 0).put("quarter", "1")), "items[0].quarter", "无效"),
                Arguments.of("weight 0", body(items -> item(items, 0).put("weight", 0)), "items[0].weight", "应为 1 到 100 的整数"),
                Arguments.of("weights not 100", body(items -> item(items, 0).put("weight", 50)), "items", "之和应为 100，实为 90"),
                Arguments.of("unknown item field", body(items -> item(items, 0).put("weigth", 5)), "items[0].weigth", "未知字段 weigth"),
                Arguments.of("unknown field", body(items -> { }).replace("{\"items\"", "{\"owner\":1,\"items\""), "owner", "未知字段 owner"),
                Arguments.of("another year in the body", body(items -> { }).replace("{\"items\"", "{\"year\":2025,\"items\""), "year", "与地址中的年份 2026 不一致"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLists")
    void everyBadListIsRefusedNamingTheItemAndFieldAndChangesNothing(String what, String body, String field, String message) {
        Http.Response answer = http.send("PUT", LISTS + "/2026/VILLAGE", ORG_DEPT, body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        JsonNode error = answer.json().get("errors").get(0);
        assertThat(error.get("field").asText()).as(answer.body()).isEqualTo(field);
        assertThat(error.get("message").asText()).as(answer.body()).contains(message);
        assertThat(answer.json().get("message").asText()).startsWith("2026年村党组织书记责任清单有误，未作任何修改：");
        assertNothingChanged();
    }

    @Test
    void everyProblemOfAListIsListed() {
        Http.Response answer = http.send("PUT", LISTS + "/2026/VILLAGE", ORG_DEPT, body(items -> {
            item(items, 0).put("code", "X");
            item(items, 1).put("quarter", 9).remove("category");
        }));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").findValuesAsText("field"))
                .containsExactly("items[0].code", "items[1].category", "items[1].quarter");
        assertThat(answer.json().get("message").asText()).endsWith("等 3 处问题");
        assertNothingChanged();
    }

    @Test
    void malformedJsonAndYearsOutOfRangeAreRefusedInChinese() {
        Http.Response malformed = http.send("PUT", LISTS + "/2026/VILLAGE", ORG_DEPT, "{\"items\": [\n{\"code\": }");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("message").asText()).isEqualTo("责任清单不是有效的 JSON（第 2 行附近），未作任何修改");
        Http.Response array = http.send("PUT", LISTS + "/2026/VILLAGE", ORG_DEPT, "[]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("message").asText()).contains("应为一个 JSON 对象");
        for (int year : new int[] {1999, 2028}) {
            Http.Response answer = http.send("PUT", LISTS + "/" + year + "/VILLAGE", ORG_DEPT, body(items -> { }));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("errors").get(0).get("field").asText()).isEqualTo("year");
            assertThat(answer.json().get("message").asText()).contains("年份应在 2000 到 2027 之间");
        }
        Http.Response notANumber = http.send("PUT", LISTS + "/next/VILLAGE", ORG_DEPT, body(items -> { }));
        assertThat(notANumber.status()).isEqualTo(400);
        assertNothingChanged();
    }

    @Test
    void onlyTheOrganizationDepartmentPublishes() {
        for (String user : List.of(SECRETARY, STAFF)) {
            Http.Response refused = http.send("PUT", LISTS + "/2026/VILLAGE", user, body(items -> { }));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("message").asText()).isEqualTo("只有组织部可以发布书记责任清单");
        }
        assertNothingChanged();
    }

    @Test
    void anUnknownSecretaryTypeIsNotFound() {
        for (Http.Response answer : List.of(http.get(LISTS + "/2026/TOWN", SECRETARY),
                http.get(LISTS + "/2026/TOWN/versions", SECRETARY),
                http.send("PUT", LISTS + "/2026/TOWN", ORG_DEPT, body(items -> { })))) {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.json().get("message").asText()).startsWith("书记类型 TOWN 不存在");
        }
        assertThat(lists.inEffect(SHIPPED_YEAR, "TOWN")).isEmpty();
        assertNothingChanged();
    }

    @Test
    void theApiIsDescribedInTheOpenApiDocument() {
        JsonNode paths = http.getAnonymous("/v3/api-docs").json().get("paths");

        JsonNode put = paths.get(LISTS + "/{year}/{type}").get("put");
        assertThat(put.get("tags").get(0).asText()).isEqualTo("责任清单");
        assertThat(put.get("parameters").findValuesAsText("name")).containsExactly("year", "type");
        assertThat(put.get("requestBody").toString()).contains("ListBody");
        assertThat(paths.get(LISTS + "/{year}").get("get").get("summary").asText()).startsWith("某年施行的八类书记责任清单");
        assertThat(paths.get(LISTS + "/{year}/{type}/versions").get("get").get("summary").asText()).contains("历次版本");
    }

    private void assertNothingChanged() {
        assertThat(rows()).isEqualTo(8);
        assertThat(lists.inEffect(SHIPPED_YEAR, VILLAGE).orElseThrow().version()).isEqualTo(1);
    }

    private long rows() {
        return jdbc.sql("select count(*) from responsibility_list").query(Long.class).single();
    }

    private static JsonNode ok(Http.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    /** A valid village list of two items (weights 60 and 40), changed by {@code change}. */
    private static String body(Consumer<ArrayNode> change) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode items = body.putArray("items");
        items.addObject().put("code", "VILLAGE-01").put("text", "严格落实“三会一课”制度").put("category", "组织建设")
                .put("quarter", 0).put("weight", 60);
        items.addObject().put("code", "VILLAGE-02").put("text", "发展壮大村级集体经济").put("category", "发展经济")
                .put("quarter", 4).put("weight", 40);
        change.accept(items);
        return body.toString();
    }

    private static ObjectNode item(ArrayNode items, int index) {
        return (ObjectNode) items.get(index);
    }
}
