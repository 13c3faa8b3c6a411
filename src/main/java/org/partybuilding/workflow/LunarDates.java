package org.partybuilding.workflow;

import com.ibm.icu.impl.CalendarAstronomer;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.TimeZone;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.JulianFields;

/**
 * The dates of the Chinese calendar that the statutory holidays need (春节, 端午, 中秋, 清明), as Beijing time defines
 * them (GB/T 33661-2017), whatever the city's time zone: the holiday is the same day everywhere in China.
 *
 * <p>Which lunar month is which (leap months included) comes from ICU4J's {@link ChineseCalendar}. The day a month
 * starts does not always: ICU's lunar model puts a new moon some minutes off, and a new moon that close to midnight
 * lands on the wrong day. Between 2025 and 2100 that happens to two New Years: 2027 (new moon at 23:56 on 6 February;
 * ICU says 7 February, the Hong Kong Observatory's calendar 6 February) and 2030 (00:07 on 3 February; ICU says
 * 2 February). So each month's first day is the Beijing day of the new moon nearest to ICU's day, computed with
 * Meeus, <i>Astronomical Algorithms</i> (2nd ed.), chapter 49, which is within a minute of the true conjunction.
 */
final class LunarDates {

    /** Beijing time: the Chinese calendar's meridian (120° E). */
    static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    /** ICU's extended year of the Chinese year that starts in Gregorian year 0. */
    private static final int ICU_EXTENDED_YEAR_OFFSET = 2637;
    private static final double SYNODIC_MONTH = 29.530588861;
    /** Julian ephemeris day of the new moon of 6 January 2000 (k = 0). */
    private static final double FIRST_NEW_MOON_OF_2000 = 2451550.09766;
    private static final double UNIX_EPOCH_JULIAN_DAY = 2440587.5;
    /** Sun's ecliptic longitude at 清明: 15°. */
    private static final double QINGMING_LONGITUDE = Math.PI / 12;

    private LunarDates() {
    }

    /**
     * The first day of a month (1–12, never a leap month) of the Chinese year whose New Year falls in the given
     * Gregorian year.
     */
    static LocalDate firstDayOfMonth(int year, int month) {
        ChineseCalendar chinese = new ChineseCalendar(TimeZone.getTimeZone("Asia/Shanghai"));
        chinese.clear();
        chinese.set(Calendar.EXTENDED_YEAR, year + ICU_EXTENDED_YEAR_OFFSET);
        chinese.set(Calendar.MONTH, month - 1);
        chinese.set(ChineseCalendar.IS_LEAP_MONTH, 0);
        chinese.set(Calendar.DAY_OF_MONTH, 1);
        LocalDate icu = LocalDate.MIN.with(JulianFields.JULIAN_DAY, chinese.get(Calendar.JULIAN_DAY));
        return dayOfNewMoonNear(icu);
    }

    /** 农历新年 (正月初一). */
    static LocalDate newYear(int year) {
        return firstDayOfMonth(year, 1);
    }

    /** 清明: the Beijing day on which the sun reaches 15° ecliptic longitude (ICU's solar position, about a quarter of an hour off). */
    static LocalDate qingming(int year) {
        long january = LocalDate.of(year, 1, 1).atStartOfDay(BEIJING).toInstant().toEpochMilli();
        long moment = new CalendarAstronomer(january).getSunTime(QINGMING_LONGITUDE, true);
        return Instant.ofEpochMilli(moment).atOffset(BEIJING).toLocalDate();
    }

