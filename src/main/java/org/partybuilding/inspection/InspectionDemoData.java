package org.partybuilding.inspection;

import java.time.LocalDate;
import org.partybuilding.system.StartupLock;
import org.partybuilding.workflow.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo run's inspection round ({@code DEMO_DATA=true}): this quarter's special inspection of eight grassroots
 * organizations drawn with seed 1248, checked against the quarter's responsibility-list items and due in 10 working
 * days, so every demo inspector with an assignment finds a 开展专项督查 task in Tasklist. Started once per quarter.
 */
@Component
@Order(21)
class InspectionDemoData implements ApplicationRunner {

    static final long SEED = 1248;

    private static final Logger log = LoggerFactory.getLogger(InspectionDemoData.class);

    private final InspectionService inspections;
    private final InspectionRepository repository;
    private final Deadlines deadlines;
    private final StartupLock startupLock;
    private final boolean enabled;

    InspectionDemoData(InspectionService inspections, InspectionRepository repository, Deadlines deadlines, StartupLock startupLock,
            @Value("${app.demo-data.enabled}") boolean demoMode, @Value("${app.demo-data.open-items}") boolean openItems) {
        this.inspections = inspections;
        this.repository = repository;
        this.deadlines = deadlines;
        this.startupLock = startupLock;
        this.enabled = demoMode && openItems;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        LocalDate today = deadlines.today();
        int year = today.getYear();
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        startupLock.run(() -> {
            if (repository.round(year, quarter).isPresent()) {
                return;
            }
            inspections.startRound(year, quarter, new InspectionPlan(year, quarter, "基层党组织“三会一课”制度落实情况", "SAMPLE", null, null, 8,
                    SEED, null, null, deadlines.workingDaysFromTodayDate(10)), "zhao.min");
            log.info("Demo data: {}年第{}季度专项督查 of 8 sampled organizations started", year, quarter);
        });
    }
}
