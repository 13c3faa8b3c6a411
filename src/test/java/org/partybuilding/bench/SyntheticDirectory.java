package org.partybuilding.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A made-up city of a given number of organizations in the format of {@code directory/demo-directory.yml}, shaped like
 * the demo city so the benchmark exercises the same relations: one root, about one town or subdistrict per hundred
 * organizations (each with a supervisor and an inspector), grassroots organizations of every domain under the towns,
 * three sector committees that supervise some enterprises, and organization-department staff at the root.
 * Every organization has a secretary of its own; everyone's password is the demo password.
 */
final class SyntheticDirectory {

    static final String ROOT_ID = "city";
    static final String DOMAIN_NAME = "bench.example";

    /** The sector committees of the demo city, and the domains whose enterprises they supervise. */
    private static final List<String[]> SECTORS = List.of(
            new String[] {"sector-agencies", "市直机关工委"},
            new String[] {"sector-soe", "国资委党委"},
            new String[] {"sector-two-new", "两新工委"});

    /** Grassroots domains in rotation; the first slot becomes VILLAGE under a town and COMMUNITY under a subdistrict. */
    private static final String[] GRASSROOTS_ROTATION = {
        "LOCAL", "LOCAL", "LOCAL", "LOCAL", "NON_PUBLIC_ENTERPRISE", "NON_PUBLIC_ENTERPRISE",
        "SOCIAL_ORGANIZATION", "STATE_OWNED_ENTERPRISE", "GOVERNMENT_AGENCY", "PUBLIC_INSTITUTION"};

    /** A grassroots organization: where the work is, and whose secretary does it. */
    record Grassroots(String id, String townId, String supervisorId, String secretaryUserId) {
    }

    /** A town or subdistrict, with its two staff members. */
    record Town(String id, boolean subdistrict, String supervisorUserId, String inspectorUserId) {
    }

    private final List<Town> towns = new ArrayList<>();
    private final List<Grassroots> grassroots = new ArrayList<>();
    private final List<String> orgDeptUserIds = new ArrayList<>();
    private final List<Map<String, Object>> organizations = new ArrayList<>();
    private final List<Map<String, Object>> staff = new ArrayList<>();
    private int phone;

    /** @param total organizations in the file, root, towns and sectors included (at least 10) */
    static SyntheticDirectory of(int total) {
        if (total < 10) {
            throw new IllegalArgumentException("BENCH_ORGS must be at least 10, was " + total);
        }
        SyntheticDirectory directory = new SyntheticDirectory();
        directory.build(total);
        return directory;
    }

    private void build(int total) {
        organization(ROOT_ID, "中共基准市委员会", "CITY", null, null, null);
        for (int i = 1; i <= 2; i++) {
            staffMember("orgdept." + i, "组织部干部" + i, ROOT_ID, List.of("org-dept"));
            orgDeptUserIds.add("orgdept." + i);
        }
        for (int i = 1; i <= 2; i++) {
            staffMember("inspector." + i, "市委督查员" + i, ROOT_ID, List.of("inspectors"));
        }
        for (String[] sector : SECTORS) {
            organization(sector[0], "中共基准市" + sector[1], "SECTOR", "COMMITTEE", ROOT_ID, null);
            staffMember("sup." + sector[0], sector[1] + "分管负责人", sector[0], List.of());
            staffMember("insp." + sector[0], sector[1] + "督查员", sector[0], List.of("inspectors"));
        }
        int townCount = Math.max(1, total / 100);
        for (int t = 1; t <= townCount; t++) {
            String id = String.format("town-%04d", t);
            boolean subdistrict = t % 2 == 0;
            organization(id, "中共基准市第" + t + (subdistrict ? "街道工作委员会" : "镇委员会"),
                    subdistrict ? "SUBDISTRICT" : "TOWN", "COMMITTEE", ROOT_ID, null);
            Town town = new Town(id, subdistrict, "sup." + id, "insp." + id);
            staffMember(town.supervisorUserId(), "第" + t + (subdistrict ? "街道" : "镇") + "分管负责人", id, List.of());
            staffMember(town.inspectorUserId(), "第" + t + (subdistrict ? "街道" : "镇") + "督查员", id, List.of("inspectors"));
            towns.add(town);
        }
        int grassrootsCount = total - 1 - SECTORS.size() - townCount;
        for (int g = 1; g <= grassrootsCount; g++) {
            Town town = towns.get((g - 1) % townCount);
            String domain = GRASSROOTS_ROTATION[(g - 1) / townCount % GRASSROOTS_ROTATION.length];
            if (domain.equals("LOCAL")) {
                domain = town.subdistrict() ? "COMMUNITY" : "VILLAGE";
            }
            // every fifth enterprise is supervised by its sector committee, not by the town (as in the demo city)
            String supervisor = null;
            if (g % 5 == 0 && (domain.equals("NON_PUBLIC_ENTERPRISE") || domain.equals("SOCIAL_ORGANIZATION"))) {
                supervisor = "sector-two-new";
            } else if (g % 5 == 0 && domain.equals("STATE_OWNED_ENTERPRISE")) {
                supervisor = "sector-soe";
            }
            String id = String.format("org-%06d", g);
            organization(id, "中共基准市基层组织" + g + "委员会", domain, secretaryType(domain), town.id(), supervisor);
            grassroots.add(new Grassroots(id, town.id(), supervisor != null ? supervisor : town.id(), "sec." + id));
        }
    }

