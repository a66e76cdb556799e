package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pictures of progress over time, drawn by Chart.js (served by the gateway from its WebJar) from data recorded through
 * the platform. A team of its own (so the demo people's readiness, which other tests assert, is left alone): the HR
 * system provisions a lead and a member over SCIM; the member claims CEH (expiring in 60 days), her lead verifies
 * it, and she claims Security+ which stays unverified. Then, in Chromium:
 * <ul>
 * <li>the member's "My progress" chart: her readiness rising on the day of the verification, the events marked;</li>
 * <li>the lead's Team view: the monthly readiness bands, the closest to the next level, the CEH lapse on the expiry
 * timeline with what it costs her — and her history in the member card;</li>
 * <li>an admin's Organisation overview filtered to that team: one row, the lapsing certification and the unverified
 * claim counted, and the CSV of exactly what is shown.</li>
 * </ul>
 * Every chart is checked through the Chart.js instance's own data and through its text alternative; screenshots go
 * to {@code target/screenshots/charts-*.png}.
 */
class ChartsInChromiumTest {

    private static final String TRACK = "ai-ml-security-specialist";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String TEAM_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:Team";
    private static final String PERSON_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:User";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final Duration APPLIED = Duration.ofMinutes(2);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate CEH_EXPIRES = TODAY.plusDays(60);

    private static final String SUFFIX = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static Platform platform;
    private static Gateway gateway;
    private static DemoUser lead;
    private static DemoUser member;
    private static String memberId;
    private static String teamId;
    private static String teamName;
    private static int readinessNow;

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    static void aTeamWithHistory() {
        PortalBrowser.requireChromium();
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        gateway = new Gateway(platform.gatewayUrl());
        lead = account("lars", "Lars", "Lead " + SUFFIX, Set.of("employee", "manager"));
        member = account("cora", "Cora", "Charts " + SUFFIX, Set.of("employee"));
        String hr = new TokenClient(platform.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
        String leadId = provision(hr, lead, "AI Security Lead", "2016-01-04");
        memberId = provision(hr, member, "AI Security Analyst", "2025-06-02");
        teamName = "Charts " + SUFFIX;
        Reply team = gateway.scim("POST", "/scim/v2/Groups", hr, """
                {"schemas": ["%s", "%s"], "displayName": "%s", "%s": {"manager": {"value": "%s"}}}"""
                .formatted(GROUP_SCHEMA, TEAM_EXTENSION, teamName, TEAM_EXTENSION, leadId));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        teamId = team.json().path("id").asString();
        Reply joined = gateway.scim("PATCH", "/scim/v2/Groups/" + teamId, hr, """
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}"""
                .formatted(PATCH_SCHEMA, memberId));
        assertThat(joined.status()).as(joined.toString()).isIn(200, 204);

        // her claims, through the API as the portal's Record view sends them (she has signed in once: linked)
        String cora = RunningPlatform.token(member);
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(gateway.get("/api/profiles/me", cora).json().path("teamId").asString()).isEqualTo(teamId));
        Reply ceh = gateway.post("/api/profiles/me/certifications", cora, """
                {"certificationId":"ceh","credentialId":"CHARTS-CEH-%s","issuer":"EC-Council",
                 "issuedOn":"%s","expiresOn":"%s"}""".formatted(SUFFIX, TODAY.minusMonths(10), CEH_EXPIRES));
        assertThat(ceh.status()).as(ceh.toString()).isEqualTo(201);
        Reply pending = gateway.post("/api/profiles/me/certifications", cora, """
                {"certificationId":"comptia-security-plus","credentialId":"CHARTS-SEC-%s","issuer":"CompTIA",
                 "issuedOn":"%s","expiresOn":"%s"}""".formatted(SUFFIX, TODAY.minusMonths(2), TODAY.plusYears(3)));
        assertThat(pending.status()).as(pending.toString()).isEqualTo(201);

        // her lead verifies CEH (he may once progress-service knows he manages her team)
        String lars = RunningPlatform.token(lead);
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Reply verified = gateway.post("/api/profiles/verification/certifications/"
                    + ceh.json().path("id").asString() + "/verify", lars, "{}");
            assertThat(verified.status()).as(verified.toString()).isIn(200, 409);
        });
        // progress-service has applied the verification: her readiness counts CEH, and the lead sees it
        await().atMost(APPLIED).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Reply progress = gateway.get("/api/progress/employees/" + memberId, lars);
            assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
            assertThat(progress.json().path("readinessPercent").asInt()).isPositive();
            Reply trends = gateway.get("/api/progress/teams/" + teamId + "/trends", lars);
            assertThat(trends.status()).as(trends.toString()).isEqualTo(200);
            assertThat(trends.json().path("expiries").findValuesAsString("certificationId")).contains("ceh");
        });
        readinessNow = gateway.get("/api/progress/employees/" + memberId, lars).json().path("readinessPercent").asInt();
    }

    @BeforeEach
    void openBrowser() {
        browser = PortalBrowser.visitor();
        wait = PortalBrowser.waitFor(browser, Duration.ofSeconds(30));
    }

    @Test
    void theEmployeeSeesHerReadinessOverTimeWithWhatMovedIt() throws IOException {
        PortalBrowser.logIn(browser, wait, platform, member, "Cora");
        awaitDrawn("my-timeline-chart");

        Map<String, Object> chart = chartData("my-timeline-chart-canvas");
        List<Map<String, Object>> readiness = dataset(chart, 0);
        // a year ago: no certification counted yet; today: CEH, verified today
        assertThat(number(readiness.get(0).get("y"))).isLessThan(readinessNow);
        assertThat(number(readiness.get(readiness.size() - 1).get("y"))).isEqualTo(readinessNow);
        // the events: CEH recorded on its issue day, verified today; Security+ recorded (unverified, it moves nothing)
        List<String> events = dataset(chart, 2).stream().map(point -> (String) point.get("label")).toList();
        assertThat(events).anyMatch(label -> label.endsWith(" verified"));
        assertThat(events.stream().filter(label -> label.endsWith(" recorded"))).hasSize(2);
        assertThat(strings(chart.get("datasetLabels"))).contains("Readiness for the next level (%)", "Level held");

        // the text alternative says the same
        assertThat(browser.findElement(By.id("my-timeline-chart-canvas")).getDomAttribute("aria-label"))
                .contains("readiness went from").contains("to " + readinessNow + "%");
        assertThat(tableText("my-timeline-chart-table")).contains("verified").contains(readinessNow + "%");
        js("document.getElementById('timeline-card').scrollIntoView()");
        PortalBrowser.screenshot(browser, "screenshots/charts-employee.png");
    }

    @Test
    void theLeadSeesTheTeamOverTimeWhoIsClosestAndWhatLapses() throws IOException {
        PortalBrowser.logIn(browser, wait, platform, lead, "Lars");
        PortalNav.open(browser, wait, "team");
        String prefix = "tc-" + teamId;
        awaitDrawn(prefix + "-bands");
        awaitDrawn(prefix + "-closest");
        awaitDrawn(prefix + "-expiry");

        // this month: Cora in the band of her readiness
        Map<String, Object> bands = chartData(prefix + "-bands-canvas");
        assertThat((List<?>) bands.get("labels")).hasSize(12);
        String band = readinessNow >= 100 ? "100%" : List.of("0-24%", "25-49%", "50-74%", "75-99%").get(readinessNow / 25);
        int inBand = ((List<?>) bands.get("datasetLabels")).indexOf(band);
        assertThat(inBand).isNotNegative();
        List<?> lastMonth = (List<?>) ((List<?>) bands.get("values")).get(inBand);
        assertThat(number(lastMonth.get(lastMonth.size() - 1))).isEqualTo(1);

        Map<String, Object> closest = chartData(prefix + "-closest-canvas");
        assertThat(strings(closest.get("labels"))).singleElement(InstanceOfAssertFactories.STRING).startsWith(member.firstName());
        assertThat(number(((List<?>) ((List<?>) closest.get("values")).get(0)).get(0))).isEqualTo(readinessNow);

        // the CEH lapse on the expiry timeline, on its day, with what it costs her
        List<Map<String, Object>> lapses = dataset(chartData(prefix + "-expiry-canvas"), 0);
        assertThat(lapses).singleElement().satisfies(point -> {
            assertThat(number(point.get("x"))).isEqualTo(CEH_EXPIRES.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
            assertThat((String) point.get("label")).contains(member.firstName()).contains("−");
        });
        assertThat(tableText(prefix + "-expiry-table")).contains(member.firstName()).contains("−");
        assertThat(browser.findElement(By.id(prefix + "-expiry-summary")).getText()).contains("1 certification lapse");
        js("document.getElementById(arguments[0]).scrollIntoView()", "team-charts-" + teamId + "-title");
        PortalBrowser.screenshot(browser, "screenshots/charts-team.png");

        // her history, opened from the team list
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#team-list [data-employee-id='" + memberId + "'] [data-testid='view-member']"))).click();
        awaitDrawn("member-timeline-chart");
        List<Map<String, Object>> history = dataset(chartData("member-timeline-chart-canvas"), 0);
        assertThat(number(history.get(history.size() - 1).get("y"))).isEqualTo(readinessNow);
        assertThat(browser.findElement(By.id("member-timeline-chart-summary")).getText())
                .contains(member.firstName()).contains(readinessNow + "%");
        js("document.getElementById('member-timeline').scrollIntoView()");
        PortalBrowser.screenshot(browser, "screenshots/charts-member.png");
    }

    @Test
    void anAdminFiltersTheOrganisationOverviewAndDownloadsItsCsv() throws IOException {
        PortalBrowser.logIn(browser, wait, platform, ADA, "Ada");
        PortalNav.open(browser, wait, "organisation");
        awaitDrawn("overview-levels");
        wait.until(d -> !d.findElements(By.cssSelector("#overview-team option[value='" + teamId + "']")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#overview-rows tr"))).hasSizeGreaterThanOrEqualTo(2);

        new Select(browser.findElement(By.id("overview-team"))).selectByValue(teamId);
        wait.until(d -> d.findElements(By.cssSelector("#overview-rows tr")).size() == 1
                && teamId.equals(d.findElement(By.cssSelector("#overview-rows tr")).getDomAttribute("data-team-id")));
        wait.until(ExpectedConditions.attributeToBe(By.id("overview-status"), "data-state", "ok"));
        String row = "#overview-rows tr[data-team-id='" + teamId + "'] ";
        assertThat(browser.findElement(By.cssSelector(row + "td[data-col='expiring']")).getText()).isEqualTo("1");
        assertThat(browser.findElement(By.cssSelector(row + "td[data-col='unverified-certifications']")).getText())
                .isEqualTo("1");
        awaitDrawn("overview-levels");
        Map<String, Object> levels = chartData("overview-levels-canvas");
        assertThat(strings(levels.get("labels"))).singleElement(InstanceOfAssertFactories.STRING).startsWith(teamName);
        Map<String, Object> readiness = chartData("overview-readiness-canvas");
        assertThat(number(((List<?>) ((List<?>) readiness.get("values")).get(0)).get(0))).isEqualTo(readinessNow);
        assertThat(tableText("overview-readiness-table")).contains(teamName).contains(readinessNow + "%");

        // the CSV is exactly the rows shown, both services' columns
        assertThat(browser.findElement(By.id("overview-csv")).getDomAttribute("download"))
                .isEqualTo("organisation-overview.csv");
        assertThat(browser.findElement(By.id("overview-csv")).getDomProperty("href")).startsWith("blob:");
        String csv = (String) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/assets/org-overview.js').then((m) => done(m.overviewCsv())).catch((e) => done(String(e)));""");
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("\"teamId\",\"teamName\",\"trackId\",\"trackName\",\"members\","
                + "\"levelDistribution\",\"averageReadiness\",\"atRisk\",\"expiringWithin90Days\","
                + "\"unverifiedCertifications\",\"unverifiedSkills\"");
        assertThat(lines.get(1)).startsWith("\"" + teamId + "\",\"" + teamName + "\",\"" + TRACK + "\",")
                .endsWith(",\"1\",\"1\",\"0\"");
        js("document.getElementById('overview-card').scrollIntoView()");
        PortalBrowser.screenshot(browser, "screenshots/charts-organisation.png");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** Waits until the chart panel has drawn (not loading, empty or failed). */
    private void awaitDrawn(String panel) {
        wait.withTimeout(APPLIED).until(d -> {
            var status = d.findElements(By.id(panel + "-status"));
            if (!status.isEmpty() && "error".equals(status.get(0).getDomAttribute("data-state"))) {
                throw new AssertionError(panel + ": " + status.get(0).getText());
            }
            return !status.isEmpty() && "drawn".equals(status.get(0).getDomAttribute("data-state"))
                    && Boolean.TRUE.equals(js("return !!window.Chart?.getChart(arguments[0])", panel + "-canvas"));
        });
    }

    /** What the Chart.js instance on the canvas holds: labels, dataset labels, each dataset's data. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> chartData(String canvas) {
        return (Map<String, Object>) js("""
                const chart = window.Chart.getChart(arguments[0]);
                return {
                  labels: (chart.data.labels ?? []).map((l) => (Array.isArray(l) ? l.join(' · ') : l)),
                  datasetLabels: chart.data.datasets.map((d) => d.label),
                  values: chart.data.datasets.map((d) => d.data.map((v) => (v !== null && typeof v === 'object' ? v.y ?? v.x : v))),
                  points: chart.data.datasets.map((d) => d.data.map((v) => (v !== null && typeof v === 'object' ? v : {y: v}))),
                };""", canvas);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> dataset(Map<String, Object> chart, int index) {
        return (List<Map<String, Object>>) ((List<?>) chart.get("points")).get(index);
    }

    private String tableText(String id) {
        return (String) js("return document.getElementById(arguments[0]).textContent", id);
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    /** A Keycloak account, created as the identity team would: username {@code <name>-<suffix>}. */
    private static DemoUser account(String name, String firstName, String lastName, Set<String> roles) {
        return RunningPlatform.newAccount(name, SUFFIX, firstName, lastName, roles);
    }

    /** The person, provisioned over SCIM by the same username as their account; their employee id. */
    private static String provision(String token, DemoUser person, String title, String startDate) {
        Reply created = gateway.scim("POST", "/scim/v2/Users", token, """
                {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "HR-%s",
                 "name": {"givenName": "%s", "familyName": "%s"},
                 "emails": [{"value": "%s@ladder.local", "primary": true}], "title": "%s", "active": true,
                 "%s": {"trackId": "%s", "startDate": "%s", "region": "europe"}}"""
                .formatted(USER_SCHEMA, PERSON_EXTENSION, person.username(), person.username(), person.firstName(),
                        person.lastName(), person.username(), title, PERSON_EXTENSION, TRACK, startDate));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }
}
