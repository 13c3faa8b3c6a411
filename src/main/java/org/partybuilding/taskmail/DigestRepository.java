package org.partybuilding.taskmail;

import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.partybuilding.taskmail.TaskMails.OpenTask;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The engine's open tasks by assignee, read on its assignee index (ACT_IDX_TASK_ASSIGNEE), never loaded whole. */
@Repository
class DigestRepository {

    private final JdbcClient jdbc;

    DigestRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Users with more than {@code threshold} tasks assigned who have not switched task mails off. */
    List<String> usersAbove(int threshold) {
        return jdbc.sql("""
                select t.assignee_ from act_ru_task t
                where t.assignee_ is not null
                  and not exists (select 1 from mail_preference p where p.user_id = t.assignee_ and not p.assignment_mails)
                group by t.assignee_ having count(*) > ?
                order by t.assignee_""")
                .param(threshold).query(String.class).list();
    }

    /** How many tasks the user has, and how many of them are due by {@code now}. */
    Counts counts(String userId, Date now) {
        return jdbc.sql("""
                select count(*) as open, count(*) filter (where due_date_ <= ?) as overdue
                from act_ru_task where assignee_ = ?""")
                .params(new Timestamp(now.getTime()), userId)
                .query((rs, n) -> new Counts(rs.getInt("open"), rs.getInt("overdue"))).single();
    }

    /** The user's tasks, overdue first, then by due date (none last) and age; at most {@code limit}. */
    List<OpenTask> tasks(String userId, Date now, int limit) {
        return jdbc.sql("""
                select id_, name_, description_, due_date_, tenant_id_ from act_ru_task
                where assignee_ = ?
                order by case when due_date_ <= ? then 0 else 1 end, due_date_ nulls last, create_time_, id_
                limit ?""")
                .params(userId, new Timestamp(now.getTime()), limit)
                .query((rs, n) -> new OpenTask(rs.getString("id_"), rs.getString("name_"), rs.getString("description_"),
                        rs.getTimestamp("due_date_"), rs.getString("tenant_id_")))
                .list();
    }

    record Counts(int open, int overdue) {
    }
}
