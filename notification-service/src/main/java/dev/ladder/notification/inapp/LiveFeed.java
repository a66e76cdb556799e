package dev.ladder.notification.inapp;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The open live streams of this instance ({@code GET /api/notifications/me/stream}) and what each has been sent.
 * <p>
 * Each stream remembers the newest {@code seq} it was sent. Whenever a person's feed changes — on any instance: the
 * change is announced by {@code pg_notify} at commit and {@link FeedListener} hears it — every stream of that person
 * is sent what its feed has after that {@code seq}, in order, then the unread count if it changed. A person's sequence
 * numbers commit in order, so "after the newest sent" never skips one that commits late: nothing is lost, nothing
 * repeated. A (re)connecting stream catches up the same way from its {@code Last-Event-ID}.
 * <p>
 * Streams are bounded per person (the oldest is closed) and per instance (new ones are refused); writes happen on a
 * small pool of sender threads, never on the database listener's thread, and a person's streams are written by one
 * thread at a time. No thread is held by an idle stream.
 */
@Component
class LiveFeed implements SmartLifecycle {

    static final String NOTIFICATION = "notification";
    static final String UNREAD = "unread";
    static final String RESET = "reset";
    static final String EVICTED = "evicted";

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final InAppNotificationRepository repository;
    private final LiveFeedProperties properties;

    private final Object registry = new Object();
    /** Guarded by {@link #registry}. */
    private final Map<String, Recipient> recipients = new HashMap<>();
    /** Guarded by {@link #registry}. */
    private int open;

    private volatile boolean running;
    private ExecutorService senders;
    private ScheduledExecutorService ticker;

