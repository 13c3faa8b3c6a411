package org.partybuilding.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's switch for the mails that announce their tasks ({@link TaskMail}: 新任务, 待办汇总), table
 * {@code mail_preference}; on unless the user switched it off. Reminders and escalations have no switch.
 */
@Service
public class MailPreferences {

    private final JdbcClient jdbc;

    MailPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the user gets mails announcing their tasks (the default). */
    public boolean taskMails(String userId) {
        return jdbc.sql("select assignment_mails from mail_preference where user_id = ?").param(userId)
                .query(Boolean.class).optional().orElse(true);
    }

    @Transactional
    public void setTaskMails(String userId, boolean on) {
        jdbc.sql("""
                insert into mail_preference (user_id, assignment_mails, updated_at) values (?, ?, now())
                on conflict (user_id) do update set assignment_mails = excluded.assignment_mails, updated_at = now()""")
                .params(userId, on).update();
    }
}
