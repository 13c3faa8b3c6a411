package org.partybuilding.survey;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.partybuilding.organization.Organization;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.Texts;
import org.springframework.http.HttpStatus;

/**
 * Checks a whole survey file against the directory and lists every problem with its row, so that the evaluator can
 * correct the file in one go. Columns are found by their header, in Chinese or English.
 */
final class SurveyValidator {

    static final List<String> ID_HEADERS = List.of("组织编号", "organizationId");
    static final List<String> NAME_HEADERS = List.of("组织名称", "organizationName");
    static final List<String> OVERALL_HEADERS = List.of("总体得分", "overallScore");
    static final List<String> COMMENT_HEADERS = List.of("评语", "comment");
    static final int MAX_ITEM_NAME = 50;
    static final int MAX_COMMENT = 1000;
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<Organization> organizations;
    private final Map<String, Organization> byId = new HashMap<>();
    private final List<ApiError.Detail> problems = new ArrayList<>();

    /** @param organizations the directory's active organizations */
    SurveyValidator(List<Organization> organizations) {
        this.organizations = organizations;
        organizations.forEach(o -> byId.put(o.id(), o));
    }

    /** What a valid file says: its item columns in order, and one entry per organization. */
    record Checked(List<String> itemNames, List<SurveyEntry> entries) {
    }

    /** @throws ApiException 400 with every problem by row, when there is any */
    Checked validate(SurveyTable table) {
        Columns columns = columns(table);
        failIfProblems();
        List<SurveyEntry> entries = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (SurveyTable.Row row : table.rows()) {
            int before = problems.size();
            for (int c = 0; c < row.cells().size(); c++) {
                if (columns.ignored(c) && !row.cell(c).isEmpty()) {
                    problem(columnName(c), row.line(), "第 " + columnName(c) + " 列没有表头，无法识别其中的数据“" + shorten(row.cell(c)) + "”");
                }
            }
            Organization organization = organization(row, columns);
            BigDecimal overall = score(row, columns.overall(), table.headers().get(columns.overall()), true);
            Map<String, BigDecimal> items = new LinkedHashMap<>();
            for (int c : columns.items()) {
                BigDecimal score = score(row, c, table.headers().get(c), false);
                if (score != null) {
                    items.put(table.headers().get(c), score);
                }
            }
            String comment = columns.comment() < 0 ? null : row.cell(columns.comment());
            if (comment != null && comment.length() > MAX_COMMENT) {
                problem(table.headers().get(columns.comment()), row.line(), "评语最长 " + MAX_COMMENT + " 个字符（现有 " + comment.length() + " 个）");
            } else if (Texts.hasControlCharacters(comment, true)) {
                problem(table.headers().get(columns.comment()), row.line(), "评语含有控制字符");
            }
            if (organization != null) {
                Integer first = seen.putIfAbsent(organization.id(), row.line());
                if (first != null) {
                    problem(columns.id() >= 0 ? ID_HEADERS.get(0) : NAME_HEADERS.get(0), row.line(), "组织“" + organization.name() + "”（" + organization.id()
                            + "）在第 " + first + " 行和第 " + row.line() + " 行重复出现，每个组织只能有一行");
                }
            }
            if (problems.size() == before) {
                entries.add(new SurveyEntry(row.line(), organization, overall, items, comment == null || comment.isEmpty() ? null : comment));
            }
        }
        if (table.rows().isEmpty()) {
            problem("file", null, "文件中只有表头，没有测评数据");
        }
        failIfProblems();
        return new Checked(columns.items().stream().map(table.headers()::get).toList(), entries);
    }