    private static String secretaryType(String domain) {
        return switch (domain) {
            case "GOVERNMENT_AGENCY" -> "AGENCY";
            default -> domain;
        };
    }

    private void organization(String id, String name, String domain, String secretaryType, String parentId, String supervisorId) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", id);
        o.put("name", name);
        o.put("domain", domain);
        if (secretaryType != null) {
            o.put("secretaryType", secretaryType);
        }
        if (parentId != null) {
            o.put("parentId", parentId);
        }
        if (supervisorId != null) {
            o.put("supervisorId", supervisorId);
        }
        o.put("email", id + "@" + DOMAIN_NAME);
        String userId = "sec." + id;
        o.put("secretary", Map.of("userId", userId, "name", name.replace("中共基准市", "").replace("委员会", "") + "书记",
                "email", userId + "@" + DOMAIN_NAME, "phone", nextPhone()));
        organizations.add(o);
    }

    private void staffMember(String userId, String name, String organizationId, List<String> groups) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("userId", userId);
        s.put("name", name);
        s.put("email", userId + "@" + DOMAIN_NAME);
        s.put("phone", nextPhone());
        s.put("organizationId", organizationId);
        if (!groups.isEmpty()) {
            s.put("groups", groups);
        }
        staff.add(s);
    }

    private String nextPhone() {
        return String.format("139%08d", ++phone);
    }

    /** Writes the YAML file; returns its length in code points (the product's parser limits a file to 5 Mi of them). */
    long write(Path file) throws IOException {
        List<Map<String, String>> types = List.of(
                type("COMMITTEE", "镇街及行业党（工）委书记"), type("VILLAGE", "村党组织书记"), type("COMMUNITY", "社区党组织书记"),
                type("AGENCY", "机关党组织书记"), type("STATE_OWNED_ENTERPRISE", "国有企业党组织书记"),
                type("NON_PUBLIC_ENTERPRISE", "非公有制企业党组织书记"), type("SOCIAL_ORGANIZATION", "社会组织党组织书记"),
                type("PUBLIC_INSTITUTION", "学校及事业单位党组织书记"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("secretaryTypes", types);
        document.put("organizations", organizations);
        document.put("staff", staff);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(200);
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("# Synthetic directory of the benchmark (bench/run): " + organizations.size() + " organizations.\n");
            new Yaml(options).dump(document, writer);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.codePointCount(0, text.length());
    }

    private static Map<String, String> type(String code, String name) {
        Map<String, String> type = new LinkedHashMap<>();
        type.put("code", code);
        type.put("name", name);
        return type;
    }

    int organizationCount() {
        return organizations.size();
    }

    List<Town> towns() {
        return towns;
    }

    List<Grassroots> grassroots() {
        return grassroots;
    }

    List<String> orgDeptUserIds() {
        return orgDeptUserIds;
    }
}
