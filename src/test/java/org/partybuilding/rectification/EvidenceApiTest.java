package org.partybuilding.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.partybuilding.workflow.ProcessTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Evidence files ({@code /api/rectifications/{id}/evidence}) over real HTTP with the demo city: li.changfu is the
 * secretary of 李家村 (河西镇), lin.xiuying of 龙泉村; qiu.hongmei inspects and mao.jianjun supervises 河西镇, qin.ming
 * supervises 龙泉镇; zhao.min is the organization department. The test profile limits a file to 2 MB.
 */
@IntegrationTest
class EvidenceApiTest {

    @Autowired RectificationService rectifications;
    @Autowired TaskService taskService;
    @Autowired ProcessTestSupport process;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void secretaryUploadsPhotosAndDocumentsThatVerifierAndSupervisorsListAndDownload() {
        long id = open(Source.INSPECTION);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("公开栏照片.jpg", EvidenceSamples.jpeg());
        files.put("截图.png", EvidenceSamples.png());
        files.put("支委会记录.pdf", EvidenceSamples.pdf());
        files.put("整改报告.docx", EvidenceSamples.docx());
        files.put("台账.xlsx", EvidenceSamples.xlsx());

        Http.Response uploaded = http.uploadAll(evidence(id), "li.changfu", files);

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().findValuesAsText("type")).containsExactly("JPEG", "PNG", "PDF", "DOCX", "XLSX");
        for (String reader : List.of("li.changfu", "qiu.hongmei", "mao.jianjun", "zhao.min")) {
            JsonNode list = http.get(evidence(id), reader).json();
            assertThat(list.get("files").findValuesAsText("fileName")).as(reader).containsExactlyElementsOf(files.keySet());
            assertThat(list.get("editable").asBoolean()).as(reader).isEqualTo(reader.equals("li.changfu"));
            for (JsonNode file : list.get("files")) {
                Http.Download download = http.download(evidence(id) + "/" + file.get("id").asLong(), reader);
                assertThat(download.status()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(files.get(file.get("fileName").asText()));
                assertThat(download.contentType()).isEqualTo(file.get("contentType").asText());
                assertThat(download.contentDisposition()).startsWith("attachment;").contains("filename*=UTF-8''");
                assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            }
        }
        JsonNode first = http.get(evidence(id), "zhao.min").json().get("files").get(0);
        assertThat(first.get("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(first.get("size").asInt()).isEqualTo(EvidenceSamples.jpeg().length);
        assertThat(first.get("sha256").asText()).hasSize(64);
        assertThat(first.get("uploadedBy").asText()).isEqualTo("li.changfu");

        JsonNode history = http.get("/api/rectifications/" + id, "zhao.min").json().get("history");
        List<String> added = new ArrayList<>();
        history.forEach(e -> {
            if (e.get("type").asText().equals("EVIDENCE_ADDED")) {
                added.add(e.get("detail").asText());
            }
        });
        assertThat(added).hasSize(5);
        assertThat(added.get(0)).startsWith("上传佐证材料：公开栏照片.jpg（照片（JPEG）").contains("SHA-256 " + first.get("sha256").asText());
        assertThat(history.get(history.size() - 1).get("actor").asText()).isEqualTo("li.changfu");
    }

    @Test
    void othersThanThoseWhoMaySeeTheItemGetNotFound() {
        long id = open(Source.SURVEY);
        assertThat(http.upload(evidence(id), "li.changfu", "记录.pdf", EvidenceSamples.pdf()).status()).isEqualTo(201);
        long fileId = http.get(evidence(id), "li.changfu").json().get("files").get(0).get("id").asLong();

        for (String outsider : List.of("lin.xiuying", "qin.ming")) {
            assertThat(http.get(evidence(id), outsider).status()).as(outsider).isEqualTo(404);
            assertThat(http.download(evidence(id) + "/" + fileId, outsider).status()).as(outsider).isEqualTo(404);
            assertThat(http.upload(evidence(id), outsider, "x.pdf", EvidenceSamples.pdf()).status()).as(outsider).isEqualTo(404);
            assertThat(http.send("DELETE", evidence(id) + "/" + fileId, outsider, null).status()).as(outsider).isEqualTo(404);
        }
        // a file of another item is not found through this one
        long other = open(Source.SURVEY);
        assertThat(http.download(evidence(other) + "/" + fileId, "zhao.min").status()).isEqualTo(404);
        assertThat(http.getAnonymous(evidence(id)).status()).isEqualTo(401);
        assertThat(count(id)).isEqualTo(1);
    }

    @Test
    void refusesFilesThatAreNoPhotoOrDocumentByTheirContentNamingThemAndStoresNothing() {
        long id = open(Source.INSPECTION);

        assertRefused(id, "现场照片.jpg", EvidenceSamples.exe(), "文件“现场照片.jpg”：这是可执行程序");
        assertRefused(id, "整改报告.pdf", EvidenceSamples.html(), "文件“整改报告.pdf”：不是照片（JPG、PNG）、PDF、Word 或 Excel 文件");
        assertRefused(id, "示意图.png", EvidenceSamples.svg(), "文件“示意图.png”：不是照片");
        assertRefused(id, "材料.docx", EvidenceSamples.plainZip(), "文件“材料.docx”：这是压缩包");
        assertRefused(id, "报告.docx", EvidenceSamples.docm(), "文件“报告.docx”：文件含有宏");
        assertRefused(id, "空白.pdf", new byte[0], "文件“空白.pdf”：文件为空");
        assertRefused(id, "大照片.jpg", EvidenceSamples.jpegOfSize(2 * 1024 * 1024 + 1), "文件“大照片.jpg”：超过单个文件 2 MB 的上限");

        // one bad file among good ones: none is stored
        Map<String, byte[]> mixed = new LinkedHashMap<>();
        mixed.put("照片.jpg", EvidenceSamples.jpeg());
        mixed.put("setup.exe", EvidenceSamples.exe());
        Http.Response refused = http.uploadAll(evidence(id), "li.changfu", mixed);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).contains("setup.exe").doesNotContain("照片.jpg");
        assertThat(count(id)).isZero();
        assertThat(http.get("/api/rectifications/" + id, "zhao.min").json().get("history").findValuesAsText("type"))
                .doesNotContain("EVIDENCE_ADDED");
    }

    @Test
    void aZipBombIsStoredAsItIsWithoutBeingInflatedAndACutShortDocumentIsRefused() {
        long id = open(Source.INSPECTION);
        byte[] bomb = EvidenceSamples.docxBomb();
        assertThat(bomb.length).as("fits the 2 MB limit of the tests").isLessThan(2 * 1024 * 1024);
        byte[] docx = EvidenceSamples.docx();

        assertRefused(id, "整改报告.docx", java.util.Arrays.copyOf(docx, docx.length - 30), "文件“整改报告.docx”：文件已损坏");
        long started = System.nanoTime();
        Http.Response stored = http.upload(evidence(id), "li.changfu", "整改报告.docx", bomb);

        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(5));
        assertThat(stored.json().get(0).get("type").asText()).isEqualTo("DOCX");
        Http.Download download = http.download(evidence(id) + "/" + stored.json().get(0).get("id").asLong(), "li.changfu");
        assertThat(download.body()).isEqualTo(bomb);
    }

