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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.BOB;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The progress views in a real headless Chromium: requirement status and gaps, the "What if…" panel (which must
 * change nothing), progress as of a past day, and the manager's team readiness with its histogram, skill-gap matrix,
 * CSV export and each member's progress (history and what-if included).
 */
class ProgressViewsInChromiumTest {

    private static Platform platform;
    private static Gateway gateway;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // bob's readiness counts his years only once progress-service has his profile; mark's team likewise
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        gateway = new Gateway(platform.gatewayUrl());
    }

    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
    }

    /**
     * Bob may or may not hold Security+ yet (ApiThroughGatewayTest records it): his readiness is 33 or 66. CEH (any one
     * Year 1-2 certification meets Mid-Level's certification group) puts him at 66 either way; CEH plus one of the six
     * Mid-Level skills at 72. Neither changes his recorded progress.
     */
    @Test
    void whatIfShowsTheHypotheticalReadinessAndChangesNothing() throws IOException {
        String token = RunningPlatform.token(BOB);
        int now = readiness(token);
        assertThat(now).isIn(33, 66);

        logIn(BOB, "Bob");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-percent"), now + "%"));
        // requirement items carry their status
        wait.until(d -> !d.findElements(By.cssSelector("#requirement-groups li[data-status='MET']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#requirement-groups li[data-status='MET']")).getText())
                .contains("Met since");
        assertThat(browser.findElements(By.cssSelector("#requirement-groups li[data-status='UNMET']"))).isNotEmpty();
        assertThat(browser.findElement(By.id("gap-list")).findElements(By.cssSelector("li.gap"))).isNotEmpty();

        // CEH alone
        WebElement ceh = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#what-if-certifications input[value='ceh']")));
        ceh.click();
        browser.findElement(By.id("what-if-submit")).click();
        Map<String, Integer> result = awaitResult(null);
        assertThat(result).containsEntry("before", now).containsEntry("after", 66);

        // CEH and one Mid-Level skill at proficiency 4: strictly better than now, still Entry Level
        wait.until(d -> !d.findElements(By.cssSelector("#what-if-skills select[data-skill-id]")).isEmpty());
        String skill = (String) js("""
                const pick = [...document.querySelectorAll('#what-if-skills .skill-pick')]
                    .find((p) => !p.querySelector('label').textContent.includes('(met)'));
                const select = pick.querySelector('select');
                select.value = '4';
                select.dispatchEvent(new Event('change', {bubbles: true}));
                return select.dataset.skillId;""");
        assertThat(skill).isNotBlank();
        browser.findElement(By.id("what-if-submit")).click();
        result = awaitResult(66);
        assertThat(result.get("before")).isEqualTo(now);
        assertThat(result.get("after")).isEqualTo(72).isGreaterThan(result.get("before"));
        assertThat(browser.findElement(By.cssSelector("[data-testid='what-if-after-level']")).getText())
                .isEqualTo("Entry Level");

        // the same answer over HTTP, and nothing changed
        Reply whatIf = gateway.post("/api/progress/me/what-if", token, """
                {"certifications":[{"certificationId":"ceh"}],"skills":[{"skillId":"%s","proficiency":4}]}"""
                .formatted(skill));
        assertThat(whatIf.status()).as(whatIf.toString()).isEqualTo(200);
        assertThat(whatIf.json().path("after").path("readinessPercent").asInt()).isEqualTo(72);
        assertThat(readiness(token)).isEqualTo(now);
        assertThat(browser.findElement(By.id("readiness-percent")).getText()).isEqualTo(now + "%");
        PortalBrowser.screenshot(browser, "portal-what-if.png");
    }

    @Test
    void theManagerSeesTeamReadinessWithHistogramSkillGapsAndCsv() throws IOException {
        logIn(MARK, "Mark");
        // his own placement (eight years in the field) is shown to him, with its reason
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-placement"),
                "Placed at Senior"));
        PortalNav.open(browser, wait, "team");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("team-card")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-list"), "Alice Anders"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-list"), "Bob Berg"));
        WebElement alice = browser.findElement(By.cssSelector("#team-list [data-employee-id='" + ALICE.id() + "']"));
        wait.until(d -> alice.getText().contains("Entry Level"));
        assertThat(alice.getText()).contains("next: Mid-Level");

        wait.until(d -> d.findElements(By.cssSelector("#team-readiness [data-testid='readiness-histogram'] li"))
                .size() == 5);
        int counted = browser.findElements(By.cssSelector("#team-readiness [data-testid='readiness-histogram'] li"))
                .stream().mapToInt(li -> Integer.parseInt(li.getDomAttribute("data-count"))).sum();
        assertThat(counted).isGreaterThanOrEqualTo(2);
        assertThat(browser.findElement(By.cssSelector("#team-readiness [data-testid='level-distribution']")).getText())
                .contains("Entry Level");

        WebElement table = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#team-readiness table[data-testid='skill-gaps']")));
        List<String> columns = table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText)
                .toList();
        assertThat(columns).contains("Alice Anders", "Bob Berg");
        assertThat(table.findElements(By.cssSelector("tbody th[scope='row']"))).isNotEmpty();
        assertThat(table.findElements(By.cssSelector("tbody td.gap"))).isNotEmpty();

        WebElement csv = browser.findElement(By.cssSelector("#team-readiness a[data-testid='team-csv']"));
        assertThat(csv.getText()).isEqualTo("Download CSV");
        assertThat(csv.getDomAttribute("href")).matches("/api/progress/teams/[^/]+/export\\.csv");
        @SuppressWarnings("unchecked")
        List<Object> download = (List<Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                    .then(async (r) => done([r.status, r.headers.get('Content-Type') || '', await r.text()]))
                    .catch((e) => done([0, '', String(e)]));""", csv.getDomAttribute("href"));
        assertThat(((Number) download.get(0)).intValue()).as(download.toString()).isEqualTo(200);
        assertThat((String) download.get(1)).startsWith("text/csv");
        // every field quoted (RFC 4180, TeamCsv)
        assertThat((String) download.get(2)).startsWith("\"employeeId\",\"displayName\",\"currentLevel\",\"nextLevel\"")
                .contains("Alice Anders").contains("Bob Berg");
        js("document.getElementById('team-card').scrollIntoView()");
        PortalBrowser.screenshot(browser, "portal-team-readiness.png");
        // a team this small is shown whole: no "Show more members"
        assertThat(browser.findElements(By.cssSelector("[data-testid='team-members-more']"))).isEmpty();
    }

    /**
     * The people of a team come a page at a time; "Show more members" reads the next page from both services. The
     * portal asks for 50 a page: here its requests ask for 1 instead, so Mark's small team needs the button.
     */
    @Test
    void theManagerShowsMoreMembersAPageAtATime() {
        logIn(MARK, "Mark");
        js("""
                const fetched = window.fetch;
                window.fetch = (input, init) => fetched(typeof input === 'string'
                    ? input.replace('memberSize=50', 'memberSize=1') : input, init);""");
        PortalNav.open(browser, wait, "team");
        WebElement more = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#team-list-more [data-testid='team-members-more']")));
        assertThat(more.getTagName()).isEqualTo("button");
        assertThat(more.getAccessibleName()).startsWith("Show more members of ");
        String team = more.findElement(By.xpath("..")).getDomAttribute("data-team-id");
        By rows = By.cssSelector("#team-list li[data-team-id='" + team + "']");
        assertThat(browser.findElements(rows)).hasSize(1);

        more.click();
        wait.until(d -> d.findElements(rows).size() == 2);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-live"), "Showing 2 of the "));
        // focus moves to the first member the page added
        assertThat(browser.switchTo().activeElement()).isEqualTo(browser.findElements(rows).get(1));
        // the skill-gap matrix of that team has a column per member shown
        wait.until(d -> d.findElements(By.cssSelector("#team-readiness [data-team-id='" + team
                + "'] table[data-testid='skill-gaps'] thead th[data-employee-id]")).size() == 2);
    }

    /**
     * Bob's history on 2025-06-01: four years in (Mid-Level's experience met) and no certification yet (Security+, if
     * ApiThroughGatewayTest recorded it, was issued in 2026), so 33% whatever today's readiness is.
     */
    @Test
    void anEmployeeSeesTheirProgressAsOfAPastDay() {
        String token = RunningPlatform.token(BOB);
        int now = readiness(token);
        logIn(BOB, "Bob");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-percent"), now + "%"));

        PortalBrowser.setDate(browser, "progress-as-of", "2025-06-01");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-as-of-note"), "As it stood on"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#requirement-groups [data-group-id='mid-certifications'][data-met='false']")));
        assertThat(browser.findElement(By.id("readiness-percent")).getText()).isEqualTo("33%");
        assertThat(browser.findElement(By.cssSelector(
                "#requirement-groups [data-group-id='mid-experience']")).getDomAttribute("data-met")).isEqualTo("true");

        browser.findElement(By.id("progress-today")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("progress-as-of-note")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness-percent"), now + "%"));
    }

    @Test
    void theManagerOpensAMembersHistoryAndTriesAWhatIfForThem() throws IOException {
        String bob = RunningPlatform.token(BOB);
        int now = readiness(bob);
        logIn(MARK, "Mark");
        PortalNav.open(browser, wait, "team");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("team-list"), "Bob Berg"));
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#team-list [data-employee-id='" + BOB.id() + "'] [data-testid='view-member']"))).click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("member-card")));
        assertThat(browser.findElement(By.id("member-name")).getText()).isEqualTo("Bob Berg");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("member-readiness-percent"), now + "%"));
        assertThat(browser.findElement(By.id("member-next-level")).getText()).isEqualTo("Mid-Level");

        PortalBrowser.setDate(browser, "member-as-of", "2025-06-01");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#member-requirement-groups [data-group-id='mid-certifications'][data-met='false']")));
        assertThat(browser.findElement(By.id("member-readiness-percent")).getText()).isEqualTo("33%");
        assertThat(browser.findElement(By.id("member-as-of-note")).getText()).contains("As it stood on");
        // the manager's own card is untouched by the member's day
        assertThat(browser.findElement(By.id("progress-as-of-note")).isDisplayed()).isFalse();

        // what-if for Bob starts from today, whatever day the card shows
        browser.findElement(By.id("member-what-if")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("what-if-who"), "for Bob Berg"));
        wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#what-if-certifications input[value='ceh']"))).click();
        browser.findElement(By.id("what-if-submit")).click();
        Map<String, Integer> result = awaitResult(null);
        assertThat(result).containsEntry("before", now).containsEntry("after", 66);
        assertThat(readiness(bob)).as("a what-if records nothing").isEqualTo(now);

        js("document.getElementById('member-card').scrollIntoView()");
        PortalBrowser.screenshot(browser, "portal-team-member.png");
        browser.findElement(By.id("what-if-for-me")).click();
        wait.until(ExpectedConditions.textToBe(By.id("what-if-who"), ""));
        assertThat(browser.findElement(By.id("what-if-result")).isDisplayed()).isFalse();
        browser.findElement(By.id("member-close")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("member-card")));
    }

    /** Waits for a what-if result whose "after" differs from {@code previousAfter} (null: any result). */
    private Map<String, Integer> awaitResult(Integer previousAfter) {
        return wait.until(d -> {
            WebElement box = d.findElement(By.id("what-if-result"));
            String after = box.getDomAttribute("data-after");
            if (!box.isDisplayed() || after == null || (previousAfter != null && after.equals(previousAfter.toString()))) {
                return null;
            }
            return Map.of("before", Integer.parseInt(box.getDomAttribute("data-before")),
                    "after", Integer.parseInt(after));
        });
    }

    /** Right after the platform starts, progress-service answers 404 until the first catalog release arrives. */
    private int readiness(String token) {
        AtomicReference<Reply> me = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            me.set(gateway.get("/api/progress/me", token));
            assertThat(me.get().status()).as(me.get().toString()).isEqualTo(200);
        });
        return me.get().json().path("readinessPercent").asInt();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private void logIn(DemoUser user, String shownName) {
        PortalBrowser.logIn(browser, wait, platform, user, shownName);
    }
}
