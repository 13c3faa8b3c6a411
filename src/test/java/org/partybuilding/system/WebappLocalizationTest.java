package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Chinese translation of each Camunda webapp is complete: every English label has a Chinese one. */
class WebappLocalizationTest {

    private static final String APP = "META-INF/resources/webjars/camunda/app/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|</?(a|b|br|code|div|em|i|li|p|span|strong|ul)\\b[^>]*>");
    private static final Pattern CHINESE = Pattern.compile("[\\u4e00-\\u9fa5]");
    /**
     * Labels whose links are ours on purpose: the first-login notice sends to the product's change-password page, not
     * to Camunda's welcome app.
     */
    private static final Map<String, String> OWN_LINKS = Map.of("/labels/FIRST_LOGIN_INFO", "<a href=\"/account/password.html\">");

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseHasEveryLabelOfEnglishWithItsPlaceholders(String app) throws IOException {
        Map<String, String> english = flatten(read(APP + app + "/locales/en.json"));
        Map<String, String> chinese = flatten(read(APP + app + "/locales/zh.json"));

        assertThat(chinese.keySet()).containsExactlyInAnyOrderElementsOf(english.keySet());
        int translated = 0;
        for (Map.Entry<String, String> label : english.entrySet()) {
            String zh = chinese.get(label.getKey());
            if (OWN_LINKS.containsKey(label.getKey()) && zh.contains(OWN_LINKS.get(label.getKey()))) {
                continue;
            }
            Matcher placeholders = PLACEHOLDER.matcher(label.getValue());
            while (placeholders.find()) {
                assertThat(zh).as("%s keeps %s", label.getKey(), placeholders.group()).contains(placeholders.group());
            }
            if (CHINESE.matcher(zh).find()) {
                translated++;
            }
        }
        // what stays untranslated are technical terms (ID, JSON, type names), symbols and date patterns
        assertThat(translated).isGreaterThan(english.size() * 9 / 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void configOffersChineseAndHidesTheEndOfLifeBanner(String app) throws IOException {
        String config = text(APP + app + "/scripts/config.js");
        String styles = text(APP + app + "/styles/user-styles.css");

        assertThat(config).contains("availableLocales: ['zh', 'en', 'de']", "name: '1248 党建责任制'");
        assertThat(styles).contains(".ce-eol-banner", "display: none");
    }

    private static JsonNode read(String resource) throws IOException {
        return new ObjectMapper().readTree(text(resource).replace("\uFEFF", ""));
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = WebappLocalizationTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        flatten("", node, labels);
        return labels;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> labels) {
        if (node.isContainerNode()) {
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> flatten(prefix + "/" + e.getKey(), e.getValue(), labels));
            } else {
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i), labels);
                }
            }
        } else {
            labels.put(prefix, node.asText());
        }
    }
}