    @Test
    void aFileNameIsCleanedAndEndsInItsRealKind() {
        long id = open(Source.INSPECTION);

        JsonNode stored = http.upload(evidence(id), "li.changfu", "../../会议\u202Egpj.exe", EvidenceSamples.pdf()).json();

        assertThat(stored.get(0).get("fileName").asText()).isEqualTo("会议gpj.exe.pdf");
        assertThat(stored.get(0).get("type").asText()).isEqualTo("PDF");
    }

    @Test
    void onlyTheSecretaryChangesFilesAndOnlyBeforeSubmitting() {
        long id = open(Source.INSPECTION);
        Http.Response supervisor = http.upload(evidence(id), "mao.jianjun", "记录.pdf", EvidenceSamples.pdf());
        assertThat(supervisor.status()).isEqualTo(403);
        assertThat(supervisor.json().get("message").asText()).isEqualTo("只有本组织书记（整改责任人）可以上传佐证材料");

        JsonNode photo = http.upload(evidence(id), "li.changfu", "旧照片.jpg", EvidenceSamples.jpeg()).json().get(0);
        http.upload(evidence(id), "li.changfu", "会议记录.pdf", EvidenceSamples.pdf());
        assertThat(http.send("DELETE", evidence(id) + "/" + photo.get("id").asLong(), "mao.jianjun", null).status()).isEqualTo(403);
        assertThat(http.send("DELETE", evidence(id) + "/" + photo.get("id").asLong(), "li.changfu", null).status()).isEqualTo(204);
        assertThat(count(id)).isEqualTo(1);

        String processInstance = http.get("/api/rectifications/" + id, "zhao.min").json().get("processInstanceId").asText();
        String submit = taskService.createTaskQuery().processInstanceId(processInstance).singleResult().getId();
        assertThat(http.post("/engine-rest/task/" + submit + "/complete", "li.changfu",
                "{\"variables\":{\"measures\":{\"value\":\"已整改\"},\"evidence\":{\"value\":\"会议记录\"}}}").status()).isEqualTo(204);

        Http.Response late = http.upload(evidence(id), "li.changfu", "补充.pdf", EvidenceSamples.pdf());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().get("message").asText()).contains("待核验", "提交后不能再更改");
        long remaining = http.get(evidence(id), "li.changfu").json().get("files").get(0).get("id").asLong();
        assertThat(http.send("DELETE", evidence(id) + "/" + remaining, "li.changfu", null).status()).isEqualTo(409);
        assertThat(http.get(evidence(id), "li.changfu").json().get("editable").asBoolean()).isFalse();
        assertThat(count(id)).isEqualTo(1);

