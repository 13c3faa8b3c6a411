package org.partybuilding.workflow;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps {@link WorkingDays} in step with the {@code holiday_arrangement} table, which several nodes share.
 * <ul>
 * <li>At start-up, before the demo data and anything else that sets deadlines, the shipped files are stored for years
 * not in the table (a newer release's corrected file replaces an older shipped one, never one the organization
 * department loaded). Nodes starting together do not conflict: each year is one insert that does nothing when the
 * year is there.</li>
 * <li>The node that stores an upload reloads as soon as it commits; every node compares the table's version (highest
 * revision and row count, one index-free query on a table of a few rows) every {@code app.holiday-calendar.refresh-interval}
 * (1 minute) and reloads when it changed.</li>
 * </ul>
 */
@Component
@Order(-5)
class HolidayCalendarSync implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(HolidayCalendarSync.class);

    private final HolidayArrangementRepository repository;
    private final WorkingDays workingDays;
    private final AtomicReference<String> version = new AtomicReference<>();

    HolidayCalendarSync(HolidayArrangementRepository repository, WorkingDays workingDays) {
        this.repository = repository;
        this.workingDays = workingDays;
    }

    @Override
    public void run(ApplicationArguments args) {
        storeShipped();
    }

    /** Stores the shipped files as described above; safe to run again, on any node. */
    void storeShipped() {
        ShippedHolidayArrangements.read().values().forEach(arrangement -> {
            if (repository.storeShipped(arrangement)) {
                log.info("Holiday arrangement {} stored from the shipped file ({})", arrangement.year(), arrangement.source());
            }
        });
        reload();
    }

    @Scheduled(fixedDelayString = "${app.holiday-calendar.refresh-interval:60s}", initialDelayString = "${app.holiday-calendar.refresh-interval:60s}")
    void refreshIfChanged() {
        if (!repository.version().equals(version.get())) {
            log.info("Holiday arrangements changed: reloading the working-day calendar");
            reload();
        }
    }

    /** Reloads once the caller's transaction has committed (at once without one). */
    void reloadAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    reload();
                }
            });
        } else {
            reload();
        }
    }

    private void reload() {
        version.set(repository.version());
        workingDays.reload();
    }
}
