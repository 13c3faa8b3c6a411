package org.partybuilding.workflow;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.system.ApiException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What {@code /api/holiday-calendar} reads and writes: the stored arrangements, and the provisional years around them. */
@Service
class HolidayCalendarService {

    private final HolidayArrangementRepository repository;
    private final HolidayCalendarSync sync;
    private final ZoneId zone;

    HolidayCalendarService(HolidayArrangementRepository repository, HolidayCalendarSync sync, @Value("${app.time-zone}") String zone) {
        this.repository = repository;
        this.sync = sync;
        this.zone = ZoneId.of(zone);
    }

    /** Every stored year, and this year and the next where not stored (deadlines are being set in them). */
    List<YearSummary> years() {
        Map<Integer, HolidayArrangementRepository.Stored> stored = stored();
        int thisYear = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), zone).getYear();
        TreeSet<Integer> years = new TreeSet<>(stored.keySet());
        years.add(thisYear);
        years.add(thisYear + 1);
        return years.stream().map(year -> Optional.ofNullable(stored.get(year))
                .map(s -> new YearSummary(year, false, origin(s), s.arrangement().source(), s.loadedBy(), s.loadedAt()))
                .orElseGet(() -> new YearSummary(year, true, Origin.STATUTORY, statutorySource(year), null, null))).toList();
    }

    /** The stored arrangement, or for a year without one the statutory holidays the calendar counts. */
    Arrangement arrangement(int year) {
        HolidayArrangementParser.checkYear(year);
        HolidayArrangementRepository.Stored stored = stored().get(year);
        if (stored == null) {
            return new Arrangement(year, statutorySource(year), null, StatutoryHolidays.ranges(year), List.of(), true,
                    Origin.STATUTORY, null, null);
        }
        HolidayArrangement a = stored.arrangement();
        return new Arrangement(year, a.source(), a.published(), a.holidays(), a.workingDays(), false, origin(stored),
                stored.loadedBy(), stored.loadedAt());
    }

    /** Adds or replaces a year's arrangement, checked whole first; in force on this node at commit, on others within the refresh interval. */
    @Transactional
    Arrangement replace(int year, String body, ApiUser caller) {
        if (!caller.isOrgDept()) {
            throw ApiException.forbidden("只有组织部可以维护节假日安排");
        }
        HolidayArrangement arrangement = HolidayArrangementParser.parse(body, year);
        repository.storeUploaded(arrangement, caller.userId());
        sync.reloadAfterCommit();
        return arrangement(year);
    }

    private Map<Integer, HolidayArrangementRepository.Stored> stored() {
        return repository.findAll().stream().collect(Collectors.toMap(s -> s.arrangement().year(), Function.identity()));
    }

    private static Origin origin(HolidayArrangementRepository.Stored stored) {
        return stored.shipped() ? Origin.SHIPPED : Origin.UPLOADED;
    }

    private static String statutorySource(int year) {
        return "《全国年节及纪念日放假办法》规定的法定节假日（" + year + "年的节假日安排尚未载入，不含调休）";
    }

    /** Where a year's arrangement comes from. */
    enum Origin {
        /** shipped with the product ({@code holidays/<year>.json}) */
        SHIPPED,
        /** loaded by the organization department */
        UPLOADED,
        /** none loaded: statutory holidays only, provisional */
        STATUTORY
    }

    record YearSummary(int year, boolean provisional, Origin origin, String source, String loadedBy, OffsetDateTime loadedAt) {
    }

    /** An arrangement in the file format, with where it comes from; provisional ones list statutory holidays only. */
    record Arrangement(int year, String source, LocalDate published, List<HolidayArrangement.Holiday> holidays,
            List<HolidayArrangement.WorkingDay> workingDays, boolean provisional, Origin origin, String loadedBy,
            OffsetDateTime loadedAt) {
    }
}
