package org.partybuilding.workflow;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The table {@code process_escalation} (V23): every escalation {@link DeadlineNotices} sent, of every process, written in
 * the timer's transaction with its mail. The dashboard lists from it the escalations of processes that keep no record
 * of their own.
 */
@Repository
class EscalationRecords {

    /** One escalation as its mail told it. */
    record Escalation(String dedupKey, String processId, String noticeKey, String processInstanceId, String step, int level,
            StepNotice notice, String addressee, List<String> recipients, Date deadline, Date at) {
    }

    private final JdbcClient jdbc;

    EscalationRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the escalation unless one with its mail's dedup key is there already. */
    void record(Escalation e) {
        jdbc.sql("""
                        insert into process_escalation (dedup_key, process_id, notice_key, process_instance_id, organization_id, step,
                            level, kind, title, action, addressee, recipients, deadline, at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (dedup_key) do nothing""")
                .params(e.dedupKey(), e.processId(), e.noticeKey(), e.processInstanceId(), e.notice().organizationId(), e.step(),
                        e.level(), e.notice().kind(), e.notice().title(), e.notice().action(), e.addressee(),
                        e.recipients().toArray(String[]::new), new Timestamp(e.deadline().getTime()), new Timestamp(e.at().getTime()))
                .update();
    }
}
