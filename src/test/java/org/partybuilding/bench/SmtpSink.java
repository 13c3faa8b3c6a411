package org.partybuilding.bench;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process SMTP server (GreenMail) that accepts every mail and keeps only what the benchmark counts: per
 * subject prefix, the distinct Message-IDs and every (Message-ID, recipient) delivery. Mail bodies are dropped, so tens
 * of thousands of mails cost no heap worth measuring.
 */
final class SmtpSink implements AutoCloseable {

    /** Subjects of the rectification loop's mails (RectificationMails). */
    static final String ESCALATION = "【整改督办】";
    static final String REMINDER = "【整改提醒】";

    private final GreenMail greenMail;
    private final int port;
    /** Message-ID to the number of deliveries (one per recipient; a repeated recipient is a duplicate). */
    private final Map<String, Map<String, Integer>> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> messageIdsByKind = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong();

    private SmtpSink(GreenMail greenMail, int port) {
        this.greenMail = greenMail;
        this.port = port;
    }

    static SmtpSink start() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        SmtpSink sink = new SmtpSink(greenMail, port);
        greenMail.getUserManager().setMessageDeliveryHandler(sink::record);
        greenMail.start();
        return sink;
    }

    int port() {
        return port;
    }

    private GreenMailUser record(MovingMessage message, MailAddress recipient) throws MessagingException {
        MimeMessage mime = message.getMessage();
        String messageId = mime.getMessageID();
        String subject = mime.getSubject() == null ? "" : mime.getSubject();
        String kind = subject.startsWith(ESCALATION) ? ESCALATION : subject.startsWith(REMINDER) ? REMINDER : "other";
        messageIdsByKind.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(messageId);
        deliveries.computeIfAbsent(messageId, id -> new ConcurrentHashMap<>()).merge(recipient.getEmail(), 1, Integer::sum);
        accepted.incrementAndGet();
        return new DiscardingUser(recipient.getEmail());
    }

    /** Distinct Message-IDs of mails whose subject starts with the prefix ({@link #ESCALATION}, {@link #REMINDER}). */
    Set<String> messageIds(String kind) {
        return messageIdsByKind.getOrDefault(kind, Set.of());
    }

    int count(String kind) {
        return messageIds(kind).size();
    }

    /** Deliveries of a message to a recipient that had already received it: the same mail sent twice. */
    long repeatedDeliveries(Set<String> messageIds) {
        return messageIds.stream().map(deliveries::get).filter(r -> r != null)
                .flatMap(r -> r.values().stream()).mapToLong(n -> n - 1).sum();
    }

    long accepted() {
        return accepted.get();
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** A mailbox that forgets what it is given. */
    private record DiscardingUser(String email) implements GreenMailUser {
        @Override
        public String getEmail() {
            return email;
        }

        @Override
        public String getLogin() {
            return email;
        }

        @Override
        public void deliver(MovingMessage msg) {
        }

        @Override
        public void deliver(MimeMessage msg) {
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) {
        }

        @Override
        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
