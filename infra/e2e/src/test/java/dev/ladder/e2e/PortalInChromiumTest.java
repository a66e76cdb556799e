package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        Browser.requireChromium();
        // the portal shows what the services consumed: readiness from a known start date, mark's team
        platform = RunningPlatform.awaitDemoOrganisationApplied();
    }

    /** A fresh browser profile per test: no cookies, no Keycloak single sign-on between users. */
    @BeforeEach
    void openBrowser() throws IOException {
        browser = Browser.headlessChromium();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
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
        Browser.setDate(browser, "issued-on", "2026-02-01");
        Browser.setDate(browser, "expires-on", "2029-02-01");
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

        Browser.screenshot(browser, "portal-after-recording.png");
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
        Browser.logIn(browser, wait, platform, user, shownName);
    }

    /** Debian's Chromium and ChromeDriver, never a downloaded browser. */
    static final class Browser {
        static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LADDER_CHROMIUM", "/usr/bin/chromium"));
        static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LADDER_CHROMEDRIVER",
                "/usr/bin/chromedriver"));

        /**
         * Without Chromium the browser test cannot run. In CI that is a failure; on a developer machine it is
         * skipped with the install command (README: "Running the tests").
         */
        static void requireChromium() {
            boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
            String message = "Chromium and ChromeDriver are needed at " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)";
            if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(present, message);
        }

        /** Saves what the browser shows as {@code target/<name>}, kept as build output. */
        static void screenshot(WebDriver browser, String name) throws IOException {
            Path screenshot = Path.of("target", name);
            Files.createDirectories(screenshot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
        }

        /** Date inputs take keyboard input in the browser's locale format; setting the ISO value is locale-proof. */
        static void setDate(WebDriver browser, String id, String isoDate) {
            ((JavascriptExecutor) browser).executeScript("""
                    const input = document.getElementById(arguments[0]);
                    input.value = arguments[1];
                    input.dispatchEvent(new Event('input', {bubbles: true}));
                    input.dispatchEvent(new Event('change', {bubbles: true}));""", id, isoDate);
        }

        /** Through Keycloak's own login page, not a form of ours, back to the portal showing the user's name. */
        static void logIn(WebDriver browser, WebDriverWait wait, Platform platform, DemoUser user, String shownName) {
            browser.get(platform.gatewayUrl() + "/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            assertThat(browser.getCurrentUrl()).startsWith(platform.issuerUri());
            browser.findElement(By.id("username")).sendKeys(user.username());
            browser.findElement(By.id("password")).sendKeys(user.password());
            browser.findElement(By.id("kc-login")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), shownName));
            assertThat(browser.getCurrentUrl()).startsWith(platform.gatewayUrl());
        }

        static WebDriver headlessChromium() throws IOException {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // --no-sandbox: CI runs as root. The networking flags keep Chromium from calling home on a closed
            // network, which otherwise floods the log with refused connections.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1280,1600",
                    "--user-data-dir=" + Files.createTempDirectory("ladder-chromium-"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        }

        private Browser() {
        }
    }
}
