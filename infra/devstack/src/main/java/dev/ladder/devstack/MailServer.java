package dev.ladder.devstack;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The devstack's SMTP server (GreenMail, in this JVM, on loopback): it accepts every e-mail the platform sends and
 * delivers none onwards. A small page lists what it caught ({@code http://localhost:8025}, newest first), and
 * {@code /api/messages} gives the same as JSON for scripts and tests. Mail is kept in memory until the devstack stops.
 */
public final class MailServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The page shows each mail's HTML body in a sandboxed frame: no script, no form, no navigation. */
    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:";

    private final GreenMail smtp;
    private final HttpServer web;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "mail-viewer");
        t.setDaemon(true);
        return t;
    });

    /** One caught e-mail as the viewer and its JSON show it. */
    public record Mail(int index, String messageId, String from, List<String> to, String subject, String date,
                       Map<String, String> headers, String text, String html) {
    }

    private MailServer(int smtpPort, int viewerPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), viewerPort), 0);
        web.setExecutor(executor);
        web.createContext("/", this::handle);
        web.start();
    }

    public static MailServer start(int smtpPort, int viewerPort) {
        try {
            return new MailServer(smtpPort, viewerPort);
        } catch (IOException | RuntimeException e) {
            throw new PlatformException("The mail server did not start (SMTP " + smtpPort + ", viewer " + viewerPort
                    + "): " + e.getMessage(), e);
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public String viewerUrl() {
        return "http://localhost:" + web.getAddress().getPort();
    }

    /** Every e-mail caught so far, oldest first. */
    public List<Mail> mails() {
        MimeMessage[] received = smtp.getReceivedMessages();
        List<Mail> mails = new ArrayList<>();
        for (int i = 0; i < received.length; i++) {
            mails.add(read(i, received[i]));
        }
        return mails;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain", "GET only");
            } else if (path.equals("/api/messages")) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(mails()));
            } else if (path.equals("/")) {
                send(exchange, 200, "text/html", page(mails()));
            } else if (path.matches("/messages/\\d{1,6}/html")) {
                List<Mail> all = mails();
                int index = Integer.parseInt(path.split("/")[2]);
                if (index >= all.size() || all.get(index).html() == null) {
                    send(exchange, 404, "text/plain", "No such mail");
                } else {
                    // shown inside the sandboxed frame only; the CSP forbids scripts here too
                    send(exchange, 200, "text/html", all.get(index).html());
                }
            } else {
                send(exchange, 404, "text/plain", "Not found");
            }
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "Could not read the mail: " + e.getMessage());
        }
    }

    private static String page(List<Mail> mails) {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ladder devstack mail</title></head>
                <body style="font-family:sans-serif;margin:2rem;max-width:60rem">
                <h1>Mail caught by the devstack</h1>
                <p>Every e-mail Ladder sent, newest first (nothing leaves this machine). JSON:
                <a href="/api/messages">/api/messages</a>. Reload to see new ones.</p>
                """);
        if (mails.isEmpty()) {
            html.append("<p>No mail yet.</p>");
        }
        List<Mail> newestFirst = new ArrayList<>(mails);
        Collections.reverse(newestFirst);
        for (Mail mail : newestFirst) {
            html.append("<article style=\"border-top:1px solid #ccc;padding:1rem 0\"><h2 style=\"font-size:1.1rem\">")
                    .append(escape(mail.subject())).append("</h2><p>To ").append(escape(String.join(", ", mail.to())))
                    .append(" · ").append(escape(mail.date())).append(" · ").append(escape(mail.messageId()))
                    .append("</p>");
            if (mail.headers().containsKey("List-Unsubscribe")) {
                html.append("<p>List-Unsubscribe: ").append(escape(mail.headers().get("List-Unsubscribe")))
                        .append("</p>");
            }
            if (mail.html() != null) {
                html.append("<iframe sandbox title=\"").append(escape(mail.subject()))
                        .append("\" style=\"width:100%;height:22rem;border:1px solid #ddd\" src=\"/messages/")
                        .append(mail.index()).append("/html\"></iframe>");
            }
            html.append("<details><summary>Plain text</summary><pre>").append(escape(mail.text()))
                    .append("</pre></details></article>");
        }
        return html.append("</body></html>").toString();
    }

    private static Mail read(int index, MimeMessage message) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements(); ) {
                Header header = all.nextElement();
                headers.putIfAbsent(header.getName(), header.getValue());
            }
            Map<String, String> bodies = new LinkedHashMap<>();
            collect(message.getContent(), message.getContentType(), bodies);
            List<String> to = message.getAllRecipients() == null ? List.of()
                    : Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
            return new Mail(index, message.getMessageID(),
                    message.getFrom() == null ? null : message.getFrom()[0].toString(), to, message.getSubject(),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant().toString(), headers,
                    bodies.get("text/plain"), bodies.get("text/html"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail " + index + ": " + e.getMessage(), e);
        }
    }

    private static void collect(Object content, String type, Map<String, String> bodies)
            throws MessagingException, IOException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), bodies);
            }
        } else if (content instanceof String text) {
            bodies.putIfAbsent(type.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT), text);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", CSP);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        web.stop(0);
        executor.shutdownNow();
        smtp.stop();
    }
}
