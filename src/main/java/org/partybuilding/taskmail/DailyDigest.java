package org.partybuilding.taskmail;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.notification.TaskMail;
import org.partybuilding.taskmail.DigestRepository.Counts;
import org.partybuilding.workflow.Deadlines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The daily 【待办汇总】: at {@code digest-time} in the city's time zone, every user with more than
 * {@code digest-threshold} open tasks (who gets no mail per new task then) and task mails on gets one mail listing
 * them, overdue first. Every node runs it; the dedup key {@code digest:<userId>:<date>} lets one mail per user and
 * day through, so a second node or a second run adds nothing. A user with nothing open, or few tasks, gets none.
 */
@Component
class DailyDigest implements SchedulingConfigurer {

    static final String DEDUP_PREFIX = "digest:";

    private static final Logger log = LoggerFactory.getLogger(DailyDigest.class);

    private final DigestRepository repository;
    private final MailOutbox outbox;
    private final TaskMails texts;
    private final Deadlines deadlines;
    private final AssignmentMailProperties properties;
    private final TransactionTemplate transactions;

    DailyDigest(DigestRepository repository, MailOutbox outbox, TaskMails texts, Deadlines deadlines,
            AssignmentMailProperties properties, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.outbox = outbox;
        this.texts = texts;
        this.deadlines = deadlines;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addCronTask(new CronTask(this::sendToday, trigger(properties.time(), deadlines.zone())));
    }

    /** Every day at this time of the city's day. */
    static CronTrigger trigger(LocalTime time, ZoneId zone) {
        return new CronTrigger("0 " + time.getMinute() + " " + time.getHour() + " * * *", zone);
    }

    void sendToday() {
        try {
            int queued = send();
            log.info("Daily digest: {} mails queued", queued);
        } catch (RuntimeException e) {
            log.error("Daily digest failed; users with many tasks get no digest today unless it is run again", e);
        }
    }

    /** Queues today's digests (the engine's clock, the city's day); returns how many this run added. */
    int send() {
        LocalDate day = deadlines.today();
        Date now = deadlines.now();
        int threshold = properties.digestThreshold();
        int queued = 0;
        for (String userId : repository.usersAbove(threshold)) {
            Boolean added = transactions.execute(status -> {
                Counts counts = repository.counts(userId, now);
                if (counts.open() <= threshold) {
                    return false; // finished some since
                }
                String body = texts.digestBody(threshold, counts.open(), counts.overdue(),
                        repository.tasks(userId, now, TaskMails.DIGEST_LISTED));
                return outbox.enqueueTaskMail(new TaskMail(userId, DEDUP_PREFIX + userId + ":" + day,
                        texts.digestSubject(day, counts.open(), counts.overdue()), body, null));
            });
            if (Boolean.TRUE.equals(added)) {
                queued++;
            }
        }
        return queued;
    }
}
