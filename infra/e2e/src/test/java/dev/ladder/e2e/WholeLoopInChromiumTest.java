package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole people loop, as an organisation adopting Ladder lives it, in real headless Chromium on the real
 * platform (Keycloak, gateway, four services, Kafka, PostgreSQL):
 * <ol>
 * <li>the identity team creates two Keycloak accounts, and the HR system provisions the two people and a new team
 * over SCIM (the team's manager set by Ladder's Team extension, the newcomer added by a Group {@code PATCH});</li>
 * <li>the newcomer signs in for the first time: their account is linked to the provisioned person by username, and
 * they land on that team, with the track, start date and region HR sent;</li>
 * <li>they claim Security+ with a PDF, add prior experience and self-assess every skill the next level asks for —
 * readiness stops short of 100 % because the track's policy counts certifications only once verified;</li>
 * <li>their manager verifies the claim from the verification queue;</li>
 * <li>the newcomer is promoted to Mid-Level and the notification says so.</li>
 * </ol>
 * Everyone in it is new (a random suffix), so it changes nothing other tests rely on and can run again on the same
 * platform.
 */
class WholeLoopInChromiumTest {

    private static final String TRACK = "ai-ml-security-specialist";
    private static final String CERTIFICATION = "comptia-security-plus";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String TEAM_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:Team";
    private static final String PERSON_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:User";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final String START_DATE = "2025-09-01";
    private static final String REGION = "europe";
    private static final Duration APPLIED = Duration.ofMinutes(2);

