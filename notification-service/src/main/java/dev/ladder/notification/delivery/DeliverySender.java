package dev.ladder.notification.delivery;

import dev.ladder.kit.tracing.Traces;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Sends due e-mail and webhook messages, outside any consuming transaction: claim (a lease, committed), send over
 * the network, settle (attempt logged; sent, retried on the channel's schedule, or given up). A sender that crashes
 * mid-send leaves its messages claimed until the lease runs out; then any instance sends them again under the same
 * id, which receivers de-duplicate ({@code webhook-id}, {@code Message-ID}).
 */
@Component
class DeliverySender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);

    private final Outbound outbound;
    private final Map<OutboundChannel, Transport> transports;
    private final DeliveryProperties properties;
    private final RetrySchedule schedule;
    private final TransactionTemplate transaction;
    private final DeliveryMeters meters;
    private final Traces traces;
    private final Clock clock = Clock.systemUTC();

    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService senders;

    DeliverySender(Outbound outbound, List<Transport> transports, DeliveryProperties properties,
                   TransactionTemplate transaction, DeliveryMeters meters, Traces traces) {
        this.traces = traces;
        this.outbound = outbound;
        this.transports = transports.stream().collect(Collectors.toMap(Transport::channel, Function.identity()));
        this.properties = properties;
        this.schedule = new RetrySchedule(properties, () -> ThreadLocalRandom.current().nextDouble());
        this.transaction = transaction;
        this.meters = meters;
    }

    /** One round: claims what is due and sends it; returns how many messages it handled. */
    int sendDue() {
        Instant now = clock.instant();
        List<OutboundMessage> due = outbound.claim(now, now.plus(properties.lease()), properties.batchSize());
        if (due.isEmpty()) {
            return 0;
        }
        List<Future<?>> running = due.stream().map(m -> senders.submit(() -> send(m))).<Future<?>>map(f -> f).toList();
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return due.size();
            } catch (Exception e) {
                log.error("Sending failed unexpectedly", e);
            }
        }
        return due.size();
    }

    /** In a span that continues the trace of the event behind the message: its log lines and request carry it. */
    private void send(OutboundMessage message) {
        Span span = traces.start(message.trace(),
                "notification " + message.channel().name().toLowerCase(Locale.ROOT) + " send", Span.Kind.CLIENT);
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            sendTraced(message);
        } finally {
            span.end();
        }
    }

    private void sendTraced(OutboundMessage message) {
        if (message.items().isEmpty()) {
            outbound.cancel(message);
            return;
        }
        Transport transport = transports.get(message.channel());
        Instant started = clock.instant();
        SendOutcome outcome;
        if (transport == null) {
            outcome = new SendOutcome.Failed(null, "no transport for " + message.channel());
        } else {
            try {
                outcome = transport.send(message);
            } catch (RuntimeException e) {
                // a transport must map every receiver behaviour to an outcome; this is a bug, but it must not lose
                // the message: retried on the schedule like any failure
                log.error("{} transport threw for message {}", message.channel(), message.id(), e);
                outcome = new SendOutcome.Retry(null, "internal error: " + e.getClass().getSimpleName(), null);
            }
        }
        settle(transport, message, started, outcome);
    }

    private void settle(Transport transport, OutboundMessage message, Instant started, SendOutcome outcome) {
        Instant now = clock.instant();
        String status;
        Instant next = null;
        if (outcome instanceof SendOutcome.Delivered) {
            status = "SENT";
        } else if (outcome instanceof SendOutcome.Retry retry) {
            next = schedule.next(message.channel(), message.attempt(), retry.retryAfter(), now).orElse(null);
            status = next == null ? "FAILED" : "RETRY";
        } else {
            status = "FAILED";
        }
        boolean givingUp = "FAILED".equals(status);
        if (!outbound.settle(message, started, now, outcome, status, next)) {
            log.warn("Message {} attempt {} was taken over by another sender (lease ran out); its outcome {} is "
                    + "not recorded", message.id(), message.attempt(), outcome);
            return;
        }
        meters.settled(message.channel(), outcome, next != null);
        if (givingUp) {
            log.warn("Giving up on {} message {} to {} after {} attempt(s): {}", message.channel(), message.id(),
                    message.target(), message.attempt(), outcome);
        }
        if (transport != null) {
            transaction.executeWithoutResult(tx -> transport.settled(message, outcome, givingUp));
        }
    }

    private void poll() {
        try {
            // keep going while there is a backlog; otherwise wait for the next tick
            while (sendDue() >= properties.batchSize() && !Thread.currentThread().isInterrupted()) {
                log.debug("Backlog: sending the next batch at once");
            }
        } catch (RuntimeException e) {
            log.warn("Delivery round failed, retrying in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Sending is disabled on this instance (ladder.notification.delivery.enabled=false)");
            return;
        }
        senders = Executors.newFixedThreadPool(properties.threads(), r -> {
            Thread t = new Thread(r, "delivery-send");
            t.setDaemon(true);
            return t;
        });
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "delivery-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, properties.pollInterval().toMillis(),
                properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService p = poller;
        ExecutorService s = senders;
        poller = null;
        senders = null;
        if (p != null) {
            p.shutdownNow();
        }
        if (s != null) {
            s.shutdownNow();
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }
}
