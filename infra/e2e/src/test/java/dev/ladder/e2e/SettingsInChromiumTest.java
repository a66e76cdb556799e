package dev.ladder.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "Settings" view in real headless Chromium through Keycloak and the gateway: an employee chooses a daily digest
 * for a kind and quiet hours, and finds them again after a reload (and the API agrees); an unknown time zone is shown
 * at its field and saves nothing. Mark (a manager) adds a chat webhook for his team to an address on this machine:
 * its secret is shown once, never again; he disables the endpoint and deletes it.
 * <p>
 * The employee is a fresh sign-in account of this run, and the webhook is Mark's own and deleted at the end, so
 * nothing here changes what other tests build on.
 */
class SettingsInChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEAM = "ai-security";

    private static Platform platform;
    private static Gateway gateway;
    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        gateway = new Gateway(platform.gatewayUrl());
    }

    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, WAIT);
    }

    @Test
    void anEmployeeChoosesADailyDigestAndQuietHoursAndAWrongTimeZoneSavesNothing() throws IOException {
        DemoUser emma = account("emma", "Emma", "Settings " + suffix);
        PortalBrowser.logIn(browser, wait, platform, emma, "Emma");
        PortalNav.open(browser, wait, "settings");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preferences-form")));
        assertThat(js("return document.activeElement.id")).as("the view's title has the focus")
                .isEqualTo("view-settings-title");
        assertThat(browser.findElement(By.id("webhooks-card")).isDisplayed()).as("an employee has no chat endpoints")
                .isFalse();
        assertThat(browser.findElement(By.id("preferences-email")).getText()).isNotBlank();

        // the kinds an employee receives, each with its default; a critical kind cannot be turned off in the portal
        WebElement readiness = browser.findElement(By.id("pref-READINESS_THRESHOLD_CROSSED-email"));
        assertThat(new Select(readiness).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("WEEKLY");
        assertThat(browser.findElement(By.id("pref-READINESS_THRESHOLD_CROSSED-email-default")).getText())
                .isEqualTo("default: weekly digest");
        assertThat(readiness.getDomAttribute("aria-describedby"))
                .contains("pref-READINESS_THRESHOLD_CROSSED-email-error");
        assertThat(browser.findElement(By.id("pref-CERTIFICATION_EXPIRED-inapp")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.cssSelector("tr[data-kind='CERTIFICATION_EXPIRED'] th")).getText())
                .contains("critical");
        assertThat(browser.findElements(By.cssSelector("#preferences-kinds tr[data-kind='CLAIM_PENDING']")))
                .as("a manager's kind").isEmpty();

        // a daily digest, quiet hours 21:30-06:45 and a time zone: saved
        new Select(readiness).selectByValue("DAILY");
        type("pref-time-zone", "Europe/Berlin");
        new Select(browser.findElement(By.id("pref-digest-hour"))).selectByValue("9");
        click("pref-quiet-on");
        setValue("pref-quiet-from", "21:30");
        setValue("pref-quiet-until", "06:45");
        click("preferences-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preferences-success"), "Saved"));
        assertThat(browser.findElement(By.id("preferences-success")).getText()).contains("1 notification changed")
                .contains("quiet hours 21:30–06:45");

        // still set after a reload, and the API agrees
        browser.navigate().refresh();
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-settings"), "aria-current", "page"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preferences-form")));
        assertThat(selected("pref-READINESS_THRESHOLD_CROSSED-email")).isEqualTo("DAILY");
        assertThat(selected("pref-LEVEL_ADVANCED-email")).isEqualTo("ON");
        assertThat(selected("pref-digest-hour")).isEqualTo("9");
        assertThat(value("pref-time-zone")).isEqualTo("Europe/Berlin");
        assertThat(browser.findElement(By.id("pref-quiet-on")).isSelected()).isTrue();
        assertThat(value("pref-quiet-from")).isEqualTo("21:30");
        assertThat(value("pref-quiet-until")).isEqualTo("06:45");
        JsonNode saved = preferences(emma);
        assertThat(saved.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(saved.path("digestHour").asInt()).isEqualTo(9);
        assertThat(saved.path("quietHours").path("from").asString()).isEqualTo("21:30");
        assertThat(saved.path("quietHours").path("until").asString()).isEqualTo("06:45");
        assertThat(kind(saved, "READINESS_THRESHOLD_CROSSED").path("email").path("mode").asString()).isEqualTo("DAILY");
        assertThat(kind(saved, "READINESS_THRESHOLD_CROSSED").path("email").path("default").asString())
                .isEqualTo("WEEKLY");

        // an unknown time zone: shown at its field, nothing saved (not the other change either), nothing lost
        new Select(browser.findElement(By.id("pref-LEVEL_ADVANCED-email"))).selectByValue("OFF");
        type("pref-time-zone", "Mars/Olympus_Mons");
        click("preferences-save");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("pref-time-zone-error")));
        assertThat(browser.findElement(By.id("pref-time-zone-error")).getText()).contains("time zone");
        WebElement zone = browser.findElement(By.id("pref-time-zone"));
        assertThat(zone.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(zone.getDomAttribute("aria-describedby")).contains("pref-time-zone-error");
        assertThat(js("return document.activeElement.id")).isEqualTo("pref-time-zone");
        assertThat(browser.findElement(By.id("preferences-error")).getText()).contains("Nothing was saved");
        assertThat(browser.findElement(By.id("preferences-success")).isDisplayed()).isFalse();
        assertThat(value("pref-time-zone")).isEqualTo("Mars/Olympus_Mons");
        assertThat(selected("pref-LEVEL_ADVANCED-email")).isEqualTo("OFF");
        JsonNode unchanged = preferences(emma);
        assertThat(unchanged.path("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(kind(unchanged, "LEVEL_ADVANCED").path("email").path("mode").asString()).isEqualTo("ON");
        PortalBrowser.screenshot(browser, "settings-preferences-error.png");
    }

    @Test
    void aManagerAddsATeamWebhookSeesItsSecretOnceDisablesAndDeletesIt() throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            awaitNotificationServiceKnowsMarksTeam(RunningPlatform.token(MARK));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/e2e-" + suffix;
            String description = "#e2e-" + suffix;

            PortalBrowser.logIn(browser, wait, platform, MARK, "Mark");
            PortalNav.open(browser, wait, "settings");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhooks-card")));
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#webhook-team option[value='" + TEAM + "']")));
            // a manager's own kinds are in his preferences too
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pref-CLAIM_PENDING-email")));

            // add: the team's kinds are offered (all ticked), the organisation's are not
            new Select(browser.findElement(By.id("webhook-team"))).selectByValue(TEAM);
            assertThat(browser.findElements(By.cssSelector("#webhook-kinds-options input:checked"))).hasSize(4);
            assertThat(browser.findElements(By.id("webhook-kind-CATALOG_REEVALUATED"))).isEmpty();
            type("webhook-url", url);
            new Select(browser.findElement(By.id("webhook-format"))).selectByValue("JSON");
            click("webhook-kind-REPORT_CERTIFICATION_EXPIRING"); // untick one
            type("webhook-description", description);
            click("webhook-submit");

            // the secret, once, with a copy button and the word to store it now
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-secret")));
            String secret = value("webhook-secret-value");
            assertThat(secret).startsWith("whsec_");
            assertThat(browser.findElement(By.id("webhook-secret-note")).getText()).contains("store it now")
                    .contains("not shown again");
            assertThat(browser.findElement(By.id("webhook-secret-copy")).isDisplayed()).isTrue();
            assertThat(js("return document.activeElement.id")).isEqualTo("webhook-secret-title");
            String id = browser.findElement(By.id("webhook-secret")).getDomAttribute("data-endpoint-id");
            assertThat(id).isNotBlank();
            By item = By.cssSelector("#webhooks-list li[data-id='" + id + "']");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(item, description));
            WebElement listed = browser.findElement(item);
            assertThat(listed.getDomAttribute("data-team-id")).isEqualTo(TEAM);
            assertThat(listed.getDomAttribute("data-enabled")).isEqualTo("true");
            assertThat(listed.getText()).contains(url).contains("Enabled").doesNotContain("expires within 30 days");
            PortalBrowser.screenshot(browser, "settings-webhook-secret.png");

            String mark = RunningPlatform.token(MARK);
            Reply created = gateway.get("/api/notifications/webhooks/" + id, mark);
            assertThat(created.status()).as(created.toString()).isEqualTo(200);
            List<String> kinds = new ArrayList<>();
            created.json().path("kinds").forEach(k -> kinds.add(k.asString()));
            assertThat(kinds).containsExactly("REPORT_ADVANCED", "CLAIM_PENDING", "TEAM_WEEKLY_SUMMARY");
            assertThat(created.json().path("format").asString()).isEqualTo("JSON");
            assertThat(created.json().has("secret")).isFalse();

            // after a reload the endpoint is listed, its secret is nowhere
            browser.navigate().refresh();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(item, description));
            assertThat(browser.findElement(By.id("webhook-secret")).isDisplayed()).isFalse();
            assertThat(browser.getPageSource()).doesNotContain(secret);

            // disable: shown as disabled with the reason; the API agrees
            click(By.cssSelector("#webhooks-list li[data-id='" + id + "'] [data-testid='webhook-toggle']"));
            wait.until(ExpectedConditions.attributeToBe(item, "data-enabled", "false"));
            assertThat(browser.findElement(item).findElement(By.cssSelector("[data-testid='webhook-disabled-reason']"))
                    .getText()).contains("Switched off by");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks-status"), "Disabled the endpoint"));
            assertThat(gateway.get("/api/notifications/webhooks/" + id, mark).json().path("enabled").asBoolean())
                    .isFalse();

            // its delivery log: nothing was sent
            click(By.cssSelector("#webhooks-list li[data-id='" + id + "'] [data-testid='webhook-deliveries']"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("deliveries-summary"),
                    "Nothing was sent"));
            assertThat(js("return document.activeElement.id")).isEqualTo("deliveries-title");
            click("deliveries-close");

            // delete, after confirming
            click(By.cssSelector("#webhooks-list li[data-id='" + id + "'] [data-testid='webhook-delete']"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#webhooks-list li[data-id='" + id + "'] [data-testid='webhook-delete-confirm']")));
            assertThat(gateway.get("/api/notifications/webhooks/" + id, mark).status())
                    .as("asking deletes nothing").isEqualTo(200);
            click(By.cssSelector("#webhooks-list li[data-id='" + id + "'] [data-testid='webhook-delete-yes']"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(item));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("webhooks-status"), "Deleted the endpoint"));
            assertThat(gateway.get("/api/notifications/webhooks/" + id, mark).status()).isEqualTo(404);
        } finally {
            receiver.stop(0);
        }
    }

    // ----- helpers -----------------------------------------------------------------------------------------------

    /**
     * notification-service learns who manages which team from the employees' events (its own copy), some time after
     * the demo organisation is applied. A URL it refuses (not http(s)) is judged only once the caller may register for
     * the team: 403 until then, 422 after, and nothing is stored either way.
     */
    private static void awaitNotificationServiceKnowsMarksTeam(String mark) {
        await("notification-service knows that mark manages " + TEAM).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Reply probe = gateway.post("/api/notifications/webhooks", mark, """
                            {"url":"ftp://127.0.0.1/probe","format":"JSON","teamId":"%s","kinds":["CLAIM_PENDING"]}"""
                            .formatted(TEAM));
                    assertThat(probe.status()).as(probe.toString()).isEqualTo(422);
                });
    }

    /** A fresh sign-in account with the employee role. */
    private DemoUser account(String name, String firstName, String lastName) {
        return RunningPlatform.newAccount(name, suffix, firstName, lastName, Set.of("employee"));
    }

    private static JsonNode preferences(DemoUser person) {
        Reply reply = gateway.get("/api/notifications/preferences", RunningPlatform.token(person));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode kind(JsonNode preferences, String kind) {
        for (JsonNode k : preferences.path("kinds")) {
            if (kind.equals(k.path("kind").asString())) {
                return k;
            }
        }
        throw new AssertionError(kind + " not in " + preferences);
    }

    private String selected(String id) {
        return new Select(browser.findElement(By.id(id))).getFirstSelectedOption().getDomAttribute("value");
    }

    private String value(String id) {
        return browser.findElement(By.id(id)).getDomProperty("value");
    }

    /** Time inputs take keyboard input in the browser's locale format; setting the value is locale-proof. */
    private void setValue(String id, String value) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        js("""
                const input = document.getElementById(arguments[0]);
                input.value = arguments[1];
                input.dispatchEvent(new Event('input', {bubbles: true}));
                input.dispatchEvent(new Event('change', {bubbles: true}));""", id, value);
    }

    private void type(String id, String text) {
        WebElement input = wait.until(ExpectedConditions.elementToBeClickable(By.id(id)));
        input.clear();
        input.sendKeys(text);
    }

    private void click(String id) {
        click(By.id(id));
    }

    private void click(By by) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
        js("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
