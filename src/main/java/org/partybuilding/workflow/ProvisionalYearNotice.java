package org.partybuilding.workflow;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.partybuilding.notification.Mail;
import org.partybuilding.notification.MailOutbox;
import org.partybuilding.organization.DirectoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The first deadline in a year without a loaded holiday arrangement: a warning in the log and one mail to the
 * organization department asking them to load the year. One mail however many nodes and deadlines: its dedup key is
 * the year's. The mail is added in the caller's transaction (a process step's: the engine's), so a step that rolls
 * back leaves no mail and the next deadline tries again; after a commit this node does not ask the outbox again.
 */
@Component
class ProvisionalYearNotice {

    private static final Logger log = LoggerFactory.getLogger(ProvisionalYearNotice.class);

    private final MailOutbox outbox;
    private final DirectoryService directory;
    private final String baseUrl;
    private final Set<Integer> told = ConcurrentHashMap.newKeySet();

    ProvisionalYearNotice(MailOutbox outbox, DirectoryService directory, @Value("${app.base-url}") String baseUrl) {
        this.outbox = outbox;
        this.directory = directory;
        this.baseUrl = baseUrl;
    }

    static String dedupKey(int year) {
        return "holiday-arrangement-missing-" + year;
    }

    void deadlineIn(LocalDate deadline) {
        int year = deadline.getYear();
        String key = dedupKey(year);
        boolean inTransaction = TransactionSynchronizationManager.isSynchronizationActive();
        if (told.contains(year) || (inTransaction && TransactionSynchronizationManager.hasResource(key))) {
            return; // a round of thousands of deadlines in one transaction adds the mail once
        }
        log.warn("A deadline falls on {}, but no holiday arrangement for {} is loaded: counting weekends and statutory holidays only "
                + "until the organization department loads it (PUT /api/holiday-calendar/{})", deadline, year, year);
        if (TransactionSynchronizationManager.isActualTransactionActive() && TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return; // a read-only transaction cannot hold the mail: a later deadline sends it
        }
        outbox.enqueue(new Mail(key, directory.orgDeptEmails(), "【节假日安排】请载入" + year + "年的节假日安排", body(deadline)));
        if (!inTransaction) {
            told.add(year);
            return;
        }
        TransactionSynchronizationManager.bindResource(key, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
                if (status == STATUS_COMMITTED) {
                    told.add(year);
                }
            }
        });
    }

    private String body(LocalDate deadline) {
        int year = deadline.getYear();
        return """
                组织部的同志：

                系统中已有期限落在%1$d年（首个为%2$s），但%1$d年的节假日安排尚未载入。
                在载入之前，%1$d年的工作日只扣除周末和法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节），
                不含调休放假和调休上班，相关期限可能因此与正式安排相差几天。

                国务院办公厅发布《关于%1$d年部分节假日安排的通知》后，请按通知内容载入：
                PUT %3$s/api/holiday-calendar/%1$d
                请求体为 JSON，格式与 GET %3$s/api/holiday-calendar/%4$d 的返回相同（year、source、published、holidays、workingDays），例如：

                curl -u 用户名 -X PUT -H 'Content-Type: application/json' --data-binary @%1$d.json %3$s/api/holiday-calendar/%1$d

                载入后立即生效，此后计算的期限按正式安排计算。

                （本邮件由1248党建责任制系统自动发送，每个年份只发送一次。）
                """.formatted(year, DateTexts.full(deadline), baseUrl, year - 1);
    }
}
