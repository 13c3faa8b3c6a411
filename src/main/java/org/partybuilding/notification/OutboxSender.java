package org.partybuilding.notification;

import jakarta.annotation.PreDestroy;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.partybuilding.notification.OutboxRepository.DueMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each mail is locked ({@code for update skip locked}), sent and marked in one short transaction
 * of its own, so several threads or application instances share the work without sending a mail twice. A crash
 * between the SMTP server's acceptance and the commit sends the mail again with the same {@code Message-ID}.
 *
 * <p>Up to {@code MAIL_SENDERS} runs work at once, each over one SMTP connection that it keeps for all the mail it
 * sends: a burst of escalations is delivered in parallel, without a new connection and handshake per mail.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final OutboxRepository repository;
    private final JavaMailSenderImpl mailSender;
    private final OutboxProperties properties;
    private final String from;
    private final TransactionTemplate ownTransaction;
    /** Threads for the runs after commit: the committing thread (often the engine's) never waits for SMTP. */
    private final ExecutorService afterCommit;
    /** At most one run waits in the queue: it takes every mail committed before it starts; idle threads take the next. */
    private final AtomicBoolean runQueued = new AtomicBoolean();
    private final AtomicBoolean serverUnreachable = new AtomicBoolean();

    OutboxSender(OutboxRepository repository, JavaMailSenderImpl mailSender, OutboxProperties properties,
            PlatformTransactionManager transactionManager, @Value("${app.mail-from}") String from) {
        this.repository = repository;
        this.mailSender = mailSender;
        this.properties = properties;
        this.from = from;
        this.ownTransaction = new TransactionTemplate(transactionManager);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        AtomicInteger threads = new AtomicInteger();
        this.afterCommit = Executors.newFixedThreadPool(properties.senders(), task -> {
            Thread thread = new Thread(task, "mail-outbox-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends every mail that was due when the run started, each at most once per run, and stops at the first sign
     * that the SMTP server is unreachable: the remaining mail waits for the next run instead of spending attempts.
     *
     * @return the number of mails sent
     */
    int sendDue() {
        OffsetDateTime dueBy = repository.now();
        int sent = 0;
        try (SmtpConnection connection = new SmtpConnection(mailSender)) {
            while (true) {
                Outcome outcome = ownTransaction.execute(status -> attemptNext(dueBy, connection));
                if (outcome == Outcome.SENT) {
                    sent++;
                } else if (outcome == Outcome.NOTHING_DUE || outcome == Outcome.SERVER_UNREACHABLE) {
                    return sent;
                }
            }
        }
    }

    /** Catches retries and mail whose after-commit attempt was lost (crash, shutdown). */
    @Scheduled(fixedDelayString = "${app.mail.poll-interval:10s}")
    void poll() {
        sendDue();
    }

    /** Tries the outbox once the current transaction has committed; never for a transaction that rolls back. */
    void sendAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sendSoon();
                }
            });
        } else {
            sendSoon();
        }
    }

    /** Queues a run on an outbox thread unless one is already waiting. */
    void sendSoon() {
        if (!runQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            afterCommit.execute(() -> {
                runQueued.set(false);
                try {
                    sendDue();
                } catch (RuntimeException e) {
                    log.warn("Mail outbox run failed; the next poll tries again", e);
                }
            });
        } catch (RejectedExecutionException e) {
            runQueued.set(false);
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        afterCommit.shutdown();
        if (!afterCommit.awaitTermination(30, TimeUnit.SECONDS)) {
            afterCommit.shutdownNow();
        }
    }

    private Outcome attemptNext(OffsetDateTime dueBy, SmtpConnection connection) {
        Optional<DueMail> next = repository.claimNextDue(dueBy);
        if (next.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        DueMail mail = next.get();
        try {
            connection.send(message(mail));
        } catch (MessagingException | RuntimeException e) {
            connection.close();
            return failed(mail, e);
        }
        repository.markSent(mail.id());
        if (serverUnreachable.compareAndSet(true, false)) {
            log.info("SMTP server reachable again, mail delivery resumed");
        }
        return Outcome.SENT;
    }

    private MimeMessage message(DueMail mail) throws MessagingException {
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(mail.recipients().toArray(String[]::new));
        helper.setSubject(mail.subject());
        helper.setText(mail.body());
        helper.setSentDate(new Date());
        message.saveChanges();
        // after saveChanges, which would give it a new one: a resend after a crash carries the same id and is recognisable
        message.setHeader("Message-ID", messageId(mail.id()));
        return message;
    }

    static String messageId(long outboxId) {
        return "<outbox-" + outboxId + "@party-building-1248>";
    }

    private Outcome failed(DueMail mail, Exception e) {
        boolean unreachable = serverUnreachable(e);
        Integer refusal = unreachable ? null : permanentRefusal(e);
        String error = truncate((unreachable ? "无法连接邮件服务器：" : refusal != null
                ? "邮件服务器永久拒收（" + refusal + "），不再重试：" : "发送失败：") + describe(e));
        int attempts = mail.attempts() + 1;
        if (refusal != null) {
            repository.markFailed(mail.id(), attempts, error);
            log.error("Mail {} ({}) permanently refused by the SMTP server and not retried; see GET /api/mail-outbox?status=FAILED: {}",
                    mail.id(), mail.dedupKey(), error);
        } else if (attempts >= properties.maxAttempts()) {
            repository.markFailed(mail.id(), attempts, error);
            log.error("Mail {} ({}) failed {} times and is not retried any more; see GET /api/mail-outbox?status=FAILED. Last error: {}",
                    mail.id(), mail.dedupKey(), attempts, error);
        } else {
            Duration wait = properties.backoffAfter(attempts);
            repository.markForRetry(mail.id(), attempts, error, wait);
            if (!unreachable) {
                log.warn("Mail {} ({}) attempt {} failed, retrying in {}: {}", mail.id(), mail.dedupKey(), attempts, wait, error);
            }
        }
        if (!unreachable) {
            return Outcome.ATTEMPT_FAILED;
        }
        if (serverUnreachable.compareAndSet(false, true)) {
            log.warn("SMTP server unreachable, mail delivery paused until it answers: {}", error);
        }
        return Outcome.SERVER_UNREACHABLE;
    }

    /** Connection, host and authentication failures concern every mail, not the one that met them. */
    /**
     * The SMTP reply code when the server refused the mail for good (5xx: unknown mailbox, message rejected): sending
     * it again cannot succeed, so it is not retried. A temporary refusal (4xx) or a broken connection is retried.
     */
    static Integer permanentRefusal(Exception e) {
        for (Throwable t : causes(e)) {
            int code = t instanceof SMTPAddressFailedException address ? address.getReturnCode()
                    : t instanceof SMTPSendFailedException send ? send.getReturnCode()
                    : t instanceof SMTPSenderFailedException sender ? sender.getReturnCode() : -1;
            if (code >= 500 && code <= 599) {
                return code;
            }
        }
        return null;
    }

    static boolean serverUnreachable(Exception e) {
        for (Throwable t : causes(e)) {
            if (t instanceof MailAuthenticationException || t instanceof AuthenticationFailedException
                    || t instanceof SocketException || t instanceof UnknownHostException
                    || t instanceof InterruptedIOException || t.getClass().getSimpleName().equals("MailConnectException")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Exception e) {
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable t : causes(e)) {
            String message = t.getMessage();
            if (t instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
                continue;
            }
            if (message != null) {
                // Jakarta Mail repeats the nested exceptions in the message; they are listed on their own.
                message = message.split(";\\s*nested exception is", 2)[0].strip();
            }
            messages.add(message == null || message.isBlank() ? t.getClass().getSimpleName() : message);
        }
        return String.join(" / ", messages);
    }

    /** The exception, its causes and, for Spring's mail exceptions, the exceptions of the failed messages. */
    private static Set<Throwable> causes(Throwable e) {
        Set<Throwable> seen = new LinkedHashSet<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof MailSendException send) {
                todo.addAll(send.getFailedMessages().values());
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
        }
        return seen;
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH - 1) + "…";
    }

    private enum Outcome { SENT, ATTEMPT_FAILED, SERVER_UNREACHABLE, NOTHING_DUE }
}
