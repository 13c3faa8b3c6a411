package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.partybuilding.Http;
import org.partybuilding.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The OpenAPI document the application serves at {@code /v3/api-docs}: every operation of {@code /api} lists its error
 * answers with the {@code ApiError} schema, and that schema describes what the API really answers. Writes the document
 * to {@code target/openapi.json}, which {@code .ci/lint-openapi} checks with Redocly's recommended rules.
 */
@IntegrationTest
class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORG_DEPT = "zhao.min";
    private static final String ERROR_REF = "#/components/schemas/ApiError";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @LocalServerPort int port;

    private Http http;
    private JsonNode document;

    @BeforeEach
    void readTheServedDocument() throws IOException {
        http = new Http(port);
        Http.Response answer = http.getAnonymous("/v3/api-docs");
        assertThat(answer.status()).isEqualTo(200);
        document = answer.json();
        Path file = Path.of("target", "openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document));
    }

    @Test
    void everyOperationListsItsErrorAnswersWithTheErrorSchema() {
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> METHODS.stream().filter(path.getValue()::has).forEach(method -> {
            String name = method.toUpperCase() + " " + path.getKey();
            operations.add(name);
            JsonNode operation = path.getValue().get(method);
            JsonNode responses = operation.get("responses");
            assertThat(responses.properties()).as(name).anySatisfy(r -> assertThat(r.getKey()).startsWith("2"));
            List<String> errors = new ArrayList<>();
            responses.properties().forEach(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    JsonNode json = response.getValue().path("content").path("application/json");
                    assertThat(json.path("schema").path("$ref").asText()).as(name + " " + response.getKey()).isEqualTo(ERROR_REF);
                    assertThat(json.path("example").path("status").asInt()).as(name + " " + response.getKey())
                            .isEqualTo(Integer.parseInt(response.getKey()));
                    assertThat(json.path("example").path("message").asText()).as(name + " " + response.getKey()).containsPattern("\\p{IsHan}");
                    assertThat(response.getValue().path("description").asText()).as(name + " " + response.getKey()).containsPattern("\\p{IsHan}");
                    errors.add(response.getKey());
                }
            });
            assertThat(errors).as(name).anyMatch(code -> code.startsWith("4")).contains("401", "403", "503");
            if (operation.has("requestBody") || operation.path("parameters").size() > 0) {
                assertThat(errors).as(name + " takes input").contains("400");
            }
            if (path.getKey().contains("{")) {
                assertThat(errors).as(name + " names something in its path").contains("404");
            }
            if (operation.path("requestBody").path("content").has("multipart/form-data")) {
                assertThat(errors).as(name + " is an upload").contains("413", "415");
            }
        }));
        assertThat(operations).contains("POST /api/rectifications", "PUT /api/responsibility-lists/{year}/{type}",
                "POST /api/rectifications/{id}/evidence");
        // a conflict is declared by the method, with its own description
        assertThat(document.at("/paths/~1api~1years~1{year}~1cycle/post/responses/409/description").asText()).contains("每年只能发起一次");
        assertThat(document.at("/paths/~1api~1rectifications/get/responses").has("409")).isFalse();
        assertThat(document.at("/paths/~1api~1rectifications~1{id}~1evidence/post/responses/201").isMissingNode()).as("the 2xx answer is kept").isFalse();
    }

    /** HTTP Basic everywhere but where the body authenticates: the password change works before the first login. */
    @Test
    void thePasswordChangeNeedsNoBasicAuthenticationAndEverythingElseDoes() {
        assertThat(document.at("/security/0").has("basic")).isTrue();
        assertThat(document.at("/paths/~1api~1account~1password/post/security").isArray()).isTrue();
        assertThat(document.at("/paths/~1api~1account~1password/post/security")).isEmpty();
        assertThat(http.postAnonymous("/api/account/password", "{\"userId\":\"li.changfu\",\"currentPassword\":\"wrong-one\","
                + "\"newPassword\":\"Lijia-Village-88!\"}").status()).as("answered without Basic, refused for the password").isIn(400, 401, 403);
        document.get("paths").properties().forEach(path -> METHODS.stream().filter(path.getValue()::has)
                .filter(method -> !path.getKey().equals("/api/account/password"))
                .forEach(method -> assertThat(path.getValue().get(method).has("security")).as(method + " " + path.getKey()).isFalse()));
    }

    @Test
    void theErrorSchemaDescribesTheKeysOfRealErrorAnswers() {
        JsonNode schemas = document.at("/components/schemas");
        JsonNode error = schemas.get("ApiError");
        JsonNode detail = schemas.get(error.at("/properties/errors/items/$ref").asText().replace("#/components/schemas/", ""));
        assertThat(error.get("required")).extracting(JsonNode::asText).contains("status", "message");
        assertThat(error.at("/properties/message/description").asText()).containsPattern("\\p{IsHan}");

        Http.Response invalid = http.post("/api/rectifications", ORG_DEPT, "{}");
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("errors")).isNotEmpty().allSatisfy(item -> assertThat(item.has("field")).isTrue());
        Http.Response missing = http.get("/api/rectifications/999999999", ORG_DEPT);
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        Http.Response anonymous = http.getAnonymous("/api/rectifications");
        assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);

        for (Http.Response answer : List.of(invalid, missing, anonymous)) {
            assertThat(keys(answer.json())).as(answer.body()).isSubsetOf(keys(error.get("properties")))
                    .containsAll(names(error.get("required")));
            answer.json().path("errors").forEach(item -> assertThat(keys(item)).as(answer.body())
                    .isSubsetOf(keys(detail.get("properties"))).containsAll(names(detail.get("required"))));
        }
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new HashSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new HashSet<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
