package dev.ladder.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.Arrays;
import java.util.List;

/** A real SMTP server (GreenMail) in the test JVM, on a free port that survives a stop and a start. */
public final class SmtpServer {

    private final int port;
    private volatile GreenMail server;

    public SmtpServer() {
        GreenMail first = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        first.start();
        this.server = first;
        this.port = first.getSmtp().getPort();
    }

    public int port() {
        return port;
    }

    /** SMTP down: connections are refused until {@link #start()}. */
    public void stop() {
        server.stop();
    }

    /** Up again on the same port, with an empty mailbox. */
    public void start() {
        GreenMail again = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        again.start();
        server = again;
    }

    /** Every message received (since the last start) addressed to {@code address}. */
    public List<MimeMessage> to(String address) {
        return Arrays.stream(server.getReceivedMessages()).filter(m -> addressedTo(m, address)).toList();
    }

    /** The plain-text bodies of every message to {@code address}. */
    public List<String> texts(String address) {
        return to(address).stream().map(SmtpServer::text).toList();
    }

    /** A message's text/plain part (decoded). */
    public static String text(MimeMessage message) {
        try {
            return find(message.getContent(), "text/plain");
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Object content, String type) throws MessagingException, java.io.IOException {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                String found = part.getContent() instanceof jakarta.mail.Multipart
                        ? find(part.getContent(), type)
                        : part.getContentType().toLowerCase().startsWith(type) ? part.getContent().toString() : null;
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