    /** The Beijing day of the true new moon nearest to the given day. */
    static LocalDate dayOfNewMoonNear(LocalDate day) {
        double julianDay = day.getLong(JulianFields.JULIAN_DAY);
        long lunation = Math.round((julianDay - FIRST_NEW_MOON_OF_2000) / SYNODIC_MONTH);
        double universalTime = newMoon(lunation) - deltaT(day.getYear()) / 86_400;
        long millis = Math.round((universalTime - UNIX_EPOCH_JULIAN_DAY) * 86_400_000);
        LocalDate newMoonDay = Instant.ofEpochMilli(millis).atOffset(BEIJING).toLocalDate();
        if (Math.abs(ChronoUnit.DAYS.between(day, newMoonDay)) > 1) {
            throw new IllegalStateException("New moon near " + day + " computed on " + newMoonDay);
        }
        return newMoonDay;
    }

    /** Julian ephemeris day (terrestrial time) of the new moon of lunation k after January 2000 (Meeus 49.1 and table 49.A). */
    static double newMoon(long k) {
        double t = k / 1236.85;
        double t2 = t * t;
        double t3 = t2 * t;
        double t4 = t3 * t;
        double mean = FIRST_NEW_MOON_OF_2000 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
        double e = 1 - 0.002516 * t - 0.0000074 * t2;
        double m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
        double mp = radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
        double f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
        double omega = radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
        double periodic = -0.40720 * sin(mp) + 0.17241 * e * sin(m) + 0.01608 * sin(2 * mp) + 0.01039 * sin(2 * f)
                + 0.00739 * e * sin(mp - m) - 0.00514 * e * sin(mp + m) + 0.00208 * e * e * sin(2 * m)
                - 0.00111 * sin(mp - 2 * f) - 0.00057 * sin(mp + 2 * f) + 0.00056 * e * sin(2 * mp + m)
                - 0.00042 * sin(3 * mp) + 0.00042 * e * sin(m + 2 * f) + 0.00038 * e * sin(m - 2 * f)
                - 0.00024 * e * sin(2 * mp - m) - 0.00017 * sin(omega) - 0.00007 * sin(mp + 2 * m)
                + 0.00004 * sin(2 * mp - 2 * f) + 0.00004 * sin(3 * m) + 0.00003 * sin(mp + m - 2 * f)
                + 0.00003 * sin(2 * mp + 2 * f) - 0.00003 * sin(mp + m + 2 * f) + 0.00003 * sin(mp - m + 2 * f)
                - 0.00002 * sin(mp - m - 2 * f) - 0.00002 * sin(3 * mp + m) + 0.00002 * sin(4 * mp);
        double planetary = 0.000325 * sin(radians(299.77 + 0.107408 * k - 0.009173 * t2))
                + 0.000165 * sin(radians(251.88 + 0.016321 * k)) + 0.000164 * sin(radians(251.83 + 26.651886 * k))
                + 0.000126 * sin(radians(349.42 + 36.412478 * k)) + 0.000110 * sin(radians(84.66 + 18.206239 * k))
                + 0.000062 * sin(radians(141.74 + 53.303771 * k)) + 0.000060 * sin(radians(207.14 + 2.453732 * k))
                + 0.000056 * sin(radians(154.84 + 7.306860 * k)) + 0.000047 * sin(radians(34.52 + 27.261239 * k))
                + 0.000042 * sin(radians(207.19 + 0.121824 * k)) + 0.000040 * sin(radians(291.34 + 1.844379 * k))
                + 0.000037 * sin(radians(161.72 + 24.198154 * k)) + 0.000035 * sin(radians(239.56 + 25.513099 * k))
                + 0.000023 * sin(radians(331.55 + 3.592518 * k));
        return mean + periodic + planetary;
    }

    /** Terrestrial minus universal time in seconds (Espenak and Meeus's polynomials for 2005–2150; about a minute). */
    static double deltaT(int year) {
        if (year < 2050) {
            double t = year - 2000;
            return 62.92 + 0.32217 * t + 0.005589 * t * t;
        }
        double u = (year - 1820) / 100.0;
        return -20 + 32 * u * u - 0.5628 * (2150 - year);
    }

    private static double radians(double degrees) {
        return Math.toRadians(degrees % 360);
    }

    private static double sin(double radians) {
        return Math.sin(radians);
    }
}
