package dev.ladder.notification.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver for webhook tests (the JDK's server on a free port): records every request and answers what
 * each path was scripted to answer (200 with an empty body unless told otherwise). Public for the delivery tests of
 * other packages.
 */
public final class Receiver implements AutoCloseable {

    /** One request as it arrived; header names in lower case. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** What to answer: a status, headers, a body, after a delay. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        static Answer status(int status) {
            return new Answer(status, Map.of(), "", Duration.ZERO);
        }

        Answer header(String name, String value) {
            Map<String, String> all = new TreeMap<>(headers);
            all.put(name, value);
            return new Answer(status, all, body, delay);
        }

        Answer body(String text) {
            return new Answer(status, headers, text, delay);
        }

        Answer after(Duration wait) {
            return new Answer(status, headers, body, wait);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Map<String, Answer> script = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<Answer>> turns = new ConcurrentHashMap<>();

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:<port><path>} */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Receiver answer(String path, Answer answer) {
        script.put(path, answer);
        return this;
    }

    /** Answers the next requests to {@code path} with these, in turn; then as {@link #answer} says (200). */
    Receiver answerInTurn(String path, Answer... answers) {
        turns.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentLinkedQueue<>()).addAll(List.of(answers));
        return this;
    }

    /** The next request that arrived (waiting up to 10 s for it). */
    public Request take() {
        try {
            Request request = requests.poll(10, TimeUnit.SECONDS);
            if (request == null) {
                throw new AssertionError("no request arrived");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every request that arrived and was not taken yet. */
    public List<Request> drain() {
        List<Request> all = new java.util.ArrayList<>();
        requests.drainTo(all);
        return all;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    List.copyOf(values)));
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(exchange.getRequestMethod(), path, headers, body));
            java.util.Queue<Answer> queued = turns.get(path);
            Answer next = queued == null ? null : queued.poll();
            Answer answer = next != null ? next : script.getOrDefault(path, Answer.status(200));
            if (!answer.delay().isZero()) {
                try {
                    Thread.sleep(answer.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
