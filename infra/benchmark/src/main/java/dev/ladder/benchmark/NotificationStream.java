package dev.ladder.benchmark;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ladder.benchmark.AchievementThroughput.JSON;

/**
 * One live stream, {@code GET /api/notifications/me/stream}, read as a browser's EventSource reads it, without a
 * thread of its own: the JDK HttpClient hands the body line by line to this subscriber (on the client's small
 * executor), which assembles the events (blank line = dispatch; {@code :} = comment, the heartbeat) and reports each
 * {@code notification} event with the moment its last line arrived. Lines of one stream arrive one at a time, in
 * order (Flow), so the parser state needs no lock; the counters are read by the benchmark's thread.
 */
final class NotificationStream implements Flow.Subscriber<String> {

    /** Told of every {@code notification} event: its {@code id} (the notification's, here the milestone id). */
    interface Listener {
        void notification(NotificationStream stream, String id, long arrivedNanos);
    }

    final int index;
    final String employeeId;
    private final Listener listener;

    /** Completes with System.nanoTime() when the stream's first event ({@code unread}) arrived: it is registered. */
    final CompletableFuture<Long> connected = new CompletableFuture<>();
    /** Completes with a description when the stream ended (closed by the server, an error, a refusal). */
    final CompletableFuture<String> ended = new CompletableFuture<>();
    volatile long openedNanos;
    volatile int status = -1;

    final AtomicInteger heartbeats = new AtomicInteger();
    final AtomicInteger notifications = new AtomicInteger();
    final AtomicInteger unreadEvents = new AtomicInteger();
    final AtomicInteger resets = new AtomicInteger();
    final AtomicInteger evictions = new AtomicInteger();
    final AtomicInteger otherEvents = new AtomicInteger();
    final AtomicInteger unparsable = new AtomicInteger();
    /** Notification ids this client was sent (a second arrival of one is a duplicate). */
    final Set<String> seen = ConcurrentHashMap.newKeySet();

    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    // parser state: only touched by onNext, which Flow calls one line at a time
    private String event;
    private StringBuilder data;

    NotificationStream(int index, String employeeId, Listener listener) {
        this.index = index;
        this.employeeId = employeeId;
        this.listener = listener;
    }

    /** Sends the request; a refusal (not 200) ends the stream with its status and body. */
    void open(HttpClient http, URI uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .header("Cache-Control", "no-cache")
                .GET()
                .build();
        openedNanos = System.nanoTime();
        http.sendAsync(request, info -> {
                    status = info.statusCode();
                    if (status == 200) {
                        return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.fromLineSubscriber(this),
                                nothing -> "");
                    }
                    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
                })
                .whenComplete((response, error) -> {
                    String why;
                    if (error != null) {
                        why = cancelled ? "cancelled by the benchmark" : "error: " + error;
                    } else if (response.statusCode() != 200) {
                        why = "HTTP " + response.statusCode() + " " + TeamDashboard.abbreviate(response.body());
                    } else {
                        why = cancelled ? "cancelled by the benchmark" : "closed by the server";
                    }
                    connected.completeExceptionally(new IllegalStateException(why));
                    ended.complete(why);
                });
    }

    /** Closes the connection (the subscription's cancel makes the client drop it). */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    boolean endedUnasked() {
        return ended.isDone() && !cancelled;
    }

    // ---- Flow.Subscriber

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.charAt(0) == ':') {
            heartbeats.incrementAndGet();
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> event = value;
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                } else {
                    data.append('\n').append(value);
                }
            }
            default -> {
                // id (the seq; not needed here), retry
            }
        }
    }

    private void dispatch() {
        long now = System.nanoTime();
        String name = event == null ? "message" : event;
        String payload = data == null ? null : data.toString();
        event = null;
        data = null;
        if (payload == null) {
            return;
        }
        switch (name) {
            case "notification" -> {
                notifications.incrementAndGet();
                String id;
                try {
                    JsonNode node = JSON.readTree(payload).get("id");
                    id = node == null ? null : node.asString();
                } catch (RuntimeException e) {
                    id = null;
                }
                if (id == null) {
                    unparsable.incrementAndGet();
                } else {
                    listener.notification(this, id, now);
                }
            }
            case "unread" -> {
                unreadEvents.incrementAndGet();
                connected.complete(now);
            }
            case "reset" -> resets.incrementAndGet();
            case "evicted" -> evictions.incrementAndGet();
            default -> otherEvents.incrementAndGet();
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // whenComplete of the exchange reports it
    }

    @Override
    public void onComplete() {
        // whenComplete of the exchange reports it
    }
}