    private Columns columns(SurveyTable table) {
        List<String> headers = table.headers();
        int id = -1;
        int name = -1;
        int overall = -1;
        int comment = -1;
        List<Integer> items = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < headers.size(); c++) {
            String header = headers.get(c);
            if (header.isEmpty()) {
                continue;
            }
            String key = header.toLowerCase(Locale.ROOT);
            Integer first = seen.putIfAbsent(key, c);
            if (first != null) {
                problem(header, 1, "表头“" + header + "”出现了两次（第 " + columnName(first) + " 列和第 " + columnName(c) + " 列）");
                continue;
            }
            if (matches(header, ID_HEADERS)) {
                id = mark(id, c, header);
            } else if (matches(header, NAME_HEADERS)) {
                name = mark(name, c, header);
            } else if (matches(header, OVERALL_HEADERS)) {
                overall = mark(overall, c, header);
            } else if (matches(header, COMMENT_HEADERS)) {
                comment = mark(comment, c, header);
            } else if (header.length() > MAX_ITEM_NAME) {
                problem(header, 1, "分项名称“" + shorten(header) + "”过长（最长 " + MAX_ITEM_NAME + " 个字符）");
            } else if (Texts.hasControlCharacters(header, false)) {
                problem(header, 1, "表头第 " + columnName(c) + " 列含有换行或控制字符");
            } else {
                items.add(c);
            }
        }
        if (id < 0 && name < 0) {
            problem("file", 1, "缺少“组织编号”或“组织名称”列（至少需要其中一列；英文表头为 organizationId、organizationName）");
        }
        if (overall < 0) {
            problem("file", 1, "缺少“总体得分”列（英文表头为 overallScore）");
        }
        return new Columns(id, name, overall, comment, items);
    }

    /** A second column for the same thing (组织编号 and organizationId) is a problem; the first one counts. */
    private int mark(int existing, int column, String header) {
        if (existing >= 0) {
            problem(header, 1, "表头“" + header + "”与第 " + columnName(existing) + " 列重复");
            return existing;
        }
        return column;
    }

    private Organization organization(SurveyTable.Row row, Columns columns) {
        String id = columns.id() < 0 ? "" : row.cell(columns.id());
        String name = columns.name() < 0 ? "" : row.cell(columns.name());
        if (id.isEmpty() && name.isEmpty()) {
            problem(columns.id() >= 0 ? ID_HEADERS.get(0) : NAME_HEADERS.get(0), row.line(), "未填写组织编号或组织名称");
            return null;
        }
        if (!id.isEmpty()) {
            Organization organization = byId.get(id);
            if (organization == null) {
                problem(ID_HEADERS.get(0), row.line(), "组织编号“" + shorten(id) + "”不存在");
                return null;
            }
            if (!name.isEmpty() && !organization.name().equals(name) && !organization.name().contains(name)) {
                problem(NAME_HEADERS.get(0), row.line(), "组织编号“" + id + "”是“" + organization.name() + "”，与组织名称“"
                        + shorten(name) + "”不一致");
                return null;
            }
            return organization;
        }
        return byName(name, row.line());
    }

    /** The organization with exactly this name, else the only one whose name contains it (李家村). */
    private Organization byName(String name, int line) {
        List<Organization> exact = organizations.stream().filter(o -> o.name().equals(name)).toList();
        List<Organization> found = exact.isEmpty() ? organizations.stream().filter(o -> o.name().contains(name)).toList() : exact;
        if (found.isEmpty()) {
            problem(NAME_HEADERS.get(0), line, "组织名称“" + shorten(name) + "”与目录中的任何组织都不匹配");
            return null;
        }
        if (found.size() > 1) {
            problem(NAME_HEADERS.get(0), line, "组织名称“" + shorten(name) + "”与 " + found.size() + " 个组织匹配（"
                    + String.join("、", found.stream().limit(3).map(Organization::name).toList()) + (found.size() > 3 ? "等" : "")
                    + "），请填写全称或组织编号");
            return null;
        }
        return found.get(0);
    }

    /** A score 0–100 with at most two decimals; null when blank and optional. */
    private BigDecimal score(SurveyTable.Row row, int column, String header, boolean required) {
        String text = row.cell(column);
        if (text.isEmpty()) {
            if (required) {
                problem(header, row.line(), header + "未填写");
            }
            return null;
        }
        if (!NUMBER.matcher(text).matches()) {
            problem(header, row.line(), header + "“" + shorten(text) + "”不是数字");
            return null;
        }
        BigDecimal score = new BigDecimal(text);
        if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
            problem(header, row.line(), header + " " + text + " 超出范围，应在 0 到 100 之间");
            return null;
        }
        if (score.stripTrailingZeros().scale() > 2) {
            problem(header, row.line(), header + " " + text + " 的小数超过两位");
            return null;
        }
        return score.setScale(2);
    }

    private void problem(String field, Integer line, String message) {
        problems.add(new ApiError.Detail(field, line, line == null ? message : "第 " + line + " 行：" + message));
    }

    private void failIfProblems() {
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "测评文件有 " + problems.size() + " 处错误，未导入任何数据", problems);
        }
    }

    private static boolean matches(String header, List<String> names) {
        return names.get(0).equals(header) || names.get(1).equalsIgnoreCase(header);
    }

    /** Excel's name of a column: A, B, … Z, AA. */
    static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            name.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return name.toString();
    }

    private static String shorten(String text) {
        String line = Texts.oneLine(text);
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    private record Columns(int id, int name, int overall, int comment, List<Integer> items) {

        /** Columns without a header: Excel leaves such columns behind; a value in one is a problem. */
        boolean ignored(int column) {
            return column != id && column != name && column != overall && column != comment && !items.contains(column);
        }
    }
}
