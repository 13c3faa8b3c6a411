package org.partybuilding.workflow;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The working-day calendar (工作日) every deadline counts on: Monday to Friday, except the days off of the State
 * Council's holiday arrangement for the year, plus the weekend days it has worked instead (调休上班). Models reach it
 * as the bean {@code workingDays}, Java code by injection; Camunda's {@code P5WD} durations use it too
 * ({@link WorkingDayCalendarPlugin}).
 *
 * <p>A year whose arrangement is not loaded (deadlines set in December often fall in a January not yet published) is
 * <i>provisional</i>: only weekends and the statutory holidays ({@link StatutoryHolidays}) are off, and no weekend is
 * worked, since adjusted days cannot be guessed. The first deadline that falls in such a year tells the organization
 * department to load it ({@link ProvisionalYearNotice}).
 *
 * <p>Works on calendar days; which day an instant is belongs to the caller (the city's zone, {@code app.time-zone}).
 * Thread-safe and cheap: each year is a set of working days built once, from an immutable snapshot of the
 * arrangements that is replaced as a whole when an arrangement is loaded ({@link HolidayCalendarSync}).
 */
@Component("workingDays")
public class WorkingDays {

    /** About 40 years: more is a mistake, not a deadline (and would take long to count). */
    static final int MAX_WORKING_DAYS = 9_999;

    private final Supplier<Map<Integer, HolidayArrangement>> arrangements;
    private final Consumer<LocalDate> provisionalDeadline;
    private volatile Snapshot snapshot;

    @Autowired
    WorkingDays(HolidayArrangementRepository repository, ProvisionalYearNotice notice) {
        this(() -> {
            Map<Integer, HolidayArrangement> all = new TreeMap<>(ShippedHolidayArrangements.read());
            repository.findAll().forEach(stored -> all.put(stored.arrangement().year(), stored.arrangement()));
            return all;
        }, notice::deadlineIn);
    }

    /**
     * @param arrangements        the loaded arrangements by year, read again by {@link #reload()}
     * @param provisionalDeadline told of each deadline that falls in a year without an arrangement
     */
    WorkingDays(Supplier<Map<Integer, HolidayArrangement>> arrangements, Consumer<LocalDate> provisionalDeadline) {
        this.arrangements = arrangements;
        this.provisionalDeadline = provisionalDeadline;
    }

    /** The calendar of the arrangements shipped with the application, without a database: for tools and tests. */
    public static WorkingDays ofShippedArrangements() {
        return new WorkingDays(ShippedHolidayArrangements::read, date -> { });
    }

    public boolean isWorkingDay(LocalDate date) {
        return year(date.getYear()).isWorkingDay(date);
    }

    /**
     * The {@code n}-th working day after {@code from} (n &gt; 0), before it (n &lt; 0), or for n = 0 {@code from} itself
     * if it is a working day, else the next working day. A result in a provisional year is noted
     * ({@link #noteProvisional(LocalDate)}).
     *
     * @throws IllegalArgumentException for more than {@value #MAX_WORKING_DAYS} working days either way
     */
    public LocalDate plus(LocalDate from, int n) {
        if (Math.abs(n) > MAX_WORKING_DAYS) {
            throw new IllegalArgumentException("At most " + MAX_WORKING_DAYS + " working days, not " + n);
        }
        if (n == 0) {
            return nextWorkingDay(from);
        }
        int step = n > 0 ? 1 : -1;
        LocalDate day = from;
        for (int left = Math.abs(n); left > 0; ) {
            day = day.plusDays(step);
            if (isWorkingDay(day)) {
                left--;
            }
        }
        noteProvisional(day);
        return day;
    }

    /** The date itself if it is a working day, else the first working day after it; noted like {@link #plus}. */
    public LocalDate nextWorkingDay(LocalDate date) {
        LocalDate day = date;
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        noteProvisional(day);
        return day;
    }

    /** Working days after {@code fromExclusive} up to and including {@code toInclusive}; negative when to is before from. */
    public int workingDaysBetween(LocalDate fromExclusive, LocalDate toInclusive) {
        if (toInclusive.isBefore(fromExclusive)) {
            return -workingDaysBetween(toInclusive, fromExclusive);
        }
        int count = 0;
        for (LocalDate day = fromExclusive.plusDays(1); !day.isAfter(toInclusive); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** The holiday the date is off for ("国庆节、中秋节"), whether or not it is also a weekend day; empty on other days. */
    public Optional<String> holidayName(LocalDate date) {
        return Optional.ofNullable(year(date.getYear()).holidayNames.get(date));
    }

    /** True when the date's year has no loaded arrangement: only weekends and statutory holidays count. */
    public boolean provisional(LocalDate date) {
        return !snapshot().arrangements.containsKey(date.getYear());
    }

    /**
     * Why a date is not a working day, for a user's error message: "2026年10月3日是国庆节假期", "2026年3月7日是星期六";
     * in a provisional year a holiday says so. Empty for a working day.
     */
    public Optional<String> whyNotWorking(LocalDate date) {
        if (isWorkingDay(date)) {
            return Optional.empty();
        }
        Optional<String> holiday = holidayName(date);
        if (holiday.isEmpty()) {
            return Optional.of(DateTexts.full(date) + "是" + DateTexts.weekday(date));
        }
        String provisional = provisional(date) ? "（" + date.getYear() + "年的节假日安排尚未载入，按法定节假日计）" : "";
        return Optional.of(DateTexts.full(date) + "是" + holiday.get() + "假期" + provisional);
    }

    /**
     * Tells the organization department, once, that a deadline falls on this date of a year without an arrangement, if
     * it does; nothing otherwise. May add a mail in the caller's transaction (in a process step: the engine's).
     */
    public void noteProvisional(LocalDate deadline) {
        if (provisional(deadline)) {
            provisionalDeadline.accept(deadline);
        }
    }

    /** Reads the arrangements again; deadlines computed from now on use them. */
    void reload() {
        snapshot = new Snapshot(Map.copyOf(arrangements.get()));
    }

    private Year year(int year) {
        Snapshot current = snapshot();
        return current.years.computeIfAbsent(year, y -> Year.of(y, current.arrangements));
    }

    private Snapshot snapshot() {
        Snapshot current = snapshot;
        if (current == null) {
            synchronized (this) {
                if (snapshot == null) {
                    reload();
                }
                current = snapshot;
            }
        }
        return current;
    }

    /** The arrangements known at one moment and the years built from them. */
    private record Snapshot(Map<Integer, HolidayArrangement> arrangements, Map<Integer, Year> years) {

        Snapshot(Map<Integer, HolidayArrangement> arrangements) {
            this(arrangements, new ConcurrentHashMap<>());
        }
    }

    /** One year's working days (by day of the year) and holiday names. */
    private record Year(int year, BitSet working, Map<LocalDate, String> holidayNames) {

        static Year of(int year, Map<Integer, HolidayArrangement> arrangements) {
            Map<LocalDate, String> off = new HashMap<>();
            Set<LocalDate> worked = new HashSet<>();
            HolidayArrangement own = arrangements.get(year);
            if (own == null) {
                off.putAll(StatutoryHolidays.of(year));
            } else {
                apply(own, year, off, worked);
            }
            // the next year's notice may give this December's last days (元旦 with the weekend before it)
            HolidayArrangement next = arrangements.get(year + 1);
            if (next != null) {
                apply(next, year, off, worked);
            }
            BitSet working = new BitSet(366);
            for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
                boolean isWorking = worked.contains(day) || (!DateTexts.isWeekend(day) && !off.containsKey(day));
                working.set(day.getDayOfYear() - 1, isWorking);
            }
            return new Year(year, working, Map.copyOf(off));
        }

        private static void apply(HolidayArrangement arrangement, int year, Map<LocalDate, String> off, Set<LocalDate> worked) {
            for (HolidayArrangement.Holiday holiday : arrangement.holidays()) {
                for (LocalDate day = holiday.from(); !day.isAfter(holiday.to()); day = day.plusDays(1)) {
                    if (day.getYear() == year) {
                        off.put(day, holiday.name());
                    }
                }
            }
            arrangement.workingDays().stream().map(HolidayArrangement.WorkingDay::date).filter(d -> d.getYear() == year)
                    .forEach(worked::add);
        }

        boolean isWorkingDay(LocalDate date) {
            return working.get(date.getDayOfYear() - 1);
        }
    }
}
