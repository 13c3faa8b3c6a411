package org.partybuilding.organization;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks the relations of a parsed directory: ids, references, the tree, people. Every problem is listed. */
final class DirectoryValidator {

    static final int SECRETARY_TYPE_COUNT = 8;
    static final Pattern ORGANIZATION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    static final Pattern USER_ID = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
    static final Pattern TYPE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{4,19}");
    static final Set<String> STAFF_GROUPS = Set.of(Groups.ORG_DEPT, Groups.INSPECTORS);
    private static final Set<String> RESERVED_USER_IDS = Set.of("admin");

    private final List<DirectoryProblem> problems = new ArrayList<>();

    List<DirectoryProblem> validate(ParsedDirectory directory) {
        problems.addAll(directory.problems());
        Set<String> typeCodes = checkSecretaryTypes(directory.secretaryTypes());
        Map<String, ParsedDirectory.Entry<Organization>> organizations = checkOrganizations(directory.organizations(), typeCodes);
        checkTree(organizations, "上级组织", Organization::parentId);
        checkTree(organizations, "监督组织", o -> o.supervisorId() != null ? o.supervisorId() : o.parentId());
        checkPeople(directory, organizations.keySet());
        problems.sort((a, b) -> Integer.compare(a.line(), b.line()));
        return List.copyOf(problems);
    }

    private Set<String> checkSecretaryTypes(List<ParsedDirectory.Entry<SecretaryType>> types) {
        Set<String> codes = new HashSet<>();
        for (ParsedDirectory.Entry<SecretaryType> entry : types) {
            String code = entry.value().code();
            if (code == null) {
                continue;
            }
            if (!TYPE_CODE.matcher(code).matches()) {
                problem(entry.line(), "书记类型编码 “" + code + "” 无效：只能用大写字母、数字和下划线");
            } else if (!codes.add(code)) {
                problem(entry.line(), "书记类型编码 " + code + " 重复");
            }
        }
        if (!types.isEmpty() && types.size() != SECRETARY_TYPE_COUNT) {
            problem(types.get(0).line(), "应恰好定义 " + SECRETARY_TYPE_COUNT + " 类书记类型，文件中有 " + types.size() + " 类");
        }
        return codes;
    }

    private Map<String, ParsedDirectory.Entry<Organization>> checkOrganizations(
            List<ParsedDirectory.Entry<Organization>> entries, Set<String> typeCodes) {
        Map<String, ParsedDirectory.Entry<Organization>> byId = new HashMap<>();
        for (ParsedDirectory.Entry<Organization> entry : entries) {
            String id = entry.value().id();
            if (id == null) {
                continue;
            }
            if (!ORGANIZATION_ID.matcher(id).matches()) {
                problem(entry.line(), "组织编号 “" + id + "” 无效：只能用小写字母、数字和连字符，最长 40 个字符");
            } else if (byId.putIfAbsent(id, entry) != null) {
                problem(entry.line(), "组织编号 " + id + " 重复（第 " + byId.get(id).line() + " 行已定义）");
            }
        }
        List<ParsedDirectory.Entry<Organization>> roots = new ArrayList<>();
        for (ParsedDirectory.Entry<Organization> entry : entries) {
            Organization o = entry.value();
            String what = "组织 " + Objects.requireNonNullElse(o.id(), "");
            if (o.parentId() == null) {
                roots.add(entry);
            } else if (!byId.containsKey(o.parentId())) {
                problem(entry.line(), what + " 的上级组织 " + o.parentId() + " 不存在");
            } else if (o.parentId().equals(o.id())) {
                problem(entry.line(), what + " 不能以自身为上级组织");
            }
            if (o.supervisorId() != null && !byId.containsKey(o.supervisorId())) {
                problem(entry.line(), what + " 的监督组织 " + o.supervisorId() + " 不存在");
            }
            if (o.parentId() != null && o.secretaryType() == null) {
                problem(entry.line(), what + " 缺少书记类型 secretaryType");
            }
            if (o.secretaryType() != null && !typeCodes.contains(o.secretaryType())) {
                problem(entry.line(), what + " 的书记类型 " + o.secretaryType() + " 未在 secretaryTypes 中定义");
            }
            checkEmail(entry.line(), what + " 的联系邮箱", o.email());
            checkEmail(entry.line(), what + " 的书记邮箱", o.secretaryEmail());
            checkPhone(entry.line(), what + " 的书记电话", o.secretaryPhone());
        }
        if (!entries.isEmpty() && roots.isEmpty()) {
            problem(entries.get(0).line(), "目录中没有根组织（不填 parentId 的组织，即市委）");
        }
        for (int i = 1; i < roots.size(); i++) {
            problem(roots.get(i).line(), "只能有一个根组织：组织 " + roots.get(i).value().id()
                    + " 没有上级组织，而第 " + roots.get(0).line() + " 行的 " + roots.get(0).value().id() + " 已是根组织");
        }
        return byId;
    }

