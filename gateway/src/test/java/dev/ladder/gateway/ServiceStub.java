package dev.ladder.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for one Ladder service behind the gateway: answers every request with a small JSON body and
 * records what arrived (method, path, the Authorization and Cookie headers, the body, every header).
 */
final class ServiceStub {

    record Received(String method, String path, String authorization, String cookie, String body,
                    Map<String, List<String>> headers) {

        /** A header as it arrived, or null (names are case-insensitive). */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** path → status and body answered instead of 200 {"stub":true} (until {@link #clear}) */
    private final Map<String, Map.Entry<Integer, String>> answers = new ConcurrentHashMap<>();
    /** path → how many of the next requests have their connection closed without an answer */
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> drops = new ConcurrentHashMap<>();

    private ServiceStub(HttpServer server) {
        this.server = server;
    }

    static ServiceStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ServiceStub stub = new ServiceStub(server);
            server.createContext("/", stub::handle);
            server.start();
            return stub;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        java.util.concurrent.atomic.AtomicInteger drop = drops.get(exchange.getRequestURI().getPath());
        if (drop != null && drop.getAndDecrement() > 0) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Cookie"), "", Map.copyOf(exchange.getRequestHeaders())));
            // an instance killed mid-request: the JDK server closes the connection of a handler that throws, and no
            // byte of an answer has been written
            throw new IllegalStateException("connection dropped on purpose");
        }
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Cookie"), body, Map.copyOf(exchange.getRequestHeaders())));
            Map.Entry<Integer, String> answer = answers.getOrDefault(exchange.getRequestURI().getPath(),
                    Map.entry(200, "{\"stub\":true}"));
            byte[] response = answer.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.getKey(), response.length);
            exchange.getResponseBody().write(response);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Answers {@code path} with this status and JSON body from now on. */
    void answer(String path, int status, String body) {
        answers.put(path, Map.entry(status, body));
    }

    /** Closes the connection of the next {@code times} requests for {@code path} without answering them. */
    void dropConnections(String path, int times) {
        drops.put(path, new java.util.concurrent.atomic.AtomicInteger(times));
    }

    void clear() {
        received.clear();
        answers.clear();
        drops.clear();
    }
}
