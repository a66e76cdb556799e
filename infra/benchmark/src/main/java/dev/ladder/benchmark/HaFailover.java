package dev.ladder.benchmark;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.PlatformConfig;
import dev.ladder.devstack.Service;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.KeycloakServer;
import dev.ladder.keycloak.SharedKeycloak;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ladder.benchmark.AchievementThroughput.log;
import static dev.ladder.benchmark.AchievementThroughput.secs;

/**
 * Failover on the {@code --ha} topology (issue 14), as {@code infra/devstack/run --ha} starts it: three Kafka nodes
 * (replication factor 3, {@code min.insync.replicas} 2), two instances of every service and of the gateway behind
 * their fronts, Redis for the gateway's sessions. While N achievement events (-Dfaults.events, 60,000 here) flow in
 * at R events/s (-Dfaults.rate, 1,000) from the demo LMS and a person is logged in to the portal in headless
 * Chromium, asking for their profile through the portal every 500 ms:
 * <ol>
 * <li>one Kafka node is stopped (and stays down),</li>
 * <li>one instance of progress-service is killed with SIGKILL,</li>
 * <li>one instance each of catalog-, profile- and notification-service is killed with SIGKILL,</li>
 * <li>one gateway is killed with SIGKILL;</li>
 * </ol>
 * none is started again. Then: the session still works (the browser is never sent back to the login page, every
 * request after the last fault answers 200 and the portal page shows the person); every event is in the ledger once,
 * for the right person, nothing dead-lettered; milestones announced once; the projection equals a replay; every
 * consumer group's lag returns to 0. Exits 1 if any promise fails. Before the faults, on the whole topology at rest,
 * {@link GatewayLatency} measures the gateway's added latency (-Dha.latency=false leaves it out, -Dha.failover=false
 * the failover). Run once, not in {@code ./mvnw verify}: ten
 * service JVMs, three brokers and Keycloak take two cores for minutes.
 */
public final class HaFailover {

    private static final Duration POLL_EVERY = Duration.ofMillis(500);
    /** Requests in flight on an instance when it is killed fail; after this long every request must succeed. */
    private static final Duration SETTLE = Duration.ofSeconds(15);
    private static final DemoUser PERSON = DemoUsers.ALICE;