    LiveFeed(InAppNotificationRepository repository, LiveFeedProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    /**
     * Opens a stream of the employee's feed. The first event is {@code unread} with the position the stream starts
     * from as its id: after {@code lastEventId} when given (catching up on what came since, or {@code reset} when
     * that is more than the backlog limit or a position the feed never had), else after the newest notification.
     *
     * @param lifetime how long the stream may last (the caller's token's remaining life); capped by max-duration
     */
    SseEmitter open(String employeeId, Long lastEventId, Duration lifetime) {
        Duration timeout = lifetime.compareTo(properties.maxDuration()) < 0 ? lifetime : properties.maxDuration();
        SseEmitter emitter = new SseEmitter(Math.max(1000L, timeout.toMillis()));
        Subscription subscription = new Subscription(employeeId, emitter);
        subscription.lock.lock();
        try {
            Subscription evicted = register(subscription);
            emitter.onCompletion(() -> unregister(subscription));
            emitter.onError(error -> unregister(subscription));
            emitter.onTimeout(() -> {
                // the stream has lived its time: end it normally, the browser reconnects with Last-Event-ID
                unregister(subscription);
                emitter.complete();
            });
            if (evicted != null) {
                submit(() -> evict(evicted));
            }
            start(subscription, lastEventId);
        } catch (RuntimeException e) {
            unregister(subscription);
            throw e;
        } finally {
            subscription.lock.unlock();
        }
        return emitter;
    }

    /** The employee's feed changed (a notification arrived, something was read): their streams here catch up. */
    void changed(String employeeId) {
        Recipient recipient;
        synchronized (registry) {
            recipient = recipients.get(employeeId);
        }
        if (recipient != null) {
            schedule(recipient);
        }
    }

    /** The person was erased (GDPR): their streams here end, and nothing more is sent on them. */
    void close(String employeeId) {
        List<Subscription> closing;
        synchronized (registry) {
            Recipient recipient = recipients.remove(employeeId);
            if (recipient == null) {
                return;
            }
            closing = List.copyOf(recipient.subscriptions);
            open -= closing.size();
            recipient.subscriptions.clear();
        }
        for (Subscription subscription : closing) {
            subscription.lock.lock();
            try {
                subscription.closed = true;
                subscription.emitter.complete();
            } catch (RuntimeException e) {
                log.debug("Closing a stream of an erased person failed: {}", e.toString());
            } finally {
                subscription.lock.unlock();
            }
        }
    }

    /** Every stream here catches up (the listener was reconnected and may have missed announcements meanwhile). */
    void changedAll() {
        List<Recipient> all;
        synchronized (registry) {
            all = List.copyOf(recipients.values());
        }
        all.forEach(this::schedule);
    }

    /** Open streams on this instance. */
    int openStreams() {
        synchronized (registry) {
            return open;
        }
    }

    /** Open streams of one person on this instance. */
    int openStreams(String employeeId) {
        synchronized (registry) {
            Recipient recipient = recipients.get(employeeId);
            return recipient == null ? 0 : recipient.subscriptions.size();
        }
    }

    // ---- registry

    private Subscription register(Subscription subscription) {
        synchronized (registry) {
            if (!running) {
                throw unavailable("The live feed is not running on this instance; try again shortly.");
            }
            Recipient recipient = recipients.get(subscription.employeeId);
            Subscription evicted = null;
            if (recipient != null && recipient.subscriptions.size() >= properties.maxPerPerson()) {
                evicted = recipient.subscriptions.remove(0);
                open--;
            } else if (open >= properties.maxConnections()) {
                throw unavailable("Too many live streams are open on this instance; try again shortly.");
            }
            if (recipient == null) {
                recipient = new Recipient(subscription.employeeId);
                recipients.put(subscription.employeeId, recipient);
            }
            recipient.subscriptions.add(subscription);
            open++;
            return evicted;
        }
    }

    private void unregister(Subscription subscription) {
        subscription.closed = true;
        synchronized (registry) {
            Recipient recipient = recipients.get(subscription.employeeId);
            if (recipient != null && recipient.subscriptions.remove(subscription)) {
                open--;
                if (recipient.subscriptions.isEmpty()) {
                    recipients.remove(subscription.employeeId);
                }
            }
        }
    }

    private static ErrorResponseException unavailable(String detail) {
        ErrorResponseException e = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail), null);
        e.getHeaders().set(HttpHeaders.RETRY_AFTER, "10");
        return e;
    }

    // ---- sending (a subscription's lock held)

    private void start(Subscription subscription, Long lastEventId) {
        String employeeId = subscription.employeeId;
        long last = repository.lastSeq(employeeId);
        long unread = repository.count(employeeId, true);
        long from = lastEventId == null ? last : lastEventId;
        List<InAppNotification> missed = from > last ? null
                : repository.since(employeeId, from, properties.backlogLimit() + 1);
        boolean reset = missed == null || missed.size() > properties.backlogLimit();
        long position = reset ? last : from;
        subscription.sent = position;
        subscription.unread = unread;
        boolean sent = send(subscription, SseEmitter.event().name(UNREAD).id(Long.toString(position))
                .reconnectTime(properties.retry().toMillis())
                .data(new UnreadCount(unread), MediaType.APPLICATION_JSON));
        if (reset) {
            // more missed than is sensible to replay (or a position from another life of the feed): reload instead
            send(subscription, SseEmitter.event().name(RESET).id(Long.toString(position))
                    .data(new FeedReset(position), MediaType.APPLICATION_JSON));
        } else if (sent) {
            sendAll(subscription, missed);
        }
    }

    private void catchUp(Subscription subscription, long unread) {
        List<InAppNotification> items = repository.since(subscription.employeeId, subscription.sent,
                properties.backlogLimit() + 1);
        if (items.size() > properties.backlogLimit()) {
            long last = repository.lastSeq(subscription.employeeId);
            subscription.sent = last;
            if (!send(subscription, SseEmitter.event().name(RESET).id(Long.toString(last))
                    .data(new FeedReset(last), MediaType.APPLICATION_JSON))) {
                return;
            }
        } else if (!sendAll(subscription, items)) {
            return;
        }
        if (unread != subscription.unread) {
            subscription.unread = unread;
            send(subscription, SseEmitter.event().name(UNREAD).data(new UnreadCount(unread),
                    MediaType.APPLICATION_JSON));
        }
    }

    private boolean sendAll(Subscription subscription, List<InAppNotification> items) {
        for (InAppNotification n : items) {
            if (!send(subscription, SseEmitter.event().name(NOTIFICATION).id(Long.toString(n.seq()))
                    .data(NotificationView.of(n), MediaType.APPLICATION_JSON))) {
                return false;
            }
            subscription.sent = n.seq();
        }
        return true;
    }

    /** @return false when the stream is gone (it is forgotten then) */
    private boolean send(Subscription subscription, SseEmitter.SseEventBuilder event) {
        if (subscription.closed) {
            return false;
        }
        try {
            subscription.emitter.send(event);
            return true;
        } catch (IOException | IllegalStateException e) {
            // the client went away (or the stream was completed meanwhile)
            log.debug("Live stream of {} closed: {}", subscription.employeeId, e.toString());
            unregister(subscription);
            try {
                subscription.emitter.completeWithError(e);
            } catch (RuntimeException ignored) {
                // already completed
            }
            return false;
        }
    }

    private void evict(Subscription subscription) {
        subscription.lock.lock();
        try {
            // the person opened more streams than allowed: this, their oldest, is closed and told not to come back
            // on its own (a browser reconnects a stream that just ends, and would close the next oldest in turn)
            send(subscription, SseEmitter.event().name(EVICTED).data(
                    new Evicted("More than " + properties.maxPerPerson() + " live streams are open for you"),
                    MediaType.APPLICATION_JSON));
            subscription.closed = true;
            subscription.emitter.complete();
        } catch (RuntimeException e) {
            log.debug("Closing an evicted stream of {} failed: {}", subscription.employeeId, e.toString());
        } finally {
            subscription.lock.unlock();
        }
    }

    // ---- scheduling

    private void schedule(Recipient recipient) {
        recipient.dirty.set(true);
        if (recipient.scheduled.compareAndSet(false, true)) {
            if (!submit(() -> drain(recipient))) {
                recipient.scheduled.set(false);
            }
        }
    }

    /** One thread at a time per person: catches up until no further change was announced meanwhile. */
    private void drain(Recipient recipient) {
        try {
            while (recipient.dirty.getAndSet(false)) {
                pump(recipient);
            }
        } finally {
            recipient.scheduled.set(false);
        }
        if (recipient.dirty.get()) {
            schedule(recipient); // announced between the last round and clearing "scheduled"
        }
    }

    private void pump(Recipient recipient) {
        List<Subscription> subscriptions;
        synchronized (registry) {
            subscriptions = List.copyOf(recipient.subscriptions);
        }
        if (subscriptions.isEmpty()) {
            return;
        }
        try {
            long unread = repository.count(recipient.employeeId, true);
            for (Subscription subscription : subscriptions) {
                subscription.lock.lock();
                try {
                    catchUp(subscription, unread);
                } finally {
                    subscription.lock.unlock();
                }
            }
        } catch (RuntimeException e) {
            // the database is away: the listener reconnects when it is back and every stream catches up then
            log.warn("Live streams of {} could not catch up: {}", recipient.employeeId, e.toString());
        }
    }

    private void heartbeat() {
        List<Subscription> all = new ArrayList<>();
        synchronized (registry) {
            recipients.values().forEach(r -> all.addAll(r.subscriptions));
        }
        for (Subscription subscription : all) {
            if (subscription.heartbeatPending.compareAndSet(false, true)) {
                if (!submit(() -> beat(subscription))) {
                    subscription.heartbeatPending.set(false);
                }
            }
        }
    }

    private void beat(Subscription subscription) {
        try {
            // a stream being written to right now needs no heartbeat, and a stalled one must not hold this thread
            if (subscription.lock.tryLock()) {
                try {
                    send(subscription, SseEmitter.event().comment("keep-alive"));
                } finally {
                    subscription.lock.unlock();
                }
            }
        } finally {
            subscription.heartbeatPending.set(false);
        }
    }

    private boolean submit(Runnable task) {
        ExecutorService executor = senders;
        if (executor == null || !running) {
            return false;
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    // ---- lifecycle

    @Override
    public void start() {
        senders = new ThreadPoolExecutor(properties.senderThreads(), properties.senderThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("ladder-live-feed-"));
        ticker = new ScheduledThreadPoolExecutor(1, threads("ladder-live-feed-heartbeat-"));
        long every = properties.heartbeat().toMillis();
        ticker.scheduleAtFixedRate(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream (browsers reconnect, to another instance or to this one once it is back). */
    @Override
    public void stop() {
        List<Subscription> all = new ArrayList<>();
        synchronized (registry) {
            running = false;
            recipients.values().forEach(r -> all.addAll(r.subscriptions));
            recipients.clear();
            open = 0;
        }
        for (Subscription subscription : all) {
            subscription.closed = true;
            try {
                subscription.emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        }
        ticker.shutdownNow();
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Streams end before the web server's graceful shutdown waits for open requests (a stream never finishes). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The data of a {@code reset} event: the position the stream continues from. */
    record FeedReset(long seq) {
    }

    /** The data of an {@code evicted} event. */
    record Evicted(String reason) {
    }

    private static final class Recipient {
        final String employeeId;
        /** Oldest first; guarded by the registry lock. */
        final List<Subscription> subscriptions = new ArrayList<>();
        final AtomicBoolean dirty = new AtomicBoolean();
        final AtomicBoolean scheduled = new AtomicBoolean();

        Recipient(String employeeId) {
            this.employeeId = employeeId;
        }
    }

    private static final class Subscription {
        final String employeeId;
        final SseEmitter emitter;
        /** Held while writing, so a stream's events go out one at a time and in order. */
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean heartbeatPending = new AtomicBoolean();
        /** The newest seq sent (or the start position); guarded by {@link #lock}. */
        long sent;
        /** The unread count last sent; guarded by {@link #lock}. */
        long unread;
        volatile boolean closed;

        Subscription(String employeeId, SseEmitter emitter) {
            this.employeeId = employeeId;
            this.emitter = emitter;
        }
    }
}
