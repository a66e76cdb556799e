package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people loop in the portal, in real headless Chromium through Keycloak and the gateway: Alice self-assesses a
 * skill on "Record" and finds it on "My roadmap"; she claims a certification (the default expiry shown before she
 * saves, the claim "Pending" after) and attaches a PDF; Mark opens "Verification", downloads the evidence and verifies
 * the claim; Alice sees it "Verified", on her claims and on her roadmap's pathway.
 * <p>
 * Other tests build on Alice's readiness for Mid-Level (0% until Security+), so this one changes nothing that counts
 * towards it: CISM is a Year 5-6 certification and proficiency 2 meets no skill requirement.
 */
class PeopleLoopInChromiumTest {

    private static final String CERTIFICATION = "cism";
    private static final String CREDENTIAL = "CISM-ALICE-E2E";

    private static Platform platform;
    private WebDriver alice;
    private WebDriver mark;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // profile-service must know the catalog's skills and certifications, and that Mark manages Alice
        platform = RunningPlatform.awaitDemoOrganisationApplied();
    }

    @BeforeEach
    void openBrowsers() {
        alice = PortalBrowser.visitor();
        mark = PortalBrowser.secondVisitor();
    }

    @Test
    void anEmployeeRecordsAManagerVerifiesAndTheEmployeeSeesIt() throws IOException {
        WebDriverWait aliceWaits = PortalBrowser.waitFor(alice, Duration.ofSeconds(30));
        logIn(alice, aliceWaits, ALICE, "Alice");

        // a hash route opens its view and the current link says so
        PortalNav.open(alice, aliceWaits, "record");
        assertThat(alice.getCurrentUrl()).endsWith("#/record");
        assertThat(alice.switchTo().activeElement().getDomAttribute("id")).isEqualTo("view-record-title");

        // self-assess a skill no level requirement asks for (Entry Level's), at 2
        aliceWaits.until(d -> new Select(d.findElement(By.id("skill-select"))).getOptions().size() > 1);
        String skill = (String) js(alice, """
                const free = [...document.querySelectorAll('#skills-list li.skill')]
                    .find((li) => !li.querySelector('[data-testid="skill-requirements"]'));
                return (free ?? document.querySelector('#skills-list li.skill')).dataset.skillId;""");
        assertThat(skill).isNotBlank();
        new Select(alice.findElement(By.id("skill-select"))).selectByValue(skill);
        alice.findElement(By.id("skill-proficiency-2")).click();
        alice.findElement(By.id("skill-note")).sendKeys("Scripts for the e2e test");
        alice.findElement(By.id("skill-submit")).click();
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("skill-success"), "Saved"));
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#skills-list li[data-skill-id='" + skill + "'] [data-testid='skill-current']"),
                "2 — Working knowledge"));

        // … and find it beside the skill on "My roadmap"
        PortalNav.open(alice, aliceWaits, "roadmap");
        By mine = By.cssSelector("#roadmap-levels tr[data-skill-id='" + skill + "'] [data-testid='my-proficiency']");
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(mine, "2 — Working knowledge"));
        assertThat(alice.findElement(By.id("roadmap-pathway")).getText()).contains("CISM");
        assertThat(alice.findElement(By.id("roadmap-sections")).getText()).doesNotContain("{\"");
        PortalBrowser.screenshot(alice, "people-roadmap.png");

        // claim a certification: the default expiry shows before saving, the claim is pending after
        PortalNav.open(alice, aliceWaits, "record");
        WebElement certification = aliceWaits.until(ExpectedConditions.elementToBeClickable(By.id("certification")));
        aliceWaits.until(d -> new Select(certification).getOptions().size() > 1);
        new Select(certification).selectByValue(CERTIFICATION);
        alice.findElement(By.id("credential-id")).sendKeys(CREDENTIAL);
        alice.findElement(By.id("issuer")).sendKeys("ISACA");
        PortalBrowser.setDate(alice, "issued-on", "2026-01-10");
        WebElement defaultExpiry = aliceWaits.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-testid='default-expiry']")));
        aliceWaits.until(d -> "2029-01-10".equals(defaultExpiry.getDomAttribute("data-expires-on")));
        assertThat(defaultExpiry.getText()).contains("2029").contains("36 months");
        alice.findElement(By.id("record-submit")).click();

        By claim = By.cssSelector("#certifications-list li[data-credential-id='" + CREDENTIAL + "']");
        By claimState = By.cssSelector("#certifications-list li[data-credential-id='" + CREDENTIAL
                + "'] [data-testid='claim-state']");
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(claimState, "Pending"));
        assertThat(alice.findElement(claim).getText()).contains("2029").doesNotContain("Verified");

        // attach a small PDF to the claim
        Path pdf = Files.createTempFile("cism-evidence-", ".pdf");
        Files.write(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII));
        alice.findElement(claim).findElement(By.cssSelector("[data-testid='claim-actions-toggle']")).click();
        WebElement file = aliceWaits.until(ExpectedConditions.visibilityOf(
                alice.findElement(claim).findElement(By.cssSelector("input[data-testid='evidence-file']"))));
        file.sendKeys(pdf.toAbsolutePath().toString());
        alice.findElement(claim).findElement(By.cssSelector("[data-testid='evidence-upload']")).click();
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#certifications-list li[data-credential-id='" + CREDENTIAL
                        + "'] [data-testid='claim-evidence-file']"), pdf.getFileName().toString()));
        js(alice, "arguments[0].scrollIntoView()", alice.findElement(claim));
        PortalBrowser.screenshot(alice, "people-claim-pending.png");

        // Mark's verification queue: the claim with its evidence; he downloads it and verifies the claim
        WebDriverWait markWaits = PortalBrowser.waitFor(mark, Duration.ofSeconds(30));
        logIn(mark, markWaits, MARK, "Mark");
        PortalNav.open(mark, markWaits, "verification");
        By queued = By.cssSelector("#verification-queue li[data-credential-id='" + CREDENTIAL + "']");
        WebElement item = markWaits.until(ExpectedConditions.visibilityOfElementLocated(queued));
        assertThat(item.getText()).contains("Alice Anders").contains(CREDENTIAL);
        String download = item.findElement(By.cssSelector("[data-testid='queue-evidence-file']")).getDomAttribute("href");
        @SuppressWarnings("unchecked")
        List<Object> fetched = (List<Object>) ((JavascriptExecutor) mark).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                    .then(async (r) => done([r.status, r.headers.get('Content-Type') || '',
                        r.headers.get('Content-Disposition') || '', (await r.text()).slice(0, 8)]))
                    .catch((e) => done([0, '', '', String(e)]));""", download);
        assertThat(((Number) fetched.get(0)).intValue()).as(fetched.toString()).isEqualTo(200);
        assertThat((String) fetched.get(1)).startsWith("application/pdf");
        assertThat((String) fetched.get(2)).startsWith("attachment");
        assertThat((String) fetched.get(3)).startsWith("%PDF");
        js(mark, "arguments[0].scrollIntoView()", item);
        PortalBrowser.screenshot(mark, "people-verification-queue.png");
        item.findElement(By.cssSelector("[data-testid='queue-verify']")).click();
        markWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification-status"), "Verified"));
        markWaits.until(ExpectedConditions.invisibilityOfElementLocated(queued));

        // Alice's open "Record" view shows the decision on its next refresh, and her roadmap marks it as held
        aliceWaits.until(ExpectedConditions.textToBePresentInElementLocated(claimState, "Verified"));
        js(alice, "arguments[0].scrollIntoView()", alice.findElement(claim));
        PortalBrowser.screenshot(alice, "people-claim-verified.png");
        PortalNav.open(alice, aliceWaits, "roadmap");
        // the view re-renders when its data arrives: wait for the element, not on one found before
        aliceWaits.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#roadmap-cert-" + CERTIFICATION + "[data-status='VERIFIED']")));

        // the back button returns to the previous view
        alice.navigate().back();
        aliceWaits.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-record")));
        aliceWaits.until(ExpectedConditions.attributeToBe(By.id("nav-record"), "aria-current", "page"));
        assertThat(alice.findElement(By.id("view-roadmap")).isDisplayed()).isFalse();
    }

    @Test
    void anEmployeeSeesOnlyTheirOwnViews() {
        WebDriverWait waits = PortalBrowser.waitFor(alice, Duration.ofSeconds(30));
        logIn(alice, waits, ALICE, "Alice");
        waits.until(ExpectedConditions.attributeToBe(By.id("nav-progress"), "aria-current", "page"));
        for (String view : List.of("team", "verification", "organisation", "catalog")) {
            assertThat(alice.findElement(By.id("nav-" + view)).isDisplayed()).as(view).isFalse();
        }
        // a link to a view she may not use opens "My progress" instead
        alice.get(platform.gatewayUrl() + "/#/verification");
        waits.until(ExpectedConditions.attributeToBe(By.id("nav-progress"), "aria-current", "page"));
        assertThat(alice.findElement(By.id("view-verification")).isDisplayed()).isFalse();
        // and a link to one of hers opens it
        alice.get(platform.gatewayUrl() + "/#/notifications");
        waits.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-notifications")));
        waits.until(ExpectedConditions.attributeToBe(By.id("nav-notifications"), "aria-current", "page"));
    }

    private static void logIn(WebDriver browser, WebDriverWait wait, DemoUser user, String shownName) {
        PortalBrowser.logIn(browser, wait, platform, user, shownName);
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

}
