package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spine as an employee lives it, in a real headless Chromium: Keycloak's own login page, the portal served by
 * the gateway (session + CSRF + TokenRelay), a certification recorded through the form, and the readiness and the
 * milestone notification appearing within seconds.
 */
class PortalInChromiumTest {

    private static Platform platform;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // the portal shows what the services consumed: readiness from a known start date, mark's team
        platform = RunningPlatform.awaitDemoOrganisationApplied();
    }

    /** A new visitor per test: no cookies, no Keycloak single sign-on between users. */
    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void anEmployeeRecordsACertificationAndSeesReadinessAndTheMilestone() throws IOException {
        logIn(ALICE, "Alice");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-percent"), "0%"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("next-level"), "Mid-Level"));

        PortalNav.open(browser, wait, "record");
        WebElement certification = wait.until(ExpectedConditions.elementToBeClickable(By.id("certification")));
        wait.until(d -> new Select(certification).getOptions().size() > 1);
        new Select(certification).selectByValue("comptia-security-plus");
        browser.findElement(By.id("credential-id")).sendKeys("COMP-ALICE-0001");
        browser.findElement(By.id("issuer")).sendKeys("CompTIA");
        PortalBrowser.setDate(browser, "issued-on", "2026-02-01");
        PortalBrowser.setDate(browser, "expires-on", "2029-02-01");
        browser.findElement(By.id("record-submit")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("certifications-list"),
                "COMP-ALICE-0001"));
        // A self-declared certification counts once her manager verified it (the track's policy).
        verifyAsHerManager("COMP-ALICE-0001");
        PortalNav.open(browser, wait, "progress");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-percent"), "33%"));
        PortalNav.open(browser, wait, "notifications");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notifications"), "Mid-Level"));
        // one milestone; claim decisions (CLAIM_VERIFIED) are notifications of their own
        assertThat(browser.findElements(By.cssSelector(
                "#notifications .notification[data-kind='READINESS_THRESHOLD_CROSSED']"))).hasSize(1);

        PortalBrowser.screenshot(browser, "portal-after-recording.png");
    }

    @Test
    void theDemoManagerSeesTheirTeamWithEachMembersReadiness() {
        logIn(MARK, "Mark");
        PortalNav.open(browser, wait, "team");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("team-card")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-list"), "Alice Anders"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-list"), "Bob Berg"));
        WebElement alice = browser.findElement(By.cssSelector("#team-list [data-employee-id='" + ALICE.id() + "']"));
        wait.until(d -> alice.getText().contains("Entry Level"));
    }

    /** Mark verifies Alice's claim through the API, as he would from his verification queue. */
    private void verifyAsHerManager(String credentialId) {
        Gateway gateway = new Gateway(platform.gatewayUrl());
        String claim = null;
        for (var c : gateway.get("/api/profiles/me/certifications", RunningPlatform.token(ALICE)).json()) {
            if (c.path("credentialId").asString().equals(credentialId)) {
                claim = c.path("id").asString();
            }
        }
        assertThat(claim).as("Alice's claim " + credentialId).isNotNull();
        Gateway.Reply verified = gateway.post("/api/profiles/verification/certifications/" + claim + "/verify",
                RunningPlatform.token(MARK), "{}");
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    }

    private void logIn(DemoUser user, String shownName) {
        PortalBrowser.logIn(browser, wait, platform, user, shownName);
    }
}
