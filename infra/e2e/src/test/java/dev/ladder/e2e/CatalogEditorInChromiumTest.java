package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form-based catalog editor as an admin uses it in the portal, in a real headless Chromium through Keycloak's
 * login page and the gateway: a requirement group is built with the pickers (an N-of-M group of two skills with a
 * minimum proficiency plus a certification), saved, seen in the draft-against-published diff as one added entry
 * matched by its id, with the impact preview beside it, and published — all without the JSON mode; the published
 * version then holds the group. A field's problem is shown at that field and nothing is saved; discarding the draft
 * goes back to the published version.
 * <p>
 * Each test edits a track of its own, imported and published through the API first, that nobody is placed on: the
 * seed track's level rules, and with them the other end-to-end tests' readiness numbers, stay as they are.
 */
class CatalogEditorInChromiumTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicInteger TRACKS = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private static Platform platform;
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
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
        // the form is rebuilt after structural edits and loads: a condition looks its elements up again
        wait.ignoring(StaleElementReferenceException.class);
    }

    @Test
    void anAdminBuildsARequirementGroupWithThePickersReviewsItAndPublishesIt() throws Exception {
        Track track = publishedTrack();
        logIn(ADA, "Ada");
        openTrack(track);

        // Mid (the second level) gets a new group: at least 2 of two skills and a certification.
        click("cf-levels-1-summary");
        click("cf-levels-1-requirements-add");
        WebElement description = visible("cf-levels-1-requirements-0-description");
        assertThat(browser.switchTo().activeElement()).as("focus moves to the new group").isEqualTo(description);
        description.sendKeys("Two of: threat modeling, incident response, certificate A");
        WebElement groupId = visible("cf-levels-1-requirements-0-id");
        groupId.clear();
        groupId.sendKeys("mid-editor-group");
        select("cf-levels-1-requirements-0-kind").selectByValue("N_OF_M");
        for (int i = 0; i < 3; i++) {
            click("cf-levels-1-requirements-0-items-add");
            visible("cf-levels-1-requirements-0-items-" + i + "-type");
        }
        // The pickers offer exactly the track's own skills (every level's) and certifications: no free text.
        Select firstSkill = select("cf-levels-1-requirements-0-items-0-ref");
        assertThat(firstSkill.getOptions().stream().map(o -> o.getDomAttribute("value")).toList())
                .containsExactly("", track.skill("threat-modeling"), track.skill("secure-coding"),
                        track.skill("incident-response"));
        firstSkill.selectByValue(track.skill("threat-modeling"));
        select("cf-levels-1-requirements-0-items-0-minProficiency").selectByValue("4");
        select("cf-levels-1-requirements-0-items-1-ref").selectByValue(track.skill("incident-response"));
        select("cf-levels-1-requirements-0-items-2-type").selectByValue("CERTIFICATION");
        Select certificate = select("cf-levels-1-requirements-0-items-2-ref");
        assertThat(certificate.getOptions().stream().map(o -> o.getDomAttribute("value")).toList())
                .containsExactly("", track.certification("a"), track.certification("b"));
        certificate.selectByValue(track.certification("a"));
        WebElement required = visible("cf-levels-1-requirements-0-required");
        required.clear();
        required.sendKeys("2");
        assertThat(browser.findElement(By.id("draft-meta")).getDomAttribute("data-dirty")).isEqualTo("true");

        click("draft-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft saved"));

        // The diff against the published version: one added entry, matched by the group's id.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-diff-box")));
        WebElement added = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#draft-diff li[data-kind='added'][data-entity='requirementGroup'][data-id='mid-editor-group']")));
        assertThat(browser.findElements(By.cssSelector("#draft-diff > li"))).as("only the new group changed").hasSize(1);
        assertThat(added.getText()).contains("Added").contains("Version 1").contains("Draft")
                .contains(track.skill("incident-response")).contains(track.certification("a")).contains("N_OF_M");
        assertThat(browser.findElement(By.id("draft-diff-summary")).getText()).contains("1 added")
                .contains("version 1");
        // …and beside it who publishing would affect: nobody is on this track.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("impact-summary"),
                "changes nobody's level or readiness"));
        js("document.getElementById('draft-diff-box').scrollIntoView()");
        PortalBrowser.screenshot(browser, "screenshots/catalog-editor-review.png");

        click("draft-publish");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("publish-result"), "Published version 2"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#catalog-versions [data-version='2']")));
        assertThat(browser.findElement(By.id("catalog-mode-json")).getDomAttribute("aria-pressed"))
                .as("the JSON mode was never used").isEqualTo("false");
        assertThat(browser.findElement(By.id("draft-json")).isDisplayed()).isFalse();

        // The published version holds the group exactly as built.
        JsonNode version = api("GET", "/api/catalog/tracks/" + track.id() + "/versions/2", null, null).json();
        JsonNode group = null;
        for (JsonNode g : version.path("levels").get(1).path("requirements")) {
            if (g.path("id").asString().equals("mid-editor-group")) {
                group = g;
            }
        }
        assertThat(group).as(version.toString()).isNotNull();
        assertThat(group.path("kind").asString()).isEqualTo("N_OF_M");
        assertThat(group.path("required").asInt()).isEqualTo(2);
        List<String> items = new ArrayList<>();
        group.path("items").forEach(i -> items.add(i.path("type").asString() + ":" + i.path("ref").asString() + ":"
                + (i.path("minProficiency").isNull() ? "-" : i.path("minProficiency").asInt())));
        assertThat(items).containsExactly("SKILL:" + track.skill("threat-modeling") + ":4",
                "SKILL:" + track.skill("incident-response") + ":3", "CERTIFICATION:" + track.certification("a") + ":-");

        // The versions list compares the two versions the same way: one added group.
        click("version-changes-2");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#catalog-diff li[data-kind='added'][data-id='mid-editor-group']")));

        // At a phone's width the editor stacks: nothing in the catalog view is wider than the screen.
        // (the viewport itself: a headless window has a minimum width of its own)
        ((ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        wait.until(d -> ((Number) js("return document.documentElement.clientWidth")).intValue() <= 390);
        click("cf-levels-0-summary");
        Object overflowing = js("""
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('#view-catalog *')]
                    .filter((e) => e.getClientRects().length && e.getBoundingClientRect().right > width + 1)
                    .filter((e) => !e.closest('.cf-changes, .diff, textarea, pre'))
                    .map((e) => e.id || e.tagName + '.' + e.className).slice(0, 10);""");
        PortalBrowser.screenshot(browser, "screenshots/catalog-editor-390.png");
        assertThat((List<?>) overflowing).as("elements wider than 390 px").isEmpty();
    }

    @Test
    void aProblemIsShownAtItsFieldNothingIsSavedAndDiscardGoesBackToThePublishedVersion() throws Exception {
        Track track = publishedTrack();
        logIn(ADA, "Ada");
        openTrack(track);
        String band = "cf-levels-0-salaryBands-0-min";
        click("cf-levels-0-summary");

        // The service's problem (min above max) at its field: marked, described, focused; nothing stored.
        WebElement min = visible(band);
        min.clear();
        min.sendKeys("90000");
        click("draft-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Not saved"));
        wait.until(ExpectedConditions.attributeToBe(By.id(band), "aria-invalid", "true"));
        WebElement error = browser.findElement(By.id(band + "-error"));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).contains("is above max");
        assertThat(min.getDomAttribute("aria-describedby")).contains(band + "-error");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo(band);
        assertThat(browser.findElement(By.id("draft-problems")).getText())
                .contains("levels[0].salaryBands[0].min");
        PortalBrowser.screenshot(browser, "screenshots/catalog-editor-field-error.png");
        assertThat(storedDraft(track).path("levels").get(0).path("salaryBands").get(0).path("min").asLong())
                .isEqualTo(40000);

        // The form's own check: a required field left blank is refused before anything is sent.
        WebElement name = visible("cf-levels-0-name");
        name.clear();
        min.clear();
        min.sendKeys("45000");
        click("draft-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Nothing was sent"));
        wait.until(ExpectedConditions.attributeToBe(By.id("cf-levels-0-name"), "aria-invalid", "true"));
        assertThat(browser.findElement(By.id("cf-levels-0-name-error")).getText()).contains("Required");
        assertThat(browser.findElement(By.id(band)).getDomAttribute("aria-invalid")).isNull();
        name.sendKeys("Entry");

        // Keyboard only: add a job title with Enter, type it, move it up with Enter on its Up button.
        WebElement addTitle = visible("cf-levels-0-jobTitles-add");
        addTitle.sendKeys(Keys.ENTER);
        WebElement newTitle = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cf-levels-0-jobTitles-1")));
        assertThat(browser.switchTo().activeElement()).isEqualTo(newTitle);
        newTitle.sendKeys("Apprentice Analyst");
        visible("cf-levels-0-jobTitles-1-up").sendKeys(Keys.ENTER);
        wait.until(d -> "Apprentice Analyst".equals(d.findElement(By.id("cf-levels-0-jobTitles-0"))
                .getDomProperty("value")));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("focus follows the moved entry")
                .isEqualTo("cf-levels-0-jobTitles-0-down");

        click("draft-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft saved"));
        assertThat(storedDraft(track).path("levels").get(0).path("salaryBands").get(0).path("min").asLong())
                .isEqualTo(45000);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "#draft-diff li[data-entity='salaryBand'][data-kind='changed']")));

        // Discard (after confirming): back to the published version, in the form and in the service.
        click("draft-discard");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft discarded"));
        click("cf-levels-0-summary-if-closed");
        wait.until(d -> "40000".equals(d.findElement(By.id(band)).getDomProperty("value")));
        assertThat(browser.findElement(By.id("cf-levels-0-jobTitles-0")).getDomProperty("value"))
                .isEqualTo("Junior Analyst");
        JsonNode stored = storedDraft(track);
        JsonNode published = api("GET", "/api/catalog/tracks/" + track.id() + "/versions/1", null, null).json();
        assertThat(stored.path("levels")).isEqualTo(published.path("levels"));
        assertThat(api("GET", "/api/catalog/tracks/" + track.id() + "/draft/diff", null, null).json().size())
                .as("nothing left to publish").isZero();
        assertThat(browser.findElement(By.id("draft-meta")).getDomAttribute("data-dirty")).isEqualTo("false");
        PortalBrowser.screenshot(browser, "screenshots/catalog-editor-discarded.png");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A track of this test's own, imported and published (version 1) through the API. */
    private static Track publishedTrack() {
        int n = TRACKS.incrementAndGet();
        String name = "E2E Editor Track " + n + " " + Long.toString(System.nanoTime() % 1_000_000L, 36);
        String s = "-e2e" + n;
        String document = """
                {"name": "%1$s", "summary": "A track of the form editor's end-to-end test.",
                 "levels": [
                  {"id": "entry", "rank": 1, "name": "Entry", "minYears": 0, "maxYears": 2,
                   "jobTitles": ["Junior Analyst"], "responsibilities": ["Triage alerts"],
                   "skills": [{"id": "threat-modeling%2$s", "name": "Threat modeling %2$s"},
                              {"id": "secure-coding%2$s", "name": "Secure coding %2$s"}],
                   "salaryBands": [{"region": "europe", "regionName": "Europe", "currency": "EUR",
                                    "min": 40000, "max": 55000, "openEnded": false}],
                   "kpis": ["Alerts triaged within a day"], "requirements": []},
                  {"id": "mid", "rank": 2, "name": "Mid", "minYears": 3, "maxYears": 5,
                   "jobTitles": ["Analyst"], "responsibilities": ["Lead investigations"],
                   "skills": [{"id": "incident-response%2$s", "name": "Incident response %2$s"}],
                   "salaryBands": [{"region": "europe", "regionName": "Europe", "currency": "EUR",
                                    "min": 55000, "max": 75000, "openEnded": false}],
                   "kpis": ["Incidents closed"], "requirements": []}],
                 "certifications": [
                  {"id": "cert-a%2$s", "name": "Certificate A %2$s", "pathwayYears": "1-2", "renewalMonths": 36},
                  {"id": "cert-b%2$s", "name": "Certificate B %2$s", "pathwayYears": "3-4", "renewalMonths": null}],
                 "sections": [{"heading": "About this track", "ordered": false,
                               "paragraphs": ["Made by the end-to-end test."], "items": [], "children": [],
                               "closing": []}],
                 "pathwayPosition": 0, "demoteOnExpiry": false,
                 "verification": {"unverifiedCertificationsCount": false, "selfAssessedSkillsCount": true}}"""
                .formatted(name, s);
        Reply imported = api("POST", "/api/catalog/tracks/import", document, null);
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        String id = imported.json().path("id").asString();
        Reply published = api("POST", "/api/catalog/tracks/" + id + "/publish", null, "\"1\"");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        return new Track(id, s);
    }

    record Track(String id, String suffix) {
        String skill(String base) {
            return base + suffix;
        }

        String certification(String letter) {
            return "cert-" + letter + suffix;
        }
    }

    private void openTrack(Track track) {
        PortalNav.open(browser, wait, "catalog");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("draft-form")));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#catalog-track option[value='" + track.id() + "']")));
        // the track list is read when the view opens; the select changes the track like a person would
        select("catalog-track").selectByValue(track.id());
        wait.until(d -> track.id().equals(d.findElement(By.id("cf-id")).getDomProperty("value")));
        wait.until(ExpectedConditions.attributeToBe(By.id("catalog-admin"), "aria-busy", "false"));
    }

    private JsonNode storedDraft(Track track) {
        Reply draft = api("GET", "/api/catalog/tracks/" + track.id() + "/draft", null, null);
        assertThat(draft.status()).as(draft.toString()).isEqualTo(200);
        return draft.json();
    }

    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The gateway's API as a script calls it (bearer token), with an If-Match when given. */
    private static Reply api(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", "Bearer " + RunningPlatform.token(ADA))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private WebElement visible(String id) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    private Select select(String id) {
        return new Select(visible(id));
    }

    /** "…-summary-if-closed": opens a collapsed entry, leaves an open one open. */
    private void click(String id) {
        if (id.endsWith("-summary-if-closed")) {
            String summary = id.substring(0, id.length() - "-if-closed".length());
            Boolean open = (Boolean) js("return document.getElementById(arguments[0]).parentElement.open", summary);
            if (!Boolean.TRUE.equals(open)) {
                click(summary);
            }
            return;
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void logIn(DemoUser user, String shownName) {
        PortalBrowser.logIn(browser, wait, platform, user, shownName);
    }
}
