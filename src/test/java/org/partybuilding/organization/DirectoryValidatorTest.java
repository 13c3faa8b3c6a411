package org.partybuilding.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryValidatorTest {

    private static final String TYPES = """
            secretaryTypes:
              - {code: COMMITTEE, name: 镇街及行业党（工）委书记}
              - {code: VILLAGE, name: 村党组织书记}
              - {code: COMMUNITY, name: 社区党组织书记}
              - {code: AGENCY, name: 机关党组织书记}
              - {code: STATE_OWNED_ENTERPRISE, name: 国有企业党组织书记}
              - {code: NON_PUBLIC_ENTERPRISE, name: 非公有制企业党组织书记}
              - {code: SOCIAL_ORGANIZATION, name: 社会组织党组织书记}
              - {code: PUBLIC_INSTITUTION, name: 学校及事业单位党组织书记}
            """;

    /** The root starts on line 11, the town on line 16, the village on line 23, the staff member on line 31. */
    private static final String VALID = TYPES + """
            organizations:
              - id: city
                name: 中共测试市委员会
                domain: CITY
                email: city@test.example
                secretary: {userId: wang.shi, name: 王市, email: wang.shi@test.example, phone: "0571-1000-0001"}
              - id: town-a
                name: 中共甲镇委员会
                domain: TOWN
                secretaryType: COMMITTEE
                parentId: city
                email: town-a@test.example
                secretary: {userId: li.zhen, name: 李镇, email: li.zhen@test.example}
              - id: village-b
                name: 中共乙村委员会
                domain: VILLAGE
                secretaryType: VILLAGE
                parentId: town-a
                email: village-b@test.example
                secretary: {userId: zhao.cun, name: 赵村, email: zhao.cun@test.example}
            staff:
              - {userId: qian.du, name: 钱督, email: qian.du@test.example, organizationId: town-a, groups: [inspectors]}
            """;

    @Test
    void acceptsAWellFormedDirectory() {
        ParsedDirectory parsed = parse(VALID);

        assertThat(new DirectoryValidator().validate(parsed)).isEmpty();
        assertThat(parsed.organizationList()).extracting(Organization::id).containsExactly("city", "town-a", "village-b");
        assertThat(parsed.staffList().get(0).groups()).containsExactly("inspectors");
    }

    @Test
    void rejectsAnUnknownParentOnTheLineOfTheOrganization() {
        List<DirectoryProblem> problems = validate(VALID.replace("parentId: town-a", "parentId: town-x"));

        assertThat(problems).containsExactly(new DirectoryProblem(23, "组织 village-b 的上级组织 town-x 不存在"));
    }

    @Test
    void rejectsADuplicateId() {
        List<DirectoryProblem> problems = validate(VALID.replace("id: village-b", "id: town-a"));

        assertThat(problems).extracting(DirectoryProblem::line, DirectoryProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple(23, "组织编号 town-a 重复（第 16 行已定义）"));
    }

    @Test
    void rejectsAnOrganizationWithoutSecretary() {
        List<DirectoryProblem> problems = validate(VALID.replace(
                "    secretary: {userId: zhao.cun, name: 赵村, email: zhao.cun@test.example}\n", ""));

        assertThat(problems).containsExactly(new DirectoryProblem(23, "组织 village-b 缺少书记信息 secretary"));
    }

    @Test
    void rejectsASecretaryWithoutName() {
        List<DirectoryProblem> problems = validate(VALID.replace("name: 赵村, ", ""));

        assertThat(problems).containsExactly(new DirectoryProblem(29, "组织 village-b 的书记 缺少必填字段 name"));
    }

    @Test
    void rejectsANameWithALineBreakOrControlCharacter() {
        List<DirectoryProblem> problems = validate(VALID.replace("name: 中共乙村委员会", "name: \"中共乙村\\n委员会\"")
                .replace("name: 钱督", "name: \"钱\\u0007督\""));

        assertThat(problems).containsExactly(
                new DirectoryProblem(24, "组织 village-b 的字段 name 含有换行或控制字符"),
                new DirectoryProblem(31, "工作人员 qian.du 的字段 name 含有换行或控制字符"));
    }

    @Test
    void rejectsABadEmail() {
        List<DirectoryProblem> problems = validate(VALID.replace("email: village-b@test.example", "email: village-b.test.example"));

        assertThat(problems).containsExactly(
                new DirectoryProblem(23, "组织 village-b 的联系邮箱 “village-b.test.example” 不是有效的邮箱地址"));
    }

    @Test
    void rejectsACycleInTheTree() {
        List<DirectoryProblem> problems = validate(VALID.replace(
                "parentId: city\n    email: town-a", "parentId: village-b\n    email: town-a"));

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("上级组织关系形成循环：").contains("town-a", "village-b"));
        assertThat(problems).anySatisfy(p -> assertThat(p.message()).startsWith("监督组织关系形成循环："));
    }

    @Test
    void rejectsASecondRoot() {
        List<DirectoryProblem> problems = validate(VALID.replace("""
                    secretaryType: VILLAGE
                    parentId: town-a
                """, """
                    secretaryType: VILLAGE
                """));

        assertThat(problems).containsExactly(new DirectoryProblem(23,
                "只能有一个根组织：组织 village-b 没有上级组织，而第 11 行的 city 已是根组织"));
    }

    @Test
    void rejectsUnknownFieldsEnumsAndReferencesOfStaff() {
        List<DirectoryProblem> problems = validate(VALID
                .replace("domain: VILLAGE", "domain: FARM")
                .replace("    email: town-a@test.example", "    emial: town-a@test.example")
                .replace("organizationId: town-a, groups: [inspectors]", "organizationId: town-z, groups: [bosses]"));

        assertThat(problems).extracting(DirectoryProblem::line).containsExactly(16, 21, 25, 31, 31);
        assertThat(problems.get(1).message()).contains("未知字段 “emial”");
        assertThat(problems.get(2).message()).contains("领域 domain “FARM” 无效");
        assertThat(problems.get(3).message()).isEqualTo("工作人员 qian.du 所在组织 town-z 不存在");
        assertThat(problems.get(4).message()).contains("用户组 bosses 无效");
    }

    @Test
    void rejectsOneUserIdUsedForTwoDifferentPeople() {
        List<DirectoryProblem> problems = validate(VALID.replace("userId: zhao.cun", "userId: li.zhen"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(23);
            assertThat(p.message()).contains("用户 li.zhen 已在第 16 行作为另一人（李镇）出现");
        });
    }

    @Test
    void rejectsAFileThatIsNotYamlWithTheLineOfTheSyntaxError() {
        List<DirectoryProblem> problems = validate(VALID.replace("  - id: town-a", "  - id: [town-a"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isBetween(16, 18);
            assertThat(p.message()).startsWith("YAML 格式错误");
        });
    }

    @Test
    void namesCommonYamlMistakesInChinese() {
        assertThat(validate(VALID.replace("  - id: town-a", "\t- id: town-a"))).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("YAML 格式错误：含有制表符（Tab），请改用空格缩进"));
        assertThat(validate(VALID + "\n  - id: \"town-z")).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("YAML 格式错误：文件意外结束：引号未闭合，或文件未完整保存、上传"));
    }

    @Test
    void requiresExactlyEightSecretaryTypes() {
        List<DirectoryProblem> problems = validate(VALID.replace("  - {code: PUBLIC_INSTITUTION, name: 学校及事业单位党组织书记}\n", ""));

        assertThat(problems).containsExactly(new DirectoryProblem(2, "应恰好定义 8 类书记类型，文件中有 7 类"));
    }

    private static ParsedDirectory parse(String yaml) {
        return new DirectoryParser().parse(new StringReader(yaml));
    }

    private static List<DirectoryProblem> validate(String yaml) {
        return new DirectoryValidator().validate(parse(yaml));
    }
}
