package org.partybuilding.responsibility;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.Texts;
import org.springframework.http.HttpStatus;

/**
 * Reads a responsibility list (a shipped {@code responsibility-lists/<year>/<type>.json} or the body of
 * {@code PUT /api/responsibility-lists/{year}/{type}}) and checks all of it, so a wrong list is refused whole with every
 * problem by item and field, in Chinese, before anything is stored. Inspections and duty reports check secretaries
 * against these items, so unknown fields (a misspelt {@code weigth}) are refused rather than dropped.
 *
 * <p>The body is {@code {"items": [...]}}; what {@code GET} adds ({@code year}, {@code type}, {@code version} …) is
 * accepted so a list read can be edited and put back, but {@code year} and {@code type}, when given, must be the path's.
 */
final class ResponsibilityListParser {

    static final int MAX_TEXT_LENGTH = 300;
    static final int MAX_CATEGORY_LENGTH = 20;
    static final int TOTAL_WEIGHT = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("items");
    private static final Set<String> READ_ONLY_FIELDS = Set.of("year", "type", "typeName", "version", "inheritedFrom",
            "updatedBy", "updatedAt");
    private static final List<String> ITEM_FIELDS = List.of("code", "text", "category", "quarter", "weight");
    private static final Set<String> ITEM_READ_ONLY_FIELDS = Set.of("type");

    private final int year;
    private final String type;
    private final String listName;
    private final Pattern codePattern;
    private final Map<String, String> codesOfOtherLists;
    private final List<ApiError.Detail> problems = new ArrayList<>();

    private ResponsibilityListParser(int year, String type, String typeName, Map<String, String> codesOfOtherLists) {
        this.year = year;
        this.type = type;
        this.listName = year + "年" + typeName + "责任清单";
        this.codePattern = Pattern.compile(Pattern.quote(type) + "-\\d{2}");
        this.codesOfOtherLists = codesOfOtherLists;
    }

