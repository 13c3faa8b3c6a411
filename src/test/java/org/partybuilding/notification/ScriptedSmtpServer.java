package org.partybuilding.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real SMTP server on a TCP port that misbehaves on purpose, for mail whose recipient or content contains the
 * trigger (other mail gets normal answers): it answers slowly, drops the connection after {@code DATA}, or refuses
 * temporarily (4xx) or for good (5xx). Messages it takes in are kept, even when the client gave up waiting for the
 * answer (what a real server that queued the message would deliver).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    enum Behaviour {
        /** Answers normally. */
        ACCEPT,
        /** Takes the message in, then waits {@code delay} before answering 250 (the client may have given up). */
        SLOW_ACCEPT,
        /** Takes the message in and closes the connection without an answer. */
        DROP_AFTER_DATA,
        /** 451 after DATA: try again later. */
        TEMPORARY_FAILURE,
        /** 550 to RCPT TO: no such mailbox. */
        PERMANENT_FAILURE
    }

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "scripted-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String trigger = "\u0000";
    private volatile Behaviour behaviour = Behaviour.ACCEPT;
    private volatile Duration delay = Duration.ZERO;

    ScriptedSmtpServer(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress("localhost", port));
        threads.execute(this::acceptLoop);
    }

    /** From now on, mail containing {@code trigger} gets this behaviour. */
    void behave(String trigger, Behaviour behaviour, Duration delay) {
        this.trigger = trigger;
        this.behaviour = behaviour;
        this.delay = delay;
    }

    /** The messages taken in (headers and body) that contain this text. */
    List<String> received(String text) {
        return received.stream().filter(m -> m.contains(text)).toList();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                threads.execute(() -> converse(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
            OutputStream out = client.getOutputStream();
            reply(out, "220 scripted.test ESMTP");
            boolean triggered = false;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO" -> reply(out, "250-scripted.test\r\n250 8BITMIME");
                    case "HELO", "NOOP", "RSET" -> {
                        triggered = command.equals("RSET") ? false : triggered;
                        reply(out, "250 OK");
                    }
                    case "MAIL" -> reply(out, "250 OK");
                    case "RCPT" -> {
                        boolean mine = line.contains(trigger);
                        triggered |= mine;
                        reply(out, mine && behaviour == Behaviour.PERMANENT_FAILURE ? "550 5.1.1 Mailbox unavailable" : "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder message = new StringBuilder();
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            message.append(line.startsWith("..") ? line.substring(1) : line).append("\n");
                        }
                        triggered |= message.indexOf(trigger) >= 0;
                        Behaviour now = triggered ? behaviour : Behaviour.ACCEPT;
                        if (now == Behaviour.TEMPORARY_FAILURE) {
                            reply(out, "451 4.3.0 Temporary failure, try again later");
                            continue;
                        }
                        received.add(message.toString());
                        if (now == Behaviour.DROP_AFTER_DATA) {
                            return;
                        }
                        if (now == Behaviour.SLOW_ACCEPT) {
                            Thread.sleep(delay.toMillis());
                        }
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "502 Command not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away (it timed out, or we closed on purpose)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        threads.shutdownNow();
    }
}