    private static Platform platform;
    private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private WebDriver newcomer;
    private WebDriver manager;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // profile-service must know the seed catalog (the claim is checked against it)
        platform = RunningPlatform.awaitDemoOrganisationApplied();
    }

    @BeforeEach
    void openBrowsers() {
        newcomer = PortalBrowser.visitor();
        manager = PortalBrowser.secondVisitor();
    }

    @Test
    void aNewColleagueProvisionedOverScimRecordsEvidenceIsVerifiedByTheirManagerAndIsPromoted() throws IOException {
        Gateway gateway = new Gateway(platform.gatewayUrl());

        // 1. the identity team creates the sign-in accounts; the HR system provisions the people and their team
        DemoUser maya = account("maya", "Maya", "Lead " + suffix, Set.of("employee", "manager"));
        DemoUser nico = account("nico", "Nico", "Newcomer " + suffix, Set.of("employee"));
        String hr = new TokenClient(platform.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
        String mayaId = provision(gateway, hr, maya, "AI Security Lead");
        String nicoId = provision(gateway, hr, nico, "Junior AI Security Analyst");
        String teamName = "Model Defence " + suffix;
        Reply team = gateway.scim("POST", "/scim/v2/Groups", hr, """
                {"schemas": ["%s", "%s"], "displayName": "%s", "%s": {"manager": {"value": "%s"}}}"""
                .formatted(GROUP_SCHEMA, TEAM_EXTENSION, teamName, TEAM_EXTENSION, mayaId));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        String teamId = team.json().path("id").asString();
        Reply joined = gateway.scim("PATCH", "/scim/v2/Groups/" + teamId, hr, """
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}"""
                .formatted(PATCH_SCHEMA, nicoId));
        assertThat(joined.status()).as(joined.toString()).isIn(200, 204);
        Reply members = gateway.scim("GET", "/scim/v2/Groups/" + teamId, hr, null);
        assertThat(members.json().path("members").findValuesAsString("value")).as(members.toString())
                .containsExactly(nicoId);

        // 2. Nico's first sign-in links his account to the provisioned person: he is on Maya's team and the track
        WebDriverWait nicoWaits = PortalBrowser.waitFor(newcomer, Duration.ofSeconds(30));
        PortalBrowser.logIn(newcomer, nicoWaits, platform, nico, "Nico");
        JsonNode me = fetchJson(newcomer, "/api/profiles/me");
        assertThat(me.path("id").asString()).as(me.toString()).isEqualTo(nicoId);
        assertThat(me.path("teamId").asString()).as(me.toString()).isEqualTo(teamId);
        assertThat(me.path("teamName").asString()).isEqualTo(teamName);
        assertThat(me.path("managerId").asString()).isEqualTo(mayaId);
        assertThat(me.path("trackId").asString()).isEqualTo(TRACK);
        assertThat(me.path("jobTitle").asString()).isEqualTo("Junior AI Security Analyst");
        assertThat(me.path("startDate").asString()).isEqualTo(START_DATE);
        assertThat(me.path("region").asString()).isEqualTo(REGION);
        // … and so does My progress, where he lands
        nicoWaits.until(ExpectedConditions.attributeToBe(By.id("progress-placement"), "data-team-id", teamId));
        assertThat(newcomer.findElement(By.id("progress-placement")).getText())
                .contains("Team " + teamName).contains("Security").contains("Region " + REGION);
        assertThat(newcomer.findElement(By.id("progress-placement")).getDomAttribute("data-track-id")).isEqualTo(TRACK);
        assertThat(newcomer.findElements(By.cssSelector("#user-roles li")))
                .extracting(WebElement::getText).containsExactly("employee");
        PortalNav.open(newcomer, nicoWaits, "roadmap");
        nicoWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("roadmap-track"), "Security"));

        // the skills the next level asks for, as progress-service judges Nico (once it has his profile)
        String nicoToken = new TokenClient(platform.issuerUri()).accessToken(nico.username(), nico.password());
        List<String> nextLevelSkills = new ArrayList<>();
        await("progress-service has Nico on his track").atMost(APPLIED).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Reply progress = gateway.get("/api/progress/me", nicoToken);
                    assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
                    List<String> skills = skillRefs(progress.json());
                    assertThat(skills).as(progress.toString()).isNotEmpty();
                    nextLevelSkills.clear();
                    nextLevelSkills.addAll(skills);
                });

        // 3a. he claims Security+ and attaches the certificate as a PDF: pending until verified
        PortalNav.open(newcomer, nicoWaits, "record");
        String credential = "SEC-PLUS-" + suffix;
        WebElement certification = nicoWaits.until(ExpectedConditions.elementToBeClickable(By.id("certification")));
        nicoWaits.until(d -> new Select(certification).getOptions().size() > 1);
        new Select(certification).selectByValue(CERTIFICATION);
        newcomer.findElement(By.id("credential-id")).sendKeys(credential);
        newcomer.findElement(By.id("issuer")).sendKeys("CompTIA");
        PortalBrowser.setDate(newcomer, "issued-on", "2026-02-02");
        newcomer.findElement(By.id("record-submit")).click();
        By claim = By.cssSelector("#certifications-list li[data-credential-id='" + credential + "']");
        nicoWaits.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#certifications-list li[data-credential-id='" + credential
                        + "'] [data-testid='claim-state']"), "Pending"));
        Path pdf = Files.createTempFile("security-plus-", ".pdf");
        Files.write(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(StandardCharsets.US_ASCII));
        newcomer.findElement(claim).findElement(By.cssSelector("[data-testid='claim-actions-toggle']")).click();
        nicoWaits.until(ExpectedConditions.visibilityOf(
                newcomer.findElement(claim).findElement(By.cssSelector("input[data-testid='evidence-file']"))))
                .sendKeys(pdf.toAbsolutePath().toString());
        newcomer.findElement(claim).findElement(By.cssSelector("[data-testid='evidence-upload']")).click();
        nicoWaits.until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#certifications-list li[data-credential-id='" + credential
                        + "'] [data-testid='claim-evidence-file']"), pdf.getFileName().toString()));

        // 3b. six years of prior experience
        PortalBrowser.setDate(newcomer, "experience-started-on", "2019-01-07");
        PortalBrowser.setDate(newcomer, "experience-ended-on", "2024-12-20");
        newcomer.findElement(By.id("experience-description")).sendKeys("Security analyst at a bank's ML platform");
        newcomer.findElement(By.id("experience-submit")).click();
        nicoWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("experience-list"),
                "Security analyst at a bank's ML platform"));

        // 3c. every skill of the next level, self-assessed at 3 (the track counts self-assessed skills)
        for (String skill : nextLevelSkills) {
            nicoWaits.until(d -> new Select(d.findElement(By.id("skill-select"))).getOptions().stream()
                    .anyMatch(o -> skill.equals(o.getDomAttribute("value"))));
            new Select(newcomer.findElement(By.id("skill-select"))).selectByValue(skill);
            newcomer.findElement(By.id("skill-proficiency-3")).click();
            newcomer.findElement(By.id("skill-submit")).click();
            nicoWaits.until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#skills-list li[data-skill-id='" + skill + "'] [data-testid='skill-current']"),
                    "3 —"));
        }

        // not there yet: skills and experience are met, but the claim is pending, and this track counts
        // certifications only once verified
        await("progress-service applied the skills and the experience").atMost(APPLIED)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    JsonNode progress = gateway.get("/api/progress/me", nicoToken).json();
                    List<String> unmet = new ArrayList<>();
                    progress.path("groups").forEach(group -> {
                        if (!group.path("met").asBoolean()) {
                            unmet.add(group.path("id").asString());
                        }
                    });
                    assertThat(unmet).as(progress.toString()).singleElement().asString().endsWith("-certifications");
                    assertThat(progress.path("readinessPercent").asInt()).isLessThan(100);
                });
        PortalNav.open(newcomer, nicoWaits, "progress");
        By pendingClaim = By.cssSelector("#view-progress li.req-item[data-ref='" + CERTIFICATION
                + "'][data-status='PENDING']");
        nicoWaits.until(ExpectedConditions.presenceOfElementLocated(pendingClaim));
        assertThat(newcomer.findElement(By.id("readiness-percent")).getText()).isNotEqualTo("100%");
        String entryLevel = newcomer.findElement(By.id("current-level")).getText();
        PortalBrowser.screenshot(newcomer, "whole-loop-pending.png");

        // 4. Maya verifies the claim from her queue, the evidence beside it
        WebDriverWait mayaWaits = PortalBrowser.waitFor(manager, Duration.ofSeconds(30));
        PortalBrowser.logIn(manager, mayaWaits, platform, maya, "Maya");
        PortalNav.open(manager, mayaWaits, "verification");
        By queued = By.cssSelector("#verification-queue li[data-credential-id='" + credential + "']");
        WebElement item = mayaWaits.until(ExpectedConditions.visibilityOfElementLocated(queued));
        assertThat(item.getText()).contains("Nico").contains(credential);
        assertThat(item.findElement(By.cssSelector("[data-testid='queue-evidence-file']")).getText())
                .contains(pdf.getFileName().toString());
        PortalBrowser.screenshot(manager, "whole-loop-queue.png");
        item.findElement(By.cssSelector("[data-testid='queue-verify']")).click();
        mayaWaits.until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification-status"), "Verified"));
        mayaWaits.until(ExpectedConditions.invisibilityOfElementLocated(queued));
        // she was told about the claim when it arrived
        PortalNav.open(manager, mayaWaits, "notifications");
        mayaWaits.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#notifications li[data-kind='CLAIM_PENDING']")));

        // 5. Nico's readiness for Mid-Level reached 100 %: he is promoted, and told so
        PortalNav.open(newcomer, nicoWaits, "progress");
        nicoWaits.withTimeout(APPLIED).until(d -> {
            String level = d.findElement(By.id("current-level")).getText();
            return level.contains("Mid") && !level.equals(entryLevel);
        });
        Reply promoted = gateway.get("/api/progress/me", nicoToken);
        assertThat(promoted.json().path("currentLevel").path("id").asString()).as(promoted.toString())
                .contains("mid");
        PortalBrowser.screenshot(newcomer, "whole-loop-promoted.png");
        PortalNav.open(newcomer, nicoWaits, "notifications");
        By promotion = By.cssSelector("#notifications li[data-kind='LEVEL_ADVANCED']");
        nicoWaits.withTimeout(APPLIED).until(ExpectedConditions.presenceOfElementLocated(promotion));
        assertThat(newcomer.findElement(promotion).getText()).contains("Promoted to").contains("Mid");
        assertThat(newcomer.findElements(By.cssSelector("#notifications li[data-kind='CLAIM_VERIFIED']")))
                .isNotEmpty();
        PortalBrowser.screenshot(newcomer, "whole-loop-notifications.png");
    }

    /** A Keycloak account, created as the identity team would: username {@code <name>-<suffix>}. */
    private DemoUser account(String name, String firstName, String lastName, Set<String> roles) {
        return RunningPlatform.newAccount(name, suffix, firstName, lastName, roles);
    }

    /**
     * The person, provisioned over SCIM by the same username as their account, with their track, start date and
     * region in Ladder's User extension; their SCIM (= employee) id.
     */
    private static String provision(Gateway gateway, String token, DemoUser person, String title) {
        Reply created = gateway.scim("POST", "/scim/v2/Users", token, """
                {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "HR-%s",
                 "name": {"givenName": "%s", "familyName": "%s"},
                 "emails": [{"value": "%s@ladder.local", "primary": true}], "title": "%s", "active": true,
                 "%s": {"trackId": "%s", "startDate": "%s", "region": "%s"}}"""
                .formatted(USER_SCHEMA, PERSON_EXTENSION, person.username(), person.username(), person.firstName(),
                        person.lastName(), person.username(), title, PERSON_EXTENSION, TRACK, START_DATE, REGION));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/scim+json");
        String id = created.json().path("id").asString();
        // links name the address the HR system called (the gateway's), not profile-service's own
        String self = platform.gatewayUrl() + "/scim/v2/Users/" + id;
        assertThat(created.json().path("meta").path("location").asString()).isEqualTo(self);
        assertThat(created.location()).isEqualTo(self);
        return id;
    }

    /** The refs of the SKILL requirements of the level a progress answer measures readiness for. */
    private static List<String> skillRefs(JsonNode progress) {
        List<String> skills = new ArrayList<>();
        progress.path("groups").forEach(group -> group.path("items").forEach(item -> {
            if ("SKILL".equals(item.path("type").asString())) {
                skills.add(item.path("ref").asString());
            }
        }));
        return skills;
    }

    /** GET through the browser's own session (cookie, token relay), as the portal calls the API. */
    private static JsonNode fetchJson(WebDriver browser, String path) {
        @SuppressWarnings("unchecked")
        Map<String, Object> reply = (Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin', headers: {Accept: 'application/json'}})
                    .then(async (r) => done({status: r.status, body: await r.text()}))
                    .catch((e) => done({status: 0, body: String(e)}));""", path);
        assertThat(((Number) reply.get("status")).intValue()).as(reply.toString()).isEqualTo(200);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree((String) reply.get("body"));
    }

}
