package dev.ladder.e2e;

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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's "Organisation" view in real headless Chromium through Keycloak and the gateway: Ada previews a CSV
 * first load with a bad row (every problem listed, nothing written), previews and imports the corrected file (a new
 * team and its people), adds a person through the form (a bad e-mail shown at its field first), retires them, and
 * finds all of it in the audit trail. And a link to a view survives signing in.
 * <p>
 * Everything it creates has ids and names unique to the run, so it changes nothing the other tests build on (the demo
 * people, their team and their readiness).
 */
class OrganisationInChromiumTest {

    private static Platform platform;
    private static Gateway gateway;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        gateway = new Gateway(platform.gatewayUrl());
    }

    /** A new visitor per test: no cookies, no Keycloak single sign-on left from another test. */
    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void anAdminLoadsACsvAddsAndRetiresAPersonAndReadsTheAuditTrail() throws IOException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        String team = "e2e-red-" + run;
        String teamName = "E2E Red Team " + run;
        String nora = "e2e-nora-" + run;
        String omar = "e2e-omar-" + run;
        String header = "username,email,displayName,jobTitle,teamId,teamName,managerUsername,deputyUsername,trackId,"
                + "region,startDate\n";
        String noraRow = nora + "," + nora + "@example.org,Nora North " + run + ",Head of AI Red Team," + team + ","
                + teamName + "," + nora + ",,,europe,2019-04-01\n";
        PortalBrowser.logIn(browser, wait, platform, ADA, "Ada");
        PortalNav.open(browser, wait, "organisation");

        // 1. a file with a bad row: every problem listed with its row and column, Import stays off, nothing written
        Path bad = csv("bad-", header + noraRow
                + omar + ",not-an-e-mail,\"Omar Ortiz, PhD " + run + "\",Analyst," + team + ",,,,,europe,2024-13-01\n");
        chooseFile(bad);
        click("csv-preview");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#csv-problems tr[data-row='3'][data-column='email']")));
        assertThat(browser.findElements(By.cssSelector("#csv-problems tr[data-row='3'][data-column='startDate']")))
                .hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#csv-problems tr[data-row='2']"))).isEmpty();
        assertThat(browser.findElement(By.id("csv-status")).getText()).contains("2 problems").contains("Nothing was written");
        assertThat(browser.findElement(By.id("csv-import")).isEnabled()).isFalse();
        scrollTo("csv-import-card");
        PortalBrowser.screenshot(browser, "organisation-csv-problems.png");
        String ada = RunningPlatform.token(ADA);
        assertThat(gateway.get("/api/profiles/admin/teams/" + team, ada).status()).isEqualTo(404);
        assertThat(peopleMatching(run, ada)).isZero();
        searchPeople(run);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-summary"), "Nobody matches"));

        // 2. the corrected file: preview lists what it would create, Import applies it
        Path good = csv("good-", header + noraRow
                + omar + "," + omar + "@example.org,\"Omar Ortiz, PhD " + run + "\",Analyst," + team
                + ",,,,,europe,2024-09-01\n");
        chooseFile(good);
        wait.until(ExpectedConditions.textToBe(By.id("csv-status"), ""));
        click("csv-preview");
        wait.until(ExpectedConditions.elementToBeClickable(By.id("csv-import")));
        assertThat(browser.findElements(By.cssSelector("#csv-problems tr"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector(
                "#csv-changes tr[data-kind='team'][data-key='" + team + "'][data-action='create']"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("#csv-changes tr[data-kind='person'][data-action='create']")))
                .hasSize(2);
        assertThat(peopleMatching(run, ada)).as("a preview writes nothing").isZero();
        click("csv-import");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("csv-status"), "Imported"));
        assertThat(browser.findElement(By.id("csv-status")).getText()).contains("1 team created").contains("2 people added");
        assertThat(browser.findElement(By.id("csv-import")).isEnabled()).isFalse();
        Reply created = gateway.get("/api/profiles/admin/teams/" + team, ada);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.json().path("name").asString()).isEqualTo(teamName);
        assertThat(created.json().path("managerId").asString()).isNotBlank();
        assertThat(peopleMatching(run, ada)).isEqualTo(2);
        // the open view shows them without a reload: people (still filtered by the run) and the new team
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-list"), "Nora North " + run));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-list"), "Omar Ortiz, PhD " + run));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#teams-list li[data-team-id='" + team + "']")));

        // 3. add a person: the bad e-mail is shown at its field and nothing is stored; corrected, they are added
        String pia = "e2e-pia-" + run;
        String piaName = "Pia Park " + run;
        type("new-person-username", pia);
        type("new-person-display-name", piaName);
        type("new-person-email", "pia-at-example");
        click("provision-submit");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-person-email-error")));
        assertThat(browser.findElement(By.id("new-person-email")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("provision-success")).isDisplayed()).isFalse();
        assertThat(peopleMatching(piaName, ada)).isZero();
        type("new-person-email", pia + "@example.org");
        click("provision-submit");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("provision-success"), "Added " + piaName));
        assertThat(browser.findElement(By.id("new-person-email-error")).isDisplayed()).isFalse();
        String piaId = browser.findElement(By.id("provision-success")).getDomAttribute("data-employee-id");
        assertThat(piaId).isNotBlank();

        // 4. open them from the confirmation, see the change in their recent entries, retire them (two steps)
        click(By.cssSelector("#provision-success [data-testid='provision-open']"));
        wait.until(ExpectedConditions.textToBe(By.id("person-name"), piaName));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("person-audit"), "Person added by ada"));
        click("person-retire");
        click("person-retire-yes");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-status"), "Retired " + piaName));
        assertThat(browser.findElement(By.id("person-card")).isDisplayed()).isFalse();
        Reply retired = gateway.get("/api/profiles/people/" + piaId, ada);
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        assertThat(retired.json().path("active").asBoolean()).isFalse();

        // retired people leave the list unless asked for; then they show as retired, with their history
        searchPeople(piaName);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-summary"), "Nobody matches"));
        click("people-retired");
        searchPeople(piaName);
        By piaRow = By.cssSelector("#people-list tr[data-employee-id='" + piaId + "']");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(piaRow, "Retired"));

        // 5. the audit trail: her history from the list, then everything, newest first, by ada
        click(By.cssSelector("#people-list tr[data-employee-id='" + piaId + "'] [data-testid='person-history']"));
        wait.until(ExpectedConditions.textToBe(By.id("audit-person-name"), piaName));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-summary"), "2 changes about " + piaName));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-list tr[data-action='employee.retired'][data-actor='ada']")));
        assertThat(browser.findElements(By.cssSelector("#audit-list tr"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#audit-list tr")).get(0).getDomAttribute("data-action"))
                .as("newest first").isEqualTo("employee.retired");
        assertThat(browser.findElement(By.cssSelector("#audit-list tr[data-action='employee.retired']")).getText())
                .contains(piaName).contains("active").contains("true").contains("false");
        PortalBrowser.screenshot(browser, "organisation-audit-person.png");
        click("audit-person-clear");
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("audit-person-filter")));
        wait.until(d -> !d.findElement(By.id("audit-summary")).getText().contains(" about "));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#audit-list tr[data-action='team.created'][data-actor='ada']")));
        String trail = browser.findElement(By.id("audit-list")).getText();
        assertThat(trail).contains("Team " + teamName).contains("Nora North " + run).contains("Omar Ortiz, PhD " + run)
                .contains(piaName);
    }

    /**
     * The session ends while Ada has "Organisation" open (the gateway's session and Keycloak's are both gone): her
     * next action sends her to Keycloak's login page, and after signing in she is back on "Organisation", not on
     * the default view. Only a plain view route is ever restored.
     */
    @Test
    void aViewSurvivesSigningInAgain() {
        PortalBrowser.logIn(browser, wait, platform, ADA, "Ada");
        PortalNav.open(browser, wait, "organisation");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("people-summary"), "page 1"));

        ((ChromeDriver) browser).executeCdpCommand("Network.clearBrowserCookies", Map.of());
        click("people-search");
        signInOnKeycloak(ADA);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "Ada"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-organisation")));
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-organisation"), "aria-current", "page"));
        assertThat(browser.getCurrentUrl()).isEqualTo(platform.gatewayUrl() + "/#/organisation");

        // anything but a view route is never restored
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('ladder.deepLink', JSON.stringify("
                + "{hash: '#/x\"><img src=x onerror=\"document.title=1\">', at: Date.now()}))");
        browser.get(platform.gatewayUrl() + "/");
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-progress"), "aria-current", "page"));
        assertThat(browser.getCurrentUrl()).isEqualTo(platform.gatewayUrl() + "/");
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('ladder.deepLink')"))
                .isNull();
    }

    /**
     * A link to a view opened in a browser that is not signed in at all: after Keycloak's login, that view. The
     * gateway serves the portal's page without a session (its data stays behind {@code /session} and
     * {@code /api/**}, which answer 401), so the portal runs, remembers the link and sends the browser to sign in
     * itself; Keycloak's login form drops the {@code #…}, the portal restores it.
     */
    @Test
    void aDeepLinkOpenedSignedOutLandsOnItsViewAfterSigningIn() {
        browser.get(platform.gatewayUrl() + "/#/organisation");
        signInOnKeycloak(ADA);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), "Ada"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-organisation")));
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-organisation"), "aria-current", "page"));
    }

    // ----- helpers -----------------------------------------------------------------------------------------------

    private void signInOnKeycloak(DemoUser user) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(browser.getCurrentUrl()).startsWith(platform.issuerUri());
        browser.findElement(By.id("username")).sendKeys(user.username());
        browser.findElement(By.id("password")).sendKeys(user.password());
        browser.findElement(By.id("kc-login")).click();
    }

    private static Path csv(String prefix, String content) throws IOException {
        Path file = Files.createTempFile("organisation-" + prefix, ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private void chooseFile(Path file) {
        browser.findElement(By.id("csv-file")).sendKeys(file.toAbsolutePath().toString());
    }

    private void searchPeople(String text) {
        type("people-q", text);
        click("people-search");
    }

    /** Active people whose name or e-mail contains the text, through the admin API. */
    private static long peopleMatching(String text, String token) {
        Reply people = gateway.get("/api/profiles/admin/people?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8),
                token);
        assertThat(people.status()).as(people.toString()).isEqualTo(200);
        return people.json().path("total").asLong();
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
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private void scrollTo(String id) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
    }

}
