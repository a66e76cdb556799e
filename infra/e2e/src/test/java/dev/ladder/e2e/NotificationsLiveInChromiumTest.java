package dev.ladder.e2e;

import dev.ladder.contracts.EventProducers;
import dev.ladder.contracts.EventType;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;
import dev.ladder.testkit.CloudEventRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live notifications in real headless Chromium through Keycloak and the gateway: with the Notifications view open, a
 * milestone published on Kafka appears at the top of the list and in the unread badge without a reload and without
 * the page asking for it (no polling: the portal's one EventSource stream brings it), "Mark read" and "Mark all
 * read" clear the badge.
 * <p>
 * The employee is a fresh sign-in account of this run (an unprovisioned person registers with their subject as
 * employee id), so nothing here touches the demo people's notifications other tests count.
 */
class NotificationsLiveInChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Platform platform;
    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        platform = RunningPlatform.get();
    }

    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, WAIT);
    }

    @Test
    void aMilestoneAppearsLiveWithoutPollingAndMarkingReadClearsTheBadge() throws Exception {
        DemoUser lena = account("lena", "Lena", "Live " + suffix);
        String waiting = milestone(lena, "You reached Mid-Level " + suffix);

        // signed in: the badge counts what waited (the stream's first event)
        PortalBrowser.logIn(browser, wait, platform, lena, "Lena");
        wait.until(d -> "1".equals(navUnread()));
        PortalNav.open(browser, wait, "notifications");
        wait.until(ExpectedConditions.presenceOfElementLocated(item(waiting)));
        assertThat(browser.findElement(By.id("unread-count")).getText()).isEqualTo("1");

        // from here on: no reload (the marker stays) and no request for the feed (the resource timing entries)
        js("performance.setResourceTimingBufferSize(100000); window.ladderLiveMarker = 'same page';");
        long feedRequestsBefore = feedRequests();

        String live = milestone(lena, "Live and unpolled " + suffix);
        WebElement arrived = wait.until(ExpectedConditions.presenceOfElementLocated(item(live)));
        wait.until(d -> "2".equals(navUnread()));
        // at the top, unread, with its own mark-read button, and announced politely
        assertThat(browser.findElements(By.cssSelector("#notifications > li")).get(0).getDomAttribute("data-id"))
                .isEqualTo(live);
        assertThat(arrived.getDomAttribute("data-read")).isEqualTo("false");
        assertThat(arrived.getText()).contains("Live and unpolled " + suffix);
        String title = arrived.findElement(By.className("item-title")).getText();
        assertThat(browser.findElement(By.id("notifications-live")).getDomProperty("textContent"))
                .isEqualTo("New notification: " + title);
        assertThat(browser.findElement(By.id("notifications-live")).getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(js("return window.ladderLiveMarker;")).isEqualTo("same page");
        assertThat(feedRequests()).as("requests for the feed while waiting (polling)").isEqualTo(feedRequestsBefore);

        // one marked read: the badge follows, the focus moves on to the next button
        arrived.findElement(By.cssSelector("[data-testid='mark-read']")).click();
        wait.until(d -> "1".equals(navUnread()));
        wait.until(ExpectedConditions.attributeToBe(item(live), "data-read", "true"));
        wait.until(d -> waiting.equals(js("return document.activeElement.closest('li')?.dataset.id ?? null;")));

        // all marked read: the badge goes away, and the server agrees
        browser.findElement(By.cssSelector("[data-testid='mark-all-read']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("nav-unread")));
        assertThat(navUnread()).isNull();
        wait.until(ExpectedConditions.attributeToBe(item(waiting), "data-read", "true"));
        assertThat(browser.findElements(By.cssSelector("#notifications [data-testid='mark-read']"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-testid='mark-all-read']")).isEnabled()).isFalse();
        assertThat(unreadOf(lena)).isZero();

        // and still no polling, still the same page
        assertThat(js("return window.ladderLiveMarker;")).isEqualTo("same page");
        assertThat(feedRequests() - feedRequestsBefore).as("only the two writes, no reads of the feed")
                .isZero();
        PortalBrowser.screenshot(browser, "notifications-live.png");
    }

    /** The list shows the newest 50; "Load older" brings the rest, and the keyboard focus goes to the first of them. */
    @Test
    void olderNotificationsLoadAPageAtATime() throws Exception {
        DemoUser olga = account("olga", "Olga", "Older " + suffix);
        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 52; i++) {
            messages.add("Number " + i + " " + suffix);
        }
        // oldest first, a minute apart: number 51 is the newest
        List<String> ids = milestones(olga, messages, start);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> unreadOf(olga) == 52);

        PortalBrowser.logIn(browser, wait, platform, olga, "Olga");
        PortalNav.open(browser, wait, "notifications");
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#notifications > li"), 50));
        assertThat(browser.findElements(By.cssSelector("#notifications > li")).get(0).getDomAttribute("data-id"))
                .isEqualTo(ids.get(51));
        assertThat(browser.findElements(item(ids.get(1)))).isEmpty();
        wait.until(d -> "52".equals(navUnread()));

        WebElement older = browser.findElement(By.cssSelector("[data-testid='load-older']"));
        assertThat(older.isDisplayed()).isTrue();
        older.click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#notifications > li"), 52));
        List<WebElement> all = browser.findElements(By.cssSelector("#notifications > li"));
        assertThat(all.get(50).getDomAttribute("data-id")).isEqualTo(ids.get(1));
        assertThat(all.get(51).getDomAttribute("data-id")).isEqualTo(ids.get(0));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("[data-testid='load-older']")));
        assertThat(js("return document.activeElement.dataset.id ?? null;")).isEqualTo(ids.get(1));
    }

    /** A fresh sign-in account with the employee role. */
    private DemoUser account(String name, String firstName, String lastName) {
        return RunningPlatform.newAccount(name, suffix, firstName, lastName, Set.of("employee"));
    }

    /** A milestone as progress-service publishes it, for the person whose employee id is their subject. */
    private static String milestone(DemoUser person, String message) throws Exception {
        return milestones(person, List.of(message), Instant.now()).get(0);
    }

    /** Milestones in this order, a minute apart from {@code from}; their ids. */
    private static List<String> milestones(DemoUser person, List<String> messages, Instant from) throws Exception {
        List<String> ids = new ArrayList<>();
        // as progress-service's Kafka user: the only one the broker lets write milestones
        try (KafkaProducer<String, String> progress = new KafkaProducer<>(producerConfig(KafkaAcls.User.PROGRESS),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < messages.size(); i++) {
                String milestoneId = person.id() + ":LEVEL_ADVANCED:mid:" + UUID.randomUUID();
                String payload = """
                        {"milestoneId":"%s","employeeId":"%s","kind":"LEVEL_ADVANCED",
                         "trackId":"ai-ml-security-specialist","levelId":"mid","levelName":"Mid-Level",
                         "readinessPercent":100,"threshold":null,"message":"%s","occurredAt":"%s"}"""
                        .formatted(milestoneId, person.id(), messages.get(i), from.plus(Duration.ofMinutes(i)));
                progress.send(CloudEventRecord.of(EventType.MILESTONE_REACHED, person.id(), payload)
                        .source(EventProducers.PROGRESS_SERVICE).producerRecord()).get(30, TimeUnit.SECONDS);
                ids.add(milestoneId);
            }
        }
        return ids;
    }

    private static long unreadOf(DemoUser person) {
        Reply unread = new Gateway(platform.gatewayUrl()).get("/api/notifications/me/unread-count",
                new TokenClient(platform.issuerUri()).accessToken(person));
        return unread.status() == 200 ? unread.json().path("unread").asLong() : -1;
    }

    /** The count the navigation's unread badge shows; null while it is hidden. */
    private String navUnread() {
        return (String) js("""
                const badge = document.getElementById('nav-unread');
                return badge.hidden ? null : badge.firstChild?.textContent ?? '';""");
    }

    private static By item(String id) {
        return By.cssSelector("#notifications li[data-id='" + id + "']");
    }

    /**
     * How many requests for the feed's data the page has made (finished ones, from the Resource Timing entries): the
     * list, its count; not the stream (one long request) nor the writes.
     */
    private long feedRequests() {
        Object count = js("""
                return performance.getEntriesByType('resource')
                    .map((e) => new URL(e.name).pathname)
                    .filter((p) => p === '/api/notifications/me' || p === '/api/notifications/me/unread-count')
                    .length;""");
        return ((Number) count).longValue();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static Map<String, Object> producerConfig(KafkaAcls.User user) {
        Map<String, Object> config = new java.util.HashMap<>(platform.kafkaClientConfig(user));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
