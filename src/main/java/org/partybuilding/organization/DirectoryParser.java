package org.partybuilding.organization;

import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import java.util.function.BiFunction;
import org.partybuilding.system.Texts;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a directory YAML file into entries that keep their line numbers, so that every problem can be
 * reported by line. It checks the shape of each entry (known fields, required values, formats);
 * relations between entries are {@link DirectoryValidator}'s.
 */
final class DirectoryParser {

    private static final Set<String> TOP_LEVEL = Set.of("secretaryTypes", "organizations", "staff");
    private static final Set<String> TYPE_FIELDS = Set.of("code", "name");
    private static final Set<String> ORGANIZATION_FIELDS = Set.of(
            "id", "name", "domain", "secretaryType", "parentId", "supervisorId", "email", "secretary");
    private static final Set<String> SECRETARY_FIELDS = Set.of("userId", "name", "email", "phone");
    private static final Set<String> STAFF_FIELDS = Set.of("userId", "name", "email", "phone", "organizationId", "groups");

    /** Room for a province: one organization takes about 290 characters in the demo format. */
    static final int MAX_CODE_POINTS = 64_000_000;
    /** Aliases of lists and maps: a handful of shared entries at most; a "billion laughs" file needs many. */
    static final int MAX_ALIASES = 50;

    private final List<DirectoryProblem> problems = new ArrayList<>();

