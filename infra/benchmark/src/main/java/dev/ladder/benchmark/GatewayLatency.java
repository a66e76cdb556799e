package dev.ladder.benchmark;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static dev.ladder.benchmark.AchievementThroughput.log;

/**
 * The gateway's added latency (issue 14) on the {@code --ha} topology: the same request at a fixed rate
 * (-Dlatency.rate, 500 requests/s, an open model: each request leaves at its scheduled moment whether or not earlier
 * ones have answered, and its latency counts from that moment, so a stall is not hidden by fewer requests) for
 * -Dlatency.seconds (30) each, to:
 * <ol>
 * <li><b>direct</b>: one catalog-service instance's own port;</li>
 * <li><b>portal</b>: the portal address as a browser or script reaches it: the gateways' front, a gateway (bearer
 * token checked, token relayed, rate limits, security headers), catalog-service's front, an instance.</li>
 * </ol>
 * {@code GET /api/catalog/tracks} as Ada (a bearer token; a small JSON page read from PostgreSQL). Added latency =
 * percentile through the portal minus the same percentile direct. Both runs alternate twice after a warm-up, so a
 * slow moment of a noisy machine hits both; the medians of the two runs are printed.
 */
final class GatewayLatency {

    static final int RATE = Integer.getInteger("latency.rate", 500);
    static final Duration DURATION = Duration.ofSeconds(Integer.getInteger("latency.seconds", 30));
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("latency.warmup-seconds", 20));
    private static final String PATH = "/api/catalog/tracks";
    /**
     * More requests than this waiting for an answer means the path cannot keep up with the rate: the rest of the run
     * is counted as failed instead of piling up connections without bound.
     */
    private static final int MAX_IN_FLIGHT = 1_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;
    private final int rate;

    private GatewayLatency(String token, int rate) {
        this.token = token;
        this.rate = rate;
    }

    /** Percentiles of one run, in milliseconds, and how many requests failed (not 200, or no answer in 10 s). */
    record Run(double p50, double p99, double max, int requests, int failed) {
        @Override
        public String toString() {
            return String.format("p50 %.2f ms, p99 %.2f ms, max %.1f ms, %,d requests, %d failed", p50, p99, max,
                    requests, failed);
        }
    }

    /** Measures both paths and returns the figure lines. */
    static List<String> measure(Platform platform) {
        List<String> figures = new ArrayList<>();
        // a rate the machine cannot serve measures its queue, not the gateway: then half the rate, down to 50/s
        for (int rate = RATE; rate >= 50; rate /= 2) {
            Result result = measure(platform, rate);
            figures.addAll(result.lines());
            if (!result.overloaded()) {
                break;
            }
            figures.add(String.format("[latency] at %d requests/s more than 1 %% of the requests failed or were not "
                    + "sent: this machine cannot serve that rate with the whole --ha topology on it; half the rate:",
                    rate));
        }
        return figures;
    }

    record Result(List<String> lines, boolean overloaded) {
    }

    private static Result measure(Platform platform, int rate) {
        GatewayLatency latency = new GatewayLatency(new AdminTokens(platform).bearer(), rate);
        String direct = platform.instanceUrl(Service.CATALOG, 2) + PATH;
        String portal = platform.gatewayUrl() + PATH;
        log(String.format("---- gateway latency: %d requests/s, open model, %d s per run, GET %s", rate,
                DURATION.toSeconds(), PATH));
        latency.run(portal, WARMUP, "warm-up portal");
        latency.run(direct, WARMUP, "warm-up direct");
        List<Run> directRuns = new ArrayList<>();
        List<Run> portalRuns = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            directRuns.add(latency.run(direct, DURATION, "direct #" + round));
            portalRuns.add(latency.run(portal, DURATION, "portal #" + round));
        }
        double directP50 = median(directRuns.stream().mapToDouble(Run::p50).toArray());
        double directP99 = median(directRuns.stream().mapToDouble(Run::p99).toArray());
        double portalP50 = median(portalRuns.stream().mapToDouble(Run::p50).toArray());
        double portalP99 = median(portalRuns.stream().mapToDouble(Run::p99).toArray());
        int failed = directRuns.stream().mapToInt(Run::failed).sum() + portalRuns.stream().mapToInt(Run::failed).sum();
        int requests = directRuns.stream().mapToInt(Run::requests).sum() + portalRuns.stream().mapToInt(Run::requests)
                .sum();
        List<String> lines = List.of(
                String.format("[latency] direct to a catalog-service instance: p50 %.2f ms, p99 %.2f ms (runs: %s)",
                        directP50, directP99, directRuns),
                String.format("[latency] through the portal (front, gateway, front, instance): p50 %.2f ms, p99 %.2f "
                        + "ms (runs: %s)", portalP50, portalP99, portalRuns),
                String.format("[latency] added by the portal path at %d requests/s: p50 %+.2f ms, p99 %+.2f ms "
                        + "(goal: p99 added <= 3 ms); failed requests %d of %,d", rate, portalP50 - directP50,
                        portalP99 - directP99, failed, requests));
        lines.forEach(AchievementThroughput::log);
        return new Result(lines, failed > requests / 100);
    }

    private Run run(String url, Duration duration, String label) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        int total = (int) (duration.toSeconds() * rate);
        long[] latencies = new long[total];
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        List<CompletableFuture<?>> inFlight = new ArrayList<>(total);
        long t0 = System.nanoTime() + 10_000_000;
        for (int i = 0; i < total; i++) {
            long scheduled = t0 + (long) (i * 1e9 / rate);
            LockSupport.parkNanos(scheduled - System.nanoTime());
            int n = i;
            if (waiting.get() >= MAX_IN_FLIGHT) {
                latencies[n] = Long.MAX_VALUE; // not sent: the path is overloaded
                failed.incrementAndGet();
                continue;
            }
            waiting.incrementAndGet();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, e) -> {
                latencies[n] = System.nanoTime() - scheduled;
                waiting.decrementAndGet();
                if (e != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                return null;
            }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        // a request not sent counts as slower than any answer: an overloaded run shows as such in its percentiles
        Run run = new Run(millis(sorted[(int) (total * 0.50)]), millis(sorted[(int) Math.min(total - 1, total * 0.99)]),
                millis(sorted[total - 1]), total, failed.get());
        log(String.format("  %-16s %s", label, run));
        return run;
    }

    private static double millis(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