    /**
     * The items of the list of {@code type} for {@code year} in {@code json}.
     *
     * @param codesOfOtherLists the codes of the other types' lists in effect for the year, each with its list's name:
     *                          a code is unique within the year
     * @throws ApiException 400 with every problem by item and field
     */
    static List<ResponsibilityItem> parse(String json, int year, String type, String typeName,
            Map<String, String> codesOfOtherLists) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            String message = "责任清单不是有效的 JSON" + (line == null ? "" : "（第 " + line + " 行附近）") + "，未作任何修改";
            throw new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(null, line, message)));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badField(null, "责任清单应为一个 JSON 对象：{\"items\": [...]}，未作任何修改");
        }
        return new ResponsibilityListParser(year, type, typeName, codesOfOtherLists).read(root);
    }

    private List<ResponsibilityItem> read(JsonNode root) {
        unknownFields(root, "", "", FIELDS, READ_ONLY_FIELDS);
        JsonNode yearNode = root.get("year");
        if (yearNode != null && !yearNode.isNull() && !(yearNode.isInt() && yearNode.intValue() == year)) {
            problem("year", "请求体中的年份 " + yearNode + " 与地址中的年份 " + year + " 不一致");
        }
        JsonNode typeNode = root.get("type");
        if (typeNode != null && !typeNode.isNull() && !type.equals(typeNode.asText())) {
            problem("type", "请求体中的书记类型 " + typeNode + " 与地址中的类型 " + type + " 不一致");
        }
        List<ResponsibilityItem> items = items(root.get("items"));
        if (!problems.isEmpty()) {
            String first = problems.get(0).message();
            String count = problems.size() > 1 ? "等 " + problems.size() + " 处问题" : "";
            throw new ApiException(HttpStatus.BAD_REQUEST, listName + "有误，未作任何修改：" + first + count, problems);
        }
        return items;
    }

    private List<ResponsibilityItem> items(JsonNode array) {
        List<ResponsibilityItem> items = new ArrayList<>();
        if (array == null || array.isNull()) {
            problem("items", "缺少清单条目 items");
            return items;
        }
        if (!array.isArray() || array.isEmpty()) {
            problem("items", "清单条目 items 应为非空数组，每项含 " + String.join("、", ITEM_FIELDS));
            return items;
        }
        Set<String> codes = new HashSet<>();
        int totalWeight = 0;
        boolean allWeights = true;
        for (int i = 0; i < array.size(); i++) {
            String field = "items[" + i + "]";
            String number = "第 " + (i + 1) + " 项：";
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                problem(field, number + "每个条目应为含 " + String.join("、", ITEM_FIELDS) + " 的对象");
                allWeights = false;
                continue;
            }
            unknownFields(item, field + ".", number, Set.copyOf(ITEM_FIELDS), ITEM_READ_ONLY_FIELDS);
            JsonNode itemType = item.get("type");
            if (itemType != null && !itemType.isNull() && !type.equals(itemType.asText())) {
                problem(field + ".type", number + "条目的书记类型 " + itemType + " 不是本清单的类型 " + type);
            }
            String code = code(item.get("code"), field + ".code", number, codes);
            String text = text(item.get("text"), field + ".text", number, "内容 text", MAX_TEXT_LENGTH);
            String category = text(item.get("category"), field + ".category", number, "类别 category", MAX_CATEGORY_LENGTH);
            Integer quarter = integer(item.get("quarter"), field + ".quarter", number, "季度 quarter", 0, 4,
                    "应为 1–4（该季度完成）或 0（全年持续）");
            Integer weight = integer(item.get("weight"), field + ".weight", number, "权重 weight", 1, TOTAL_WEIGHT,
                    "应为 1 到 " + TOTAL_WEIGHT + " 的整数");
            if (weight == null) {
                allWeights = false;
            } else {
                totalWeight += weight;
            }
            if (code != null && text != null && category != null && quarter != null && weight != null) {
                items.add(new ResponsibilityItem(code, type, text, category, quarter, weight));
            }
        }
        if (allWeights && totalWeight != TOTAL_WEIGHT) {
            problem("items", "各条目权重 weight 之和应为 " + TOTAL_WEIGHT + "，实为 " + totalWeight);
        }
        return items;
    }

    private String code(JsonNode node, String field, String number, Set<String> codes) {
        String example = type + "-01";
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            problem(field, number + "缺少编号 code（如 " + example + "）");
            return null;
        }
        String code = node.isTextual() ? node.asText() : node.toString();
        String other = codesOfOtherLists.get(code);
        if (other != null) {
            problem(field, number + "编号 " + code + " 已用于" + year + "年" + other + "责任清单，本清单的编号应以 " + type + "- 开头");
            return null;
        }
        if (!node.isTextual() || !codePattern.matcher(code).matches()) {
            problem(field, number + "编号 " + code + " 无效：应为本类型代码 " + type + "、短横线和两位数字，如 " + example);
            return null;
        }
        if (!codes.add(code)) {
            problem(field, number + "编号 " + code + " 重复");
            return null;
        }
        return code;
    }

    private String text(JsonNode node, String field, String number, String what, int maxLength) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            problem(field, number + "缺少" + what);
            return null;
        }
        if (!node.isTextual()) {
            problem(field, number + what + "应为文字");
            return null;
        }
        String value = node.asText().strip();
        if (Texts.hasControlCharacters(value, false)) {
            problem(field, number + what + "应为一行文字，不能含换行或控制字符");
            return null;
        }
        if (value.length() > maxLength) {
            problem(field, number + what + "不能超过 " + maxLength + " 个字符（现有 " + value.length() + " 个）");
            return null;
        }
        return value;
    }

    private Integer integer(JsonNode node, String field, String number, String what, int min, int max, String rule) {
        if (node == null || node.isNull()) {
            problem(field, number + "缺少" + what + "，" + rule);
            return null;
        }
        if (!node.isInt() || node.intValue() < min || node.intValue() > max) {
            problem(field, number + what + " 的值 " + node + " 无效，" + rule);
            return null;
        }
        return node.intValue();
    }

    private void unknownFields(JsonNode object, String prefix, String number, Set<String> fields, Set<String> ignored) {
        object.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name) && !ignored.contains(name)) {
                problem(prefix + name, number + "未知字段 " + name + "（可用字段：" + String.join("、", fields.stream().sorted().toList()) + "）");
            }
        });
    }

    private void problem(String field, String message) {
        problems.add(new ApiError.Detail(field, null, message));
    }
}
