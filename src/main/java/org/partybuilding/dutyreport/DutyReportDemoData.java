package org.partybuilding.dutyreport;

import java.util.List;
import org.partybuilding.organization.ApiUser;
import org.partybuilding.organization.Groups;
import org.partybuilding.system.StartupLock;
import org.partybuilding.workflow.Deadlines;
import org.partybuilding.workflow.Round;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo run's duty-report round ({@code DEMO_DATA=true}): this year's year-end reports of every grassroots
 * organization, due in 15 working days, graded by the organization department and the city's inspectors, so every
 * demo secretary finds a report to write in Tasklist. Started once: the round's key makes a second start a no-op.
 */
@Component
@Order(20)
class DutyReportDemoData implements ApplicationRunner {

    static final List<String> REVIEWERS = List.of("zhao.min", "kong.linghui", "bai.xuefeng", "cui.zhihua", "kang.li");

    private static final Logger log = LoggerFactory.getLogger(DutyReportDemoData.class);

    private final DutyReportService reports;
    private final Deadlines deadlines;
    private final StartupLock startupLock;
    private final boolean enabled;

    DutyReportDemoData(DutyReportService reports, Deadlines deadlines, StartupLock startupLock,
            @Value("${app.demo-data.enabled}") boolean demoMode, @Value("${app.demo-data.open-items}") boolean openItems) {
        this.reports = reports;
        this.deadlines = deadlines;
        this.startupLock = startupLock;
        this.enabled = demoMode && openItems;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled) {
            return;
        }
        Round round = startupLock.call(() -> reports.startRound(new NewDutyReportRound(deadlines.today().getYear(), Half.YEAR_END.name(),
                deadlines.workingDaysFromTodayDate(15), REVIEWERS, null), new ApiUser("zhao.min", List.of(Groups.ORG_DEPT))));
        if (Boolean.TRUE.equals(round.created())) {
            log.info("Demo data: duty-report round {} for {} organizations started", round.name(), round.total());
        }
    }
}