    ParsedDirectory parse(Reader reader) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // duplicates are reported below, with their lines
            options.setCodePointLimit(MAX_CODE_POINTS);
            options.setMaxAliasesForCollections(MAX_ALIASES);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            problems.add(new DirectoryProblem(e.getProblemMark().getLine() + 1, "YAML 格式错误：" + problem(e.getProblem())));
            return result(List.of(), List.of(), List.of());
        } catch (YAMLException e) {
            // SnakeYAML's guards: file size, alias expansion ("billion laughs"), nesting depth
            String text = e.getMessage() == null ? "" : e.getMessage();
            String message = text.contains("exceeds the limit")
                    ? "目录文件过大：超过 " + MAX_CODE_POINTS / 1_000_000 + " 百万个字符（约二十万个党组织）"
                    : text.contains("Number of aliases")
                    ? "目录文件中引用（别名 *）过多：最多 " + MAX_ALIASES + " 个，请直接写出各项内容"
                    : text.contains("Nesting Depth")
                    ? "目录文件嵌套层次过深：不是组织目录的格式"
                    : "无法读取目录文件：YAML 格式错误";
            problems.add(new DirectoryProblem(0, message));
            return result(List.of(), List.of(), List.of());
        }
        if (!(root instanceof MappingNode rootMap)) {
            problems.add(new DirectoryProblem(line(root), "目录文件应包含 secretaryTypes、organizations、staff 三部分"));
            return result(List.of(), List.of(), List.of());
        }
        Map<String, Node> sections = fields(rootMap, TOP_LEVEL, "目录文件");
        List<ParsedDirectory.Entry<SecretaryType>> types = list(sections, "secretaryTypes", rootMap, true, this::secretaryType);
        List<ParsedDirectory.Entry<Organization>> organizations = list(sections, "organizations", rootMap, true, this::organization);
        List<ParsedDirectory.Entry<StaffMember>> staff = list(sections, "staff", rootMap, false, this::staffMember);
        return result(types, organizations, staff);
    }

    /** SnakeYAML's problem in words the organization department can act on; others named as they are. */
    private static String problem(String problem) {
        String text = problem == null ? "" : problem;
        if (text.contains("unexpected end of stream")) {
            return "文件意外结束：引号未闭合，或文件未完整保存、上传";
        } else if (text.contains("cannot start any token") && text.contains("\\t")) {
            return "含有制表符（Tab），请改用空格缩进";
        } else if (text.contains("mapping values are not allowed")) {
            return "此处不能出现“:”，请检查缩进或给含冒号的值加引号";
        } else if (text.contains("expected <block end>") || text.contains("did not find expected key")) {
            return "缩进不一致";
        } else if (text.contains("could not find expected ':'")) {
            return "缺少“:”";
        } else if (text.contains("found undefined alias")) {
            return "引用了未定义的别名";
        }
        return "无法解析（" + text + "）";
    }

    private ParsedDirectory result(List<ParsedDirectory.Entry<SecretaryType>> types,
            List<ParsedDirectory.Entry<Organization>> organizations, List<ParsedDirectory.Entry<StaffMember>> staff) {
        return new ParsedDirectory(types, organizations, staff, List.copyOf(problems));
    }

    private <T> List<ParsedDirectory.Entry<T>> list(Map<String, Node> sections, String name, Node parent,
            boolean required, BiFunction<MappingNode, Integer, T> reader) {
        Node section = sections.get(name);
        if (section == null || isNull(section)) {
            if (required) {
                problems.add(new DirectoryProblem(line(parent), "缺少 " + name + " 部分"));
            }
            return List.of();
        }
        if (!(section instanceof SequenceNode sequence)) {
            problems.add(new DirectoryProblem(line(section), name + " 应为列表（每项以“- ”开头）"));
            return List.of();
        }
        List<ParsedDirectory.Entry<T>> entries = new ArrayList<>();
        int index = 0;
        for (Node item : sequence.getValue()) {
            index++;
            if (item instanceof MappingNode mapping) {
                T value = reader.apply(mapping, index);
                entries.add(new ParsedDirectory.Entry<>(line(item), value));
            } else {
                problems.add(new DirectoryProblem(line(item), name + " 的第 " + index + " 项应为“字段: 值”的映射"));
            }
        }
        return entries;
    }

    private SecretaryType secretaryType(MappingNode node, int index) {
        Map<String, Node> f = fields(node, TYPE_FIELDS, "书记类型");
        return new SecretaryType(required(f, "code", node, "书记类型"), required(f, "name", node, "书记类型"));
    }

    private Organization organization(MappingNode node, int index) {
        String what = peek(node, "id") == null ? "组织" : "组织 " + peek(node, "id");
        Map<String, Node> f = fields(node, ORGANIZATION_FIELDS, what);
        String id = required(f, "id", node, "组织");
        String domainText = required(f, "domain", node, what);
        Domain domain = null;
        if (domainText != null) {
            try {
                domain = Domain.valueOf(domainText);
            } catch (IllegalArgumentException e) {
                problems.add(new DirectoryProblem(line(f.get("domain")), what + " 的领域 domain “" + domainText
                        + "” 无效，应为以下之一：" + String.join("、", java.util.Arrays.stream(Domain.values()).map(Enum::name).toList())));
            }
        }
        Node secretaryNode = f.get("secretary");
        String userId = null;
        String name = null;
        String email = null;
        String phone = null;
        if (secretaryNode == null || isNull(secretaryNode)) {
            problems.add(new DirectoryProblem(line(node), what + " 缺少书记信息 secretary"));
        } else if (secretaryNode instanceof MappingNode secretary) {
            Map<String, Node> s = fields(secretary, SECRETARY_FIELDS, what + " 的书记");
            userId = required(s, "userId", secretary, what + " 的书记");
            name = required(s, "name", secretary, what + " 的书记");
            email = required(s, "email", secretary, what + " 的书记");
            phone = optional(s, "phone");
        } else {
            problems.add(new DirectoryProblem(line(secretaryNode), what + " 的 secretary 应包含 userId、name、email、phone"));
        }
        return new Organization(id, required(f, "name", node, what), domain, optional(f, "secretaryType"),
                optional(f, "parentId"), optional(f, "supervisorId"), userId, name, email, phone,
                required(f, "email", node, what));
    }

    private StaffMember staffMember(MappingNode node, int index) {
        String what = peek(node, "userId") == null ? "工作人员" : "工作人员 " + peek(node, "userId");
        Map<String, Node> f = fields(node, STAFF_FIELDS, what);
        String userId = required(f, "userId", node, "工作人员");
        List<String> groups = new ArrayList<>();
        Node groupsNode = f.get("groups");
        if (groupsNode instanceof SequenceNode sequence) {
            for (Node group : sequence.getValue()) {
                if (group instanceof ScalarNode scalar) {
                    groups.add(scalar.getValue().trim());
                } else {
                    problems.add(new DirectoryProblem(line(group), what + " 的 groups 只能列出用户组编号"));
                }
            }
        } else if (groupsNode != null && !isNull(groupsNode)) {
            problems.add(new DirectoryProblem(line(groupsNode), what + " 的 groups 应为列表，例如 [inspectors]"));
        }
        return new StaffMember(userId, required(f, "name", node, what), required(f, "email", node, what),
                optional(f, "phone"), required(f, "organizationId", node, what), List.copyOf(groups));
    }

    /** The value of a key, read before the entry is checked, to name the entry in its problems. */
    private static String peek(MappingNode node, String key) {
        for (NodeTuple tuple : node.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())
                    && tuple.getValueNode() instanceof ScalarNode v && !v.getValue().isBlank()) {
                return v.getValue().trim();
            }
        }
        return null;
    }

    private Map<String, Node> fields(MappingNode node, Set<String> allowed, String what) {
        Map<String, Node> fields = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node key = tuple.getKeyNode();
            String name = key instanceof ScalarNode scalar ? scalar.getValue() : String.valueOf(key);
            if (!allowed.contains(name)) {
                problems.add(new DirectoryProblem(line(key), what + " 有未知字段 “" + name + "”，允许的字段："
                        + String.join("、", allowed.stream().sorted().toList())));
                continue;
            }
            if (seen.putIfAbsent(name, line(key)) != null) {
                problems.add(new DirectoryProblem(line(key), what + " 的字段 " + name + " 重复出现"));
                continue;
            }
            fields.put(name, tuple.getValueNode());
        }
        return fields;
    }

    private String required(Map<String, Node> fields, String name, Node owner, String what) {
        Node value = fields.get(name);
        if (value == null || isNull(value)) {
            problems.add(new DirectoryProblem(line(owner), what + " 缺少必填字段 " + name));
            return null;
        }
        String text = scalar(value, name, what);
        if (text != null && text.isBlank()) {
            problems.add(new DirectoryProblem(line(value), what + " 的字段 " + name + " 不能为空"));
            return null;
        }
        return text;
    }

    private String optional(Map<String, Node> fields, String name) {
        Node value = fields.get(name);
        if (value == null || isNull(value)) {
            return null;
        }
        String text = scalar(value, name, "字段");
        return text == null || text.isBlank() ? null : text;
    }

    /** Every value of the directory is one line: names go into mail subjects and Tasklist, ids into URLs. */
    private String scalar(Node value, String name, String what) {
        if (value instanceof ScalarNode scalar) {
            String text = scalar.getValue().trim();
            if (Texts.hasControlCharacters(text, false)) {
                problems.add(new DirectoryProblem(line(value), what + " 的字段 " + name + " 含有换行或控制字符"));
                return null;
            }
            return text;
        }
        problems.add(new DirectoryProblem(line(value), what + " 的字段 " + name + " 应为单个值"));
        return null;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && "tag:yaml.org,2002:null".equals(scalar.getTag().getValue());
    }

    private static int line(Node node) {
        return node == null || node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
