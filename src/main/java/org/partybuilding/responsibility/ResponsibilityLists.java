package org.partybuilding.responsibility;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.DirectoryService;
import org.partybuilding.organization.SecretaryType;
import org.partybuilding.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The eight secretary responsibility lists (八种类型书记责任清单) in effect for a year: what quarterly inspections and
 * duty reports check secretaries against. For each secretary type of the directory the list in effect is the current
 * version of the year's own list or, when the year has none, of the latest earlier year's ({@code inheritedFrom}), so a
 * new year works before the organization department publishes its lists.
 */
@Service
public class ResponsibilityLists {

    static final int FIRST_YEAR = 2000;
    /** The table's bound; an upload may be at most for next year. */
    static final int LAST_STORED_YEAR = 2100;

    private final ResponsibilityListRepository repository;
    private final DirectoryService directory;
    private final ZoneId zone;

    ResponsibilityLists(ResponsibilityListRepository repository, DirectoryService directory,
            @Value("${app.time-zone}") String zone) {
        this.repository = repository;
        this.directory = directory;
        this.zone = ZoneId.of(zone);
    }

    /** Every list in effect for the year (its own or inherited), in the directory's order of secretary types. */
    public List<ResponsibilityList> inEffect(int year) {
        Map<String, ResponsibilityListRepository.Stored> stored = repository.currentUpTo(year).stream()
                .collect(Collectors.toMap(ResponsibilityListRepository.Stored::type, Function.identity()));
        List<ResponsibilityList> lists = new ArrayList<>();
        for (SecretaryType type : directory.secretaryTypes()) {
            ResponsibilityListRepository.Stored list = stored.get(type.code());
            if (list != null) {
                lists.add(new ResponsibilityList(year, type.code(), type.name(), list.version(),
                        list.year() == year ? null : list.year(), list.updatedBy(), list.updatedAt(), list.items()));
            }
        }
        return lists;
    }

    /** The list of this secretary type in effect for the year; empty for an unknown type or a year before its first list. */
    public Optional<ResponsibilityList> inEffect(int year, String type) {
        return inEffect(year).stream().filter(list -> list.type().equals(type)).findFirst();
    }

    /** The item with this code among the lists in effect for the year. */
    public Optional<ResponsibilityItem> item(int year, String code) {
        return inEffect(year).stream().flatMap(list -> list.items().stream()).filter(item -> item.code().equals(code)).findFirst();
    }

    /** The items due in the quarter (1–4): those of that quarter and those all year round (0), all types, in list order. */
    public List<ResponsibilityItem> itemsDueIn(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("quarter must be 1 to 4: " + quarter);
        }
        return inEffect(year).stream().flatMap(list -> list.items().stream()).filter(item -> item.dueIn(quarter)).toList();
    }

    /** For {@code GET}: every list in effect, or 404 for a year before the first. */
    List<ResponsibilityList> lists(int year) {
        List<ResponsibilityList> lists = inEffect(year);
        if (lists.isEmpty()) {
            throw ApiException.notFound(year + "年及以前没有书记责任清单");
        }
        return lists;
    }

    /** For {@code GET}: one list in effect, or 404 for an unknown type or a year before its first list. */
    ResponsibilityList list(int year, String type) {
        SecretaryType secretaryType = type(type);
        return inEffect(year, type).orElseThrow(() -> ApiException.notFound(
                year + "年及以前没有" + secretaryType.name() + "责任清单"));
    }

    /** The year's own versions of the type's list, oldest first; 404 when the year has none of its own. */
    List<ResponsibilityListRepository.Version> versions(int year, String type) {
        SecretaryType secretaryType = type(type);
        List<ResponsibilityListRepository.Version> versions = repository.versions(year, type);
        if (versions.isEmpty()) {
            String inherited = inEffect(year, type).map(l -> "（沿用" + l.inheritedFrom() + "年的清单，请查询该年的版本）").orElse("");
            throw ApiException.notFound(year + "年没有本年度的" + secretaryType.name() + "责任清单" + inherited);
        }
        return versions;
    }

    /** For {@code GET}: one version of the year's own list of the type, as it was published; 404 when there is none. */
    ResponsibilityList version(int year, String type, int version) {
        SecretaryType secretaryType = type(type);
        return repository.version(year, type, version)
                .map(v -> new ResponsibilityList(year, type, secretaryType.name(), v.version(), null, v.updatedBy(),
                        v.updatedAt(), v.items()))
                .orElseThrow(() -> ApiException.notFound(year + "年" + secretaryType.name() + "责任清单没有第 " + version + " 版"));
    }

    /**
     * Publishes the year's list of the type as its next version, checked whole first: a wrong list changes nothing.
     * Only the organization department publishes.
     */
    @Transactional
    ResponsibilityList publish(int year, String type, String body, ApiUser caller) {
        if (!caller.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以发布书记责任清单");
        }
        SecretaryType secretaryType = type(type);
        int lastYear = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).getYear() + 1;
        if (year < FIRST_YEAR || year > lastYear) {
            throw ApiException.badField("year", "年份应在 " + FIRST_YEAR + " 到 " + lastYear + " 之间，未作任何修改");
        }
        List<ResponsibilityItem> items = ResponsibilityListParser.parse(body, year, type, secretaryType.name(),
                codesOfOtherLists(year, type));
        int version = repository.currentVersion(year, type).orElse(0) + 1;
        if (!repository.store(year, type, version, items, caller.userId())) {
            throw new ApiException(HttpStatus.CONFLICT, "该清单刚刚被他人修改，请重新读取后再提交");
        }
        return list(year, type);
    }

    /** Every code of the other types' lists in effect for the year, with its list's type name. */
    private Map<String, String> codesOfOtherLists(int year, String type) {
        Map<String, String> codes = new HashMap<>();
        for (ResponsibilityList list : inEffect(year)) {
            if (!list.type().equals(type)) {
                list.items().forEach(item -> codes.put(item.code(), list.typeName()));
            }
        }
        return codes;
    }

    /** The directory's secretary types by code. */
    Map<String, SecretaryType> types() {
        Map<String, SecretaryType> types = new LinkedHashMap<>();
        directory.secretaryTypes().forEach(t -> types.put(t.code(), t));
        return types;
    }

    private SecretaryType type(String code) {
        SecretaryType type = types().get(code);
        if (type == null) {
            throw ApiException.notFound("书记类型 " + code + " 不存在（可用类型：" + String.join("、", types().keySet()) + "）");
        }
        return type;
    }
}
