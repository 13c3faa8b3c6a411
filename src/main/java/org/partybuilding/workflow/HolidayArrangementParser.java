package org.partybuilding.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.partybuilding.system.ApiError;
import org.partybuilding.system.ApiException;
import org.partybuilding.system.Texts;
import org.springframework.http.HttpStatus;

/**
 * Reads a holiday arrangement file (a shipped {@code holidays/<year>.json} or the body of
 * {@code PUT /api/holiday-calendar/{year}}) and checks all of it, so a wrong file is refused whole with every problem
 * by field, in Chinese, before anything is stored. A deadline computed on a mistyped arrangement would be wrong for
 * every instance of the year, so the checks are strict: unknown fields, holidays outside the year, overlapping
 * holidays, adjusted working days that are not weekend days or fall inside a holiday, and an arrangement that leaves
 * out a statutory holiday ({@link StatutoryHolidays}) are refused.
 *
 * <p>Dates lie in the arrangement's year, or in the December before it: a notice may give 元旦 together with the
 * weekend before it and have that weekend worked the week before, as the notices for 2019 (work on Saturday
 * 29 December 2018) and 2023 (off from 31 December 2022) did. Nothing of a year's notice ever reached into the next
 * year, whose 元旦 belongs to the next notice.
 */
final class HolidayArrangementParser {

    /** The statutory holidays checked are those of the 2024 revision, in force since 2025. */
    static final int FIRST_YEAR = 2025;
    static final int LAST_YEAR = 2100;
    /** Longer than any holiday ever given (9 days, 春节 2026): a longer range is a typing error. */
    static final int LONGEST_HOLIDAY_DAYS = 15;
    static final int MAX_TEXT_LENGTH = 200;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("year", "source", "published", "holidays", "workingDays");
    /** What {@code GET /api/holiday-calendar/{year}} adds: accepted and ignored, so a read arrangement can be put back. */
    private static final Set<String> READ_ONLY_FIELDS = Set.of("provisional", "origin", "loadedBy", "loadedAt");
    private static final Set<String> HOLIDAY_FIELDS = Set.of("name", "from", "to");
    private static final Set<String> WORKING_DAY_FIELDS = Set.of("date", "for");

    private final int year;
    private final List<ApiError.Detail> problems = new ArrayList<>();

    private HolidayArrangementParser(int year) {
        this.year = year;
    }