    /** Reports each organization that is its own ancestor along {@code up}, once per cycle. */
    private void checkTree(Map<String, ParsedDirectory.Entry<Organization>> byId, String relation,
            Function<Organization, String> up) {
        Set<String> reported = new HashSet<>();
        for (ParsedDirectory.Entry<Organization> entry : byId.values()) {
            Set<String> path = new HashSet<>();
            String current = entry.value().id();
            while (current != null && byId.containsKey(current) && path.add(current)) {
                current = up.apply(byId.get(current).value());
            }
            if (current != null && path.contains(current) && reported.add(current)) {
                List<String> cycle = new ArrayList<>();
                String step = current;
                do {
                    cycle.add(step);
                    step = up.apply(byId.get(step).value());
                } while (!step.equals(current));
                reported.addAll(cycle);
                cycle.add(current);
                problem(byId.get(current).line(), relation + "关系形成循环：" + String.join(" → ", cycle));
            }
        }
    }

    private void checkPeople(ParsedDirectory directory, Set<String> organizationIds) {
        Map<String, ParsedDirectory.Entry<Organization>> secretaries = new HashMap<>();
        for (ParsedDirectory.Entry<Organization> entry : directory.organizations()) {
            Organization o = entry.value();
            if (o.secretaryUserId() == null) {
                continue;
            }
            if (!validUserId(entry.line(), o.secretaryUserId())) {
                continue;
            }
            ParsedDirectory.Entry<Organization> earlier = secretaries.putIfAbsent(o.secretaryUserId(), entry);
            if (earlier != null && !samePerson(earlier.value(), o)) {
                problem(entry.line(), "用户 " + o.secretaryUserId() + " 已在第 " + earlier.line()
                        + " 行作为另一人（" + earlier.value().secretaryName() + "）出现：同一用户编号的姓名和邮箱必须一致");
            }
        }
        Map<String, Integer> staffLines = new HashMap<>();
        for (ParsedDirectory.Entry<StaffMember> entry : directory.staff()) {
            StaffMember s = entry.value();
            String what = "工作人员 " + Objects.requireNonNullElse(s.userId(), "");
            if (s.userId() != null && validUserId(entry.line(), s.userId())) {
                if (staffLines.putIfAbsent(s.userId(), entry.line()) != null) {
                    problem(entry.line(), "工作人员 " + s.userId() + " 重复（第 " + staffLines.get(s.userId()) + " 行已定义）");
                } else if (secretaries.containsKey(s.userId())) {
                    problem(entry.line(), "用户 " + s.userId() + " 已是第 " + secretaries.get(s.userId()).line()
                            + " 行组织的书记，不能同时列为工作人员");
                }
            }
            if (s.organizationId() != null && !organizationIds.contains(s.organizationId())) {
                problem(entry.line(), what + " 所在组织 " + s.organizationId() + " 不存在");
            }
            for (String group : s.groups()) {
                if (!STAFF_GROUPS.contains(group)) {
                    problem(entry.line(), what + " 的用户组 " + group + " 无效，只能是 " + String.join("、", STAFF_GROUPS.stream().sorted().toList()));
                }
            }
            checkEmail(entry.line(), what + " 的邮箱", s.email());
            checkPhone(entry.line(), what + " 的电话", s.phone());
        }
    }

    private boolean validUserId(int line, String userId) {
        if (RESERVED_USER_IDS.contains(userId)) {
            problem(line, "用户编号 " + userId + " 为系统保留，不能在目录中使用");
            return false;
        }
        if (!USER_ID.matcher(userId).matches()) {
            problem(line, "用户编号 “" + userId + "” 无效：以小写字母开头，只能用小写字母、数字和 . _ -");
            return false;
        }
        return true;
    }

    private static boolean samePerson(Organization a, Organization b) {
        return Objects.equals(a.secretaryName(), b.secretaryName()) && Objects.equals(a.secretaryEmail(), b.secretaryEmail());
    }

    private void checkEmail(int line, String what, String email) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            problem(line, what + " “" + email + "” 不是有效的邮箱地址");
        }
    }

    private void checkPhone(int line, String what, String phone) {
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problem(line, what + " “" + phone + "” 不是有效的电话号码");
        }
    }

    private void problem(int line, String message) {
        problems.add(new DirectoryProblem(line, message));
    }
}
