package dev.ladder.e2e;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;

import dev.ladder.devstack.Platform;
import dev.ladder.kafka.KafkaAcls;
import dev.ladder.keycloak.DemoUsers.DemoUser;
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
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static dev.ladder.keycloak.DemoUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Catalog authoring as an admin does it in the portal's "Advanced: JSON" mode (the form-based editor has its own
 * test, CatalogEditorInChromiumTest), in a real headless Chromium through Keycloak's login page and
 * the gateway (session, CSRF, TokenRelay, ETag/If-Match passed through): edit the draft, save, publish, see the
 * version and the audit entry; an invalid draft is explained by Validate and refused by Publish. Only descriptive
 * fields change, so the level rules — and with them the other end-to-end tests' readiness numbers — stay the same
 * whichever order the tests run in. Before publishing, the impact preview lists who would gain or lose.
 */
class CatalogAdminInChromiumTest {

    private static final String TRACK = "ai-ml-security-specialist";

    private static Platform platform;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // ada records a certification (profile-service's catalog) and previews her own readiness (progress-service's)
        platform = RunningPlatform.awaitDemoOrganisationApplied();
    }

    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void anAdminEditsSavesAndPublishesTheDraftAndAnInvalidDraftIsRefused() throws IOException {
        logIn(ADA, "Ada");
        PortalNav.open(browser, wait, "catalog");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("catalog-admin")));
        WebElement editor = browser.findElement(By.id("draft-editor"));
        wait.until(d -> editor.getDomProperty("value").contains("\"" + TRACK + "\""));
        // this test edits the whole document as text: the editor's "Advanced: JSON" mode
        click("catalog-mode-json");
        wait.until(ExpectedConditions.visibilityOf(editor));
        int before = Integer.parseInt(wait.until(d -> {
            String latest = d.findElement(By.cssSelector("#catalog-track option[value='" + TRACK + "']"))
                    .getDomAttribute("data-latest-version");
            return latest == null || latest.isEmpty() ? null : latest;
        }));

        // A descriptive change only: the Mid-Level certification group keeps its kind, items and count.
        String description = "Any one Year 1-2 certification (edited in the e2e test)";
        String changed = (String) js("""
                const editor = document.getElementById('draft-editor');
                const draft = JSON.parse(editor.value);
                const group = draft.levels.find((l) => l.id === 'mid').requirements
                    .find((g) => g.id === 'mid-certifications');
                group.description = arguments[0];
                editor.value = JSON.stringify(draft, null, 2);
                editor.dispatchEvent(new Event('input', {bubbles: true}));
                return group.description;""", description);
        assertThat(changed).isEqualTo(description);

        click("draft-save");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Draft saved"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("catalog-history"), "Draft changed by ada"));

        click("draft-publish");
        String published = "Published version " + (before + 1);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("publish-result"), published));
        assertThat(before + 1).as("a fresh platform has only the seed's version 1").isEqualTo(2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("catalog-history"), published + " by ada"));
        WebElement entry = browser.findElement(By.cssSelector("#catalog-history [data-action='PUBLISH']"));
        assertThat(entry.getDomAttribute("data-actor")).isEqualTo("ada");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#catalog-versions [data-version='" + (before + 1) + "']")));

        // Compare the two newest versions: exactly the description changed.
        click("versions-compare");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("catalog-diff"), description));
        // entries are matched by id: the group is one changed entry, its description before → after
        WebElement row = browser.findElement(By.cssSelector("#catalog-diff li[data-kind='changed']"
                + "[data-entity='requirementGroup'][data-id='mid-certifications']"));
        assertThat(row.getText()).contains(description).contains(".requirements[").contains("→");

        // An invalid edit: a salary band whose min is above its max.
        String path = (String) js("""
                const editor = document.getElementById('draft-editor');
                const draft = JSON.parse(editor.value);
                for (let i = 0; i < draft.levels.length; i++) {
                  const bands = draft.levels[i].salaryBands;
                  const b = bands.findIndex((band) => band.max !== null && band.max !== undefined);
                  if (b >= 0) {
                    bands[b].min = bands[b].max + 1000;
                    editor.value = JSON.stringify(draft, null, 2);
                    editor.dispatchEvent(new Event('input', {bubbles: true}));
                    return 'levels[' + i + '].salaryBands[' + b + '].min';
                  }
                }
                return null;""");
        assertThat(path).as("the seed has a salary band with a max").isNotNull();

        click("draft-validate");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-problems"), "is above max"));
        assertThat(browser.findElement(By.id("draft-problems")).getText()).contains(path);

        click("draft-publish");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-status"), "Not published"));
        assertThat(browser.findElement(By.id("draft-problems")).getText()).contains(path).contains("is above max");
        assertThat(browser.findElement(By.id("publish-result")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#catalog-versions [data-version='" + (before + 2) + "']")))
                .isEmpty();

        // A roadmap that cannot be imported: every problem listed with its line, nothing created.
        WebElement markdown = browser.findElement(By.id("import-markdown"));
        markdown.sendKeys("# E2E Track\n\n## Senior Positions (10-5 years)\n");
        click("import-submit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-problems"), "Line "));
        assertThat(browser.findElement(By.id("import-error")).getText()).contains("nothing was imported");
        assertThat(browser.findElements(By.cssSelector("#catalog-track option[value='e2e-track']"))).isEmpty();

        PortalBrowser.screenshot(browser, "catalog-admin.png");
    }

    @Test
    void anAdminPreviewsWhoADraftWouldAffectBeforePublishing() throws Exception {
        // Ada holds CEH, which counts towards Mid-Level; no other test changes her achievements. The issuer
        // publishes it straight to ladder.achievements.v1 (a self-declared claim would wait for a manager, and
        // Ada has none): an outside producer's record, as the README's contract describes.
        Gateway gateway = new Gateway(platform.gatewayUrl());
        String token = RunningPlatform.token(ADA);
        CertificationRecorded ceh = new CertificationRecorded("e2e-ceh-ada", ADA.id(), "ceh", "CEH-ADA-0001",
                "EC-Council", LocalDate.of(2025, 6, 1), LocalDate.of(2028, 6, 1), Instant.now(),
                CertificationRecorded.Source.ISSUER);
        // with the outside producers' Kafka user (the devstack's demo LMS): the only kind allowed to write the topic
        // besides profile-service
        try (KafkaProducer<String, String> issuer = new KafkaProducer<>(
                producerConfig(KafkaAcls.User.LMS_ACME_ACADEMY),
                new StringSerializer(), new StringSerializer())) {
            issuer.send(CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, ADA.id(),
                    JsonMapper.builder().build().writeValueAsString(ceh)).source(RunningPlatform.EC_COUNCIL)
                    .producerRecord()).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Gateway.Reply progress = gateway.get("/api/progress/me", token);
            assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
            assertThat(progress.json().findValuesAsString("id")).contains("mid-certifications");
            progress.json().path("groups").forEach(group -> {
                if (group.path("id").asString().equals("mid-certifications")) {
                    assertThat(group.path("met").asBoolean()).isTrue();
                }
            });
        });

        logIn(ADA, "Ada");
        PortalNav.open(browser, wait, "catalog");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("catalog-admin")));
        WebElement editor = browser.findElement(By.id("draft-editor"));
        wait.until(d -> editor.getDomProperty("value").contains("\"" + TRACK + "\""));
        // this test edits the whole document as text: the editor's "Advanced: JSON" mode
        click("catalog-mode-json");
        wait.until(ExpectedConditions.visibilityOf(editor));
        String versions = browser.findElement(By.id("catalog-versions")).getText();

        // The stored draft has the published rules: nobody would change.
        click("draft-impact");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("impact-summary"),
                "changes nobody's level or readiness"));

        // Mid-Level accepting only CISSP: Ada's CEH no longer counts, so she would lose readiness.
        js("""
                const editor = document.getElementById('draft-editor');
                const draft = JSON.parse(editor.value);
                const group = draft.levels.find((l) => l.id === 'mid').requirements
                    .find((g) => g.id === 'mid-certifications');
                group.items = [{ ...group.items[0], ref: 'cissp' }];
                editor.value = JSON.stringify(draft, null, 2);
                editor.dispatchEvent(new Event('input', {bubbles: true}));""");
        click("draft-impact");
        WebElement ada = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#impact-list [data-employee-id='" + ADA.id() + "']")));
        assertThat(ada.getDomAttribute("data-change")).isEqualTo("LOSS");
        assertThat(ada.getText()).contains("loses").containsPattern("readiness \\d+% → \\d+%");
        assertThat(browser.findElement(By.id("impact-summary")).getText()).contains("would lose");
        js("document.getElementById('impact-box').scrollIntoView()");
        PortalBrowser.screenshot(browser, "catalog-impact-preview.png");

        // A preview stores nothing: the edit is still unsaved and no version was added.
        assertThat(browser.findElement(By.id("draft-meta")).getDomAttribute("data-dirty")).isEqualTo("true");
        assertThat(browser.findElement(By.id("catalog-versions")).getText()).isEqualTo(versions);

        // An invalid draft gets its problems, not a preview.
        js("""
                const editor = document.getElementById('draft-editor');
                const draft = JSON.parse(editor.value);
                draft.levels.find((l) => l.id === 'mid').requirements
                    .find((g) => g.id === 'mid-certifications').items[0].ref = 'pmp';
                editor.value = JSON.stringify(draft, null, 2);
                editor.dispatchEvent(new Event('input', {bubbles: true}));""");
        click("draft-impact");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("draft-problems"),
                "unknown certification 'pmp'"));
        assertThat(browser.findElement(By.id("impact-box")).isDisplayed()).isFalse();
    }

    @Test
    void anEmployeeDoesNotSeeTheCatalogEditor() {
        logIn(ALICE, "Alice");
        // the roles come with the session; once they are shown, the admin card would have been revealed
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#user-roles [data-role='employee']")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("next-level"), "Level"));
        assertThat(browser.findElement(By.id("catalog-admin")).isDisplayed()).isFalse();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    private void logIn(DemoUser user, String shownName) {
        PortalBrowser.logIn(browser, wait, platform, user, shownName);
    }

    private static Map<String, Object> producerConfig(KafkaAcls.User user) {
        Map<String, Object> config = new java.util.HashMap<>(platform.kafkaClientConfig(user));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