    /**
     * The arrangement for {@code year} in {@code json}.
     *
     * @throws ApiException 400 with every problem by field when the year is out of range or the file is wrong
     */
    static HolidayArrangement parse(String json, int year) {
        checkYear(year);
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            String message = "节假日安排不是有效的 JSON" + (line == null ? "" : "（第 " + line + " 行附近）") + "，未作任何修改";
            throw new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new ApiError.Detail(null, line, message)));
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badField(null, "节假日安排应为一个 JSON 对象，未作任何修改");
        }
        return new HolidayArrangementParser(year).read(root);
    }

    /** Refuses a year whose statutory holidays this calendar does not know. */
    static void checkYear(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw ApiException.badField("year", "年份应在 " + FIRST_YEAR + " 到 " + LAST_YEAR + " 之间");
        }
    }

    private HolidayArrangement read(JsonNode root) {
        unknownFields(root, "", FIELDS, READ_ONLY_FIELDS);
        if (root.path("provisional").asBoolean(false)) {
            problem("provisional", "这是按法定节假日推算的临时安排，不能作为正式安排载入；请按国务院办公厅的通知填写");
        }
        JsonNode yearNode = root.get("year");
        if (yearNode == null || yearNode.isNull()) {
            problem("year", "缺少年份 year");
        } else if (!yearNode.isInt()) {
            problem("year", "年份 year 应为整数，如 " + year);
        } else if (yearNode.intValue() != year) {
            problem("year", "请求体中的年份 " + yearNode.intValue() + " 与地址中的年份 " + year + " 不一致");
        }
        String source = text(root.get("source"), "source", "来源 source（通知的名称和文号）");
        LocalDate published = date(root.get("published"), "published", "发布日期 published", false);
        List<HolidayArrangement.Holiday> holidays = holidays(root.get("holidays"));
        List<HolidayArrangement.WorkingDay> workingDays = workingDays(root.get("workingDays"), holidays);
        if (!problems.isEmpty()) {
            throw refusal();
        }
        statutoryDaysCovered(holidays);
        if (!problems.isEmpty()) {
            throw refusal();
        }
        return new HolidayArrangement(year, source, published, holidays, workingDays);
    }

    private List<HolidayArrangement.Holiday> holidays(JsonNode array) {
        List<HolidayArrangement.Holiday> holidays = new ArrayList<>();
        if (array == null || array.isNull()) {
            problem("holidays", "缺少放假安排 holidays");
            return holidays;
        }
        if (!array.isArray() || array.isEmpty()) {
            problem("holidays", "放假安排 holidays 应为非空数组，每项含 name、from、to");
            return holidays;
        }
        int problemsBefore = problems.size();
        for (int i = 0; i < array.size(); i++) {
            String field = "holidays[" + i + "]";
            JsonNode holiday = array.get(i);
            if (!holiday.isObject()) {
                problem(field, "每项放假安排应为含 name、from、to 的对象");
                continue;
            }
            unknownFields(holiday, field + ".", HOLIDAY_FIELDS, Set.of());
            String name = text(holiday.get("name"), field + ".name", "假日名称 name");
            LocalDate from = date(holiday.get("from"), field + ".from", "放假首日 from", true);
            LocalDate to = date(holiday.get("to"), field + ".to", "放假末日 to", true);
            if (from == null || to == null || name == null) {
                continue;
            }
            if (from.isAfter(to)) {
                problem(field + ".to", "“" + name + "”的放假末日 " + to + " 早于首日 " + from);
            } else if (from.plusDays(LONGEST_HOLIDAY_DAYS).isBefore(to.plusDays(1))) {
                problem(field + ".to", "“" + name + "”从 " + from + " 到 " + to + "，超过 " + LONGEST_HOLIDAY_DAYS + " 天，请检查日期");
            } else {
                holidays.add(new HolidayArrangement.Holiday(name, from, to));
            }
        }
        if (problems.size() == problemsBefore) {
            overlaps(holidays);
        }
        return holidays;
    }

    private void overlaps(List<HolidayArrangement.Holiday> holidays) {
        List<HolidayArrangement.Holiday> byStart = holidays.stream().sorted(Comparator.comparing(HolidayArrangement.Holiday::from)).toList();
        for (int i = 1; i < byStart.size(); i++) {
            HolidayArrangement.Holiday earlier = byStart.get(i - 1);
            HolidayArrangement.Holiday later = byStart.get(i);
            if (!later.from().isAfter(earlier.to())) {
                problem("holidays[" + holidays.indexOf(later) + "]", "“" + later.name() + "”（" + range(later) + "）与“"
                        + earlier.name() + "”（" + range(earlier) + "）重叠");
            }
        }
    }

    private List<HolidayArrangement.WorkingDay> workingDays(JsonNode array, List<HolidayArrangement.Holiday> holidays) {
        List<HolidayArrangement.WorkingDay> workingDays = new ArrayList<>();
        if (array == null || array.isNull()) {
            return workingDays; // a year may have none (元旦 2025 was given alone)
        }
        if (!array.isArray()) {
            problem("workingDays", "调休上班日 workingDays 应为数组，每项含 date、for");
            return workingDays;
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < array.size(); i++) {
            String field = "workingDays[" + i + "]";
            JsonNode day = array.get(i);
            if (!day.isObject()) {
                problem(field, "每个调休上班日应为含 date、for 的对象");
                continue;
            }
            unknownFields(day, field + ".", WORKING_DAY_FIELDS, Set.of());
            LocalDate date = date(day.get("date"), field + ".date", "调休上班日 date", true);
            String forHoliday = text(day.get("for"), field + ".for", "调休所为的假日 for");
            if (date == null || forHoliday == null) {
                continue;
            }
            if (!DateTexts.isWeekend(date)) {
                problem(field + ".date", DateTexts.full(date) + "是" + DateTexts.weekday(date) + "，调休上班日只能是星期六或星期日");
            } else if (!seen.add(date)) {
                problem(field + ".date", DateTexts.full(date) + "重复列出");
            } else {
                holidays.stream().filter(h -> !date.isBefore(h.from()) && !date.isAfter(h.to())).findFirst().ifPresentOrElse(
                        h -> problem(field + ".date", DateTexts.full(date) + "在“" + h.name() + "”假期（" + range(h) + "）之内，不能同时是调休上班日"),
                        () -> workingDays.add(new HolidayArrangement.WorkingDay(date, forHoliday)));
            }
        }
        return workingDays;
    }

    private void statutoryDaysCovered(List<HolidayArrangement.Holiday> holidays) {
        for (Map.Entry<LocalDate, String> day : StatutoryHolidays.of(year).entrySet()) {
            LocalDate date = day.getKey();
            if (holidays.stream().noneMatch(h -> !date.isBefore(h.from()) && !date.isAfter(h.to()))) {
                problem("holidays", "安排中缺少法定节假日：" + day.getValue() + " " + DateTexts.monthDay(date));
            }
        }
    }

    private void unknownFields(JsonNode object, String prefix, Set<String> fields, Set<String> ignored) {
        object.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name) && !ignored.contains(name)) {
                problem(prefix + name, "未知字段 " + name + "（可用字段：" + String.join("、", fields.stream().sorted().toList()) + "）");
            }
        });
    }

    private String text(JsonNode node, String field, String what) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            problem(field, "缺少" + what);
            return null;
        }
        if (!node.isTextual()) {
            problem(field, what + "应为文字");
            return null;
        }
        String value = node.asText().strip();
        if (Texts.hasControlCharacters(value, false)) {
            problem(field, what + "应为一行文字，不能含换行或控制字符");
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            problem(field, what + "不能超过 " + MAX_TEXT_LENGTH + " 个字符");
            return null;
        }
        return value;
    }

    private LocalDate date(JsonNode node, String field, String what, boolean inYear) {
        if (node == null || node.isNull()) {
            problem(field, "缺少" + what);
            return null;
        }
        LocalDate date;
        try {
            date = node.isTextual() ? LocalDate.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            problem(field, what + "的值 " + node + " 不是有效日期，格式应为 YYYY-MM-DD（如 " + year + "-10-01）");
            return null;
        }
        boolean allowed = date.getYear() == year || (date.getYear() == year - 1 && date.getMonthValue() == 12);
        if (inYear && !allowed) {
            problem(field, what + " " + date + " 不在" + year + "年内（只有元旦前后的放假和调休上班可以在" + (year - 1) + "年12月）");
            return null;
        }
        return date;
    }

    private static String range(HolidayArrangement.Holiday holiday) {
        return holiday.from().equals(holiday.to()) ? DateTexts.monthDay(holiday.from())
                : DateTexts.monthDay(holiday.from()) + "至" + DateTexts.monthDay(holiday.to());
    }

    private void problem(String field, String message) {
        problems.add(new ApiError.Detail(field, null, message));
    }

    private ApiException refusal() {
        String first = problems.get(0).message();
        String count = problems.size() > 1 ? "等 " + problems.size() + " 处问题" : "";
        return new ApiException(HttpStatus.BAD_REQUEST, year + "年节假日安排有误，未作任何修改：" + first + count, problems);
    }
}