    private HaFailover() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run() ? 0 : 1);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    static boolean run() throws Exception {
        // FaultInjection's sizes are read once, when it is first used: this run's smaller default goes in first
        if (System.getProperty("faults.events") == null) {
            System.setProperty("faults.events", "60000");
        }
        TeamDashboard.quietLibraryLogs();
        if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.ERROR); // the clients' warnings while a broker is down
        }
        log("================ FAILOVER ON THE --ha TOPOLOGY ================");
        log(String.format("machine: %d cores, load average %.2f; %,d events at %,d events/s for %,d employees",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), FaultInjection.EVENTS,
                FaultInjection.RATE, FaultInjection.EMPLOYEES));
        Path home = Files.createTempDirectory("ladder-ha-");
        long started = System.nanoTime();
        List<String> failures = List.of("did not finish");
        // Shortcut, as infra/e2e takes it: Keycloak is the build's shared one (same realm, in-memory database),
        // started before the platform. Started beside ten service JVMs on two cores it missed its 300 s once.
        try (SharedKeycloak.Lease keycloak = SharedKeycloak.lease(Path.of(System.getProperty("java.io.tmpdir"),
                "ladder-test-keycloak-" + KeycloakServer.VERSION));
             Platform platform = Platform.start(PlatformConfig.builder()
                .externalKeycloak(keycloak.baseUrl())
                .home(home)
                .anyFreePorts()
                .highAvailability(true)
                .demoData(true)
                .services(EnumSet.allOf(Service.class))
                .serviceJvmOptions(FaultInjection.SERVICE_JVM)
                .readyTimeout(Duration.ofMinutes(8))
                .progress(line -> log("  platform: " + line))
                .build())) {
            log(String.format("  platform ready in %.0f s (%,d MiB RSS): portal %s, Kafka %s, logs in %s",
                    platform.startupTime().toMillis() / 1e3, platform.rssBytes() >> 20, platform.gatewayUrl(),
                    platform.kafkaBootstrap(), platform.config().logDir()));
            FaultInjection harness = new FaultInjection(platform);
            if (Boolean.parseBoolean(System.getProperty("ha.latency", "true"))) {
                // first, on the whole topology at rest: the gateway's added latency (GatewayLatency)
                GatewayLatency.measure(platform).forEach(harness.figures::add);
            }
            if (Boolean.parseBoolean(System.getProperty("ha.failover", "true"))) {
                new HaFailover().failover(platform, harness);
            }
            failures = harness.failures;
            log("================ FAILOVER RESULT ================");
            harness.figures.forEach(AchievementThroughput::log);
            log(failures.isEmpty() ? "every promise kept" : failures.size() + " promise(s) broken: " + failures);
        } finally {
            if (failures.isEmpty()) {
                TeamDashboard.deleteTree(home);
            } else {
                log("  platform data and logs kept in " + home);
            }
            log(String.format("  took %.0f s in all", secs(System.nanoTime() - started)));
        }
        return failures.isEmpty();
    }

    private void failover(Platform platform, FaultInjection harness) throws Exception {
        harness.seed(FaultInjection.EMPLOYEES);
        ChromeDriver browser = chromium();
        try {
            logIn(browser, platform);
            Session session = new Session(browser);
            session.start();
            FaultInjection.Sent sent = new FaultInjection.Sent(0, 0);
            List<Map.Entry<Double, Runnable>> schedule = List.of(
                    Map.entry(0.10, () -> platform.stopKafkaNode(1)),
                    Map.entry(0.25, () -> platform.killInstance(Service.PROGRESS, 1)),
                    Map.entry(0.40, () -> {
                        platform.killInstance(Service.CATALOG, 1);
                        platform.killInstance(Service.PROFILE, 1);
                        platform.killInstance(Service.NOTIFICATION, 1);
                    }),
                    // the browser's connections are spread over both gateways; the session lives in Redis
                    Map.entry(0.55, () -> platform.killInstance(Service.GATEWAY, 1)));
            List<String> names = List.of("Kafka node 1 stopped", "kill -9 progress-service-1",
                    "kill -9 catalog-service-1, profile-service-1, notification-service-1", "kill -9 gateway-1");
            List<CountDownLatch> reached = schedule.stream().map(s -> new CountDownLatch(1)).toList();
            AtomicInteger sentSoFar = new AtomicInteger();
            long t0 = System.nanoTime();
            CompletableFuture<Long> faults = CompletableFuture.supplyAsync(() -> {
                long lastEnded = 0;
                for (int f = 0; f < schedule.size(); f++) {
                    try {
                        reached.get(f).await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    long began = System.nanoTime();
                    int before = sentSoFar.get();
                    schedule.get(f).getValue().run();
                    lastEnded = System.nanoTime();
                    String line = String.format("[ha] %-68s at %,6d events sent (%5.1f s in), took %.1f s",
                            names.get(f), before, secs(began - t0), secs(lastEnded - began));
                    log("  " + line);
                    harness.figures.add(line);
                }
                return lastEnded;
            });
            harness.produce(sent, FaultInjection.RATE, i -> {
                sentSoFar.set(i);
                for (int f = 0; f < schedule.size(); f++) {
                    if (i == (int) (schedule.get(f).getKey() * FaultInjection.EVENTS)) {
                        reached.get(f).countDown();
                    }
                }
            });
            long sendEnded = System.nanoTime();
            long lastFault = faults.join();
            String sentLine = String.format("[ha] %,d events sent and acknowledged (acks=all, one of three brokers "
                    + "down from 10 %%) in %.1f s", FaultInjection.EVENTS, secs(sendEnded - t0));
            log("  " + sentLine);
            harness.figures.add(sentLine);

            long lagZero = awaitEveryGroupCaughtUp(platform, harness);
            harness.check(true, String.format("[ha] every consumer group's lag 0 %.1f s after the last fault "
                    + "(%.1f s after the last send)", secs(lagZero - lastFault), secs(lagZero - Math.max(sendEnded,
                    lastFault))));

            // the session: judged once it has asked at least 10 times from SETTLE after the last fault on
            long settleUntil = lastFault + SETTLE.toNanos();
            session.awaitPollsAfter(settleUntil, 10, Duration.ofMinutes(2));
            session.stop();
            List<Poll> polls = session.polls();
            long total = polls.size();
            long failed = polls.stream().filter(p -> !p.ok()).count();
            long loggedOut = polls.stream().filter(Poll::loggedOut).count();
            long failedAfterSettle = polls.stream().filter(p -> p.at() > settleUntil && !p.ok()).count();
            long afterSettle = polls.stream().filter(p -> p.at() > settleUntil).count();
            harness.check(loggedOut == 0 && failedAfterSettle == 0 && afterSettle > 0, String.format("[ha] portal "
                            + "session: %,d requests for /api/profiles/me every %d ms through the portal, %,d failed "
                            + "(in flight on a killed instance: %s), sent to the login page %d; %,d requests from %d s "
                            + "after the last fault: %d failed", total, POLL_EVERY.toMillis(), failed,
                    session.failureKinds(), loggedOut, afterSettle, SETTLE.toSeconds(), failedAfterSettle));
            browser.get(platform.gatewayUrl() + "/");
            boolean shown;
            try {
                new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions
                        .textToBePresentInElementLocated(By.id("user-name"), "Alice"));
                shown = browser.getCurrentUrl().startsWith(platform.gatewayUrl());
            } catch (RuntimeException e) {
                shown = false;
            }
            harness.check(shown, "[ha] the portal page, loaded again after every fault, shows Alice without a new "
                    + "login (" + browser.getCurrentUrl() + ")");
        } finally {
            browser.quit();
        }
        FaultInjection.Sent sent = new FaultInjection.Sent(0, 0);
        harness.checkLedger(sent);
        harness.checkDeadLetters(sent);
        harness.checkMilestones();
        harness.checkProjectionIsAReplay();
    }

    /** Polls every group's lag until all are 0 at once; returns when (nanoTime). */
    private static long awaitEveryGroupCaughtUp(Platform platform, FaultInjection harness) throws Exception {
        KafkaTopics kafka = new KafkaTopics(() -> platform.kafkaClientConfig(dev.ladder.kafka.KafkaAcls.User.ADMIN));
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<String, Long> lag = Map.of();
        long began = System.nanoTime();
        Map<String, Double> caughtUp = new java.util.TreeMap<>(); // group -> seconds until its lag was (last) seen 0
        while (System.nanoTime() < deadline) {
            FaultInjection.failIfSomethingDied(platform);
            lag = kafka.lagOfEveryGroup();
            lag.forEach((group, l) -> {
                if (l == 0) {
                    caughtUp.putIfAbsent(group, secs(System.nanoTime() - began));
                } else {
                    caughtUp.remove(group);
                }
            });
            if (!lag.isEmpty() && lag.values().stream().allMatch(l -> l == 0)) {
                long at = System.nanoTime();
                log("  lag 0 in every group, seconds after the send ended: " + caughtUp);
                return at;
            }
            Thread.sleep(200);
        }
        harness.check(false, "[ha] consumer lag still not 0 after 5 minutes: " + lag);
        return System.nanoTime();
    }

    // ------------------------------------------------------------------------------------------------ the browser

    /** One request of the session: when (nanoTime), its status (0: no answer), and whether it met the login page. */
    record Poll(long at, int status, String error, boolean loggedOut) {
        boolean ok() {
            return status == 200;
        }
    }

    /** The logged-in page asks for the person's profile every 500 ms, as the portal's own script would. */
    private static final class Session {
        private final ChromeDriver browser;
        /** Guarded by itself; notified on every poll. */
        private final List<Poll> polls = new ArrayList<>();
        private final java.util.concurrent.ScheduledExecutorService timer =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "portal-session");
                    thread.setDaemon(true);
                    return thread;
                });

        Session(ChromeDriver browser) {
            this.browser = browser;
        }

        /** One thread asks, so the (not thread-safe) driver is used by it alone until {@link #stop()}. */
        void start() {
            timer.scheduleWithFixedDelay(this::poll, 0, POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Until {@code count} polls have been made after {@code after} (nanoTime). */
        void awaitPollsAfter(long after, int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (polls) {
                while (polls.stream().filter(p -> p.at() > after).count() < count) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException("the portal session made fewer than " + count
                                + " requests in " + timeout.toSeconds() + " s");
                    }
                    TimeUnit.NANOSECONDS.timedWait(polls, left);
                }
            }
        }

        private void poll() {
            long at = System.nanoTime();
            Object answer;
            try {
                // redirect 'manual': a session the gateway no longer knew would answer with the way to the login page
                answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch('/api/profiles/me', {headers: {'Accept': 'application/json'}, redirect: 'manual'})
                          .then(r => done(r.type === 'opaqueredirect' ? 'redirect' : String(r.status)))
                          .catch(e => done('error ' + e.message));""");
            } catch (RuntimeException e) {
                answer = "error " + e.getClass().getSimpleName();
            }
            String text = String.valueOf(answer);
            int status = text.matches("\\d+") ? Integer.parseInt(text) : 0;
            boolean loggedOut = text.equals("redirect") || status == 401;
            synchronized (polls) {
                polls.add(new Poll(at, status, status == 0 ? text : null, loggedOut));
                polls.notifyAll();
            }
        }

        void stop() throws InterruptedException {
            timer.shutdown();
            timer.awaitTermination(40, TimeUnit.SECONDS); // a poll in flight ends within the 30 s script timeout
        }

        List<Poll> polls() {
            synchronized (polls) {
                return List.copyOf(polls);
            }
        }

        String failureKinds() {
            Map<String, Long> kinds = new java.util.TreeMap<>();
            polls().stream().filter(p -> !p.ok()).forEach(p -> kinds.merge(p.status() == 0 ? p.error()
                    : "HTTP " + p.status(), 1L, Long::sum));
            return kinds.isEmpty() ? "none" : kinds.toString();
        }
    }

    /** Through Keycloak's own login page, back to the portal showing the person's name. */
    private static void logIn(ChromeDriver browser, Platform platform) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get(platform.gatewayUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        browser.findElement(By.id("username")).sendKeys(PERSON.username());
        browser.findElement(By.id("password")).sendKeys(PERSON.password());
        browser.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "Alice"));
        log("  " + PERSON.username() + " logged in to the portal at " + browser.getCurrentUrl());
    }

    /** Headless Chromium as infra/e2e runs it (LADDER_CHROMIUM, LADDER_CHROMEDRIVER; no download of any driver). */
    private static ChromeDriver chromium() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getenv().getOrDefault("LADDER_CHROMIUM", "/usr/bin/chromium")));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=en-US", "--user-data-dir=" + Files.createTempDirectory("ladder-chromium-"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getenv().getOrDefault("LADDER_CHROMEDRIVER",
                        "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
