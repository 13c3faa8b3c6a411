package org.partybuilding.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One connection to the SMTP server for a run of the outbox, opened at the first mail and kept for the next ones
 * (as {@link JavaMailSenderImpl} would connect, with the same host, port, protocol and credentials). After a failure
 * it is closed; the next mail connects again.
 */
final class SmtpConnection implements AutoCloseable {

    private final JavaMailSenderImpl settings;
    private Transport transport;

    SmtpConnection(JavaMailSenderImpl settings) {
        this.settings = settings;
    }

    void send(MimeMessage message) throws MessagingException {
        if (transport == null || !transport.isConnected()) {
            close();
            String protocol = settings.getProtocol() == null ? "smtp" : settings.getProtocol();
            transport = settings.getSession().getTransport(protocol);
            String username = settings.getUsername() == null || settings.getUsername().isEmpty() ? null : settings.getUsername();
            transport.connect(settings.getHost(), settings.getPort(), username, settings.getPassword());
        }
        transport.sendMessage(message, message.getAllRecipients());
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException e) {
                // the connection is gone either way; the next mail opens a new one
            }
            transport = null;
        }
    }
}