        JsonNode history = http.get("/api/rectifications/" + id, "zhao.min").json().get("history");
        assertThat(history.findValuesAsText("type")).containsSubsequence("EVIDENCE_ADDED", "EVIDENCE_ADDED", "EVIDENCE_REMOVED", "SUBMITTED");
        String removed = history.get(history.findValuesAsText("type").indexOf("EVIDENCE_REMOVED")).get("detail").asText();
        assertThat(removed).startsWith("删除佐证材料：旧照片.jpg");
        assertThat(history.get(history.size() - 1).get("detail").asText()).endsWith("附件：会议记录.pdf");
    }

    @Test
    void theTasklistLoginReadsTheFilesAndChangesThemOnlyFromThePage() {
        long id = open(Source.INSPECTION);
        http.upload(evidence(id), "li.changfu", "会议记录.pdf", EvidenceSamples.pdf());
        Http.Webapp tasklist = http.webapp("li.changfu", Http.DEMO_PASSWORD);
        assertThat(tasklist.login().status()).isEqualTo(200);

        Http.Response list = tasklist.get(evidence(id));
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("editable").asBoolean()).isTrue();
        // a change without the page's header (a form or script of another site riding on the cookie) is refused
        assertThat(tasklist.post(evidence(id), "{}").status()).isEqualTo(403);
        // the session changes the evidence only; the ledger it may read (WebappSession), never change
        assertThat(tasklist.get("/api/rectifications/" + id).status()).isEqualTo(200);
        assertThat(tasklist.post("/api/rectifications", "{}").status()).isEqualTo(401);
        Http.Webapp otherSecretary = http.webapp("lin.xiuying", Http.DEMO_PASSWORD);
        assertThat(otherSecretary.get(evidence(id)).status()).isEqualTo(404);
    }

    private void assertRefused(long id, String name, byte[] content, String message) {
        Http.Response refused = http.upload(evidence(id), "li.changfu", name, content);
        assertThat(refused.status()).as(name + ": " + refused.body()).isEqualTo(400);
        assertThat(refused.json().get("message").asText()).startsWith(message);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("file");
        assertThat(count(id)).isZero();
    }

    private long open(Source source) {
        return rectifications.open(new NewRectification("village-lijia", source, null, "党员活动室制度未上墙",
                "检查发现制度牌缺失", Severity.LOW, process.workingDay(10), null), "qiu.hongmei").id();
    }

    private static String evidence(long id) {
        return "/api/rectifications/" + id + "/evidence";
    }

    private long count(long id) {
        return jdbc.sql("select count(*) from rectification_evidence where item_id = ?").param(id).query(Long.class).single();
    }
}
