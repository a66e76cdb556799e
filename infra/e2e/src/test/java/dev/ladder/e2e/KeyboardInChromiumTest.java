package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The main flows with the keyboard alone — Tab, Shift+Tab, Enter, Space, Escape and the arrow keys sent to whatever
 * has the focus, never a click: the skip link and moving between views (the focus lands on the view's heading each
 * time), an employee recording a certification with the record form, their manager verifying it in the
 * verification queue, the employee reading the notification about it and marking it read, a claim's actions opened
 * and closed, and the navigation's menu on a phone opened and dismissed. Every stop of the focus is checked to be
 * visible (a computed outline or ring on the focused element).
 * <p>
 * The people are this run's own: a manager and an employee provisioned over SCIM with a team of their own, so
 * nothing here changes what other tests build on. The tests run in order and build on each other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyboardInChromiumTest {

    private static final String TRACK = "ai-ml-security-specialist";
    private static final String CERTIFICATION = "comptia-security-plus";
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    private static final String TEAM_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:Team";
    private static final String PERSON_EXTENSION = "urn:ladder:params:scim:schemas:extension:2.0:User";
    private static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    private static final int MAX_TABS = 60;

    private static final String SUFFIX = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String CREDENTIAL = "KEY-" + SUFFIX.toUpperCase();

    private static Platform platform;
    private static PortalBrowser browser;
    private static DemoUser employee;
    private static DemoUser manager;
    private static String employeeId;
    private static String teamId;

    @BeforeAll
    static void people() {
        PortalBrowser.requireChromium();
        // profile-service knows the seed catalog (a recorded certification is checked against it)
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        Gateway gateway = new Gateway(platform.gatewayUrl());
        manager = account("kira", "Kira", "Keys " + SUFFIX, Set.of("employee", "manager"));
        employee = account("kai", "Kai", "Keys " + SUFFIX, Set.of("employee"));
        String hr = new TokenClient(platform.issuerUri())
                .clientCredentialsToken("ladder-provisioner", "ladder-provisioner-secret");
        String managerId = provision(gateway, hr, manager);
        employeeId = provision(gateway, hr, employee);
        Reply team = gateway.scim("POST", "/scim/v2/Groups", hr, """
                {"schemas": ["%s", "%s"], "displayName": "Keyboard %s", "%s": {"manager": {"value": "%s"}}}"""
                .formatted(GROUP_SCHEMA, TEAM_EXTENSION, SUFFIX, TEAM_EXTENSION, managerId));
        assertThat(team.status()).as(team.toString()).isEqualTo(201);
        Reply joined = gateway.scim("PATCH", "/scim/v2/Groups/" + team.json().path("id").asString(), hr, """
                {"schemas": ["%s"], "Operations": [{"op": "add", "path": "members", "value": [{"value": "%s"}]}]}"""
                .formatted(PATCH_SCHEMA, employeeId));
        assertThat(joined.status()).as(joined.toString()).isIn(200, 204);
        teamId = team.json().path("id").asString();
        Reply members = gateway.scim("GET", "/scim/v2/Groups/" + teamId, hr, null);
        assertThat(members.json().path("members").findValuesAsString("value")).as(members.toString())
                .containsExactly(employeeId);
        browser = PortalBrowser.desktop(platform);
    }

    @Test
    @Order(1)
    void theSkipLinkAndTheNavigationWorkWithTheKeyboard() {
        browser.signIn(employee);
        // the first sign-in linked the account to the person provisioned over SCIM, on the manager's team
        Reply me = new Gateway(platform.gatewayUrl()).get("/api/profiles/me",
                new TokenClient(platform.issuerUri()).accessToken(employee));
        assertThat(me.json().path("id").asString()).as(me.toString()).isEqualTo(employeeId);
        assertThat(me.json().path("teamId").asString()).as(me.toString()).isEqualTo(teamId);
        browser.open("progress");
        browser.reload();

        // the first Tab: the skip link, shown while it has the focus
        tab();
        assertThat(activeMatches(".skip-link")).as("the first stop is the skip link").isTrue();
        assertThat((Boolean) browser.js("const r = document.activeElement.getBoundingClientRect();"
                + "return r.top >= 0 && r.bottom <= innerHeight && r.width > 0;")).as("shown when focused").isTrue();
        press(Keys.ENTER);
        assertFocusOnHeading("progress");
        assertThat(currentHash()).as("the address keeps the view").isEqualTo("#/progress");
        tab();
        assertThat((Boolean) browser.js("return document.getElementById('main').contains(document.activeElement)"))
                .as("Tab goes on inside the view").isTrue();

        // back into the navigation, to another view: its heading has the focus
        shiftTabUntil("#nav-record");
        press(Keys.ENTER);
        browser.awaitLoaded("record");
        assertFocusOnHeading("record");
        assertThat(browser.driver().getTitle()).startsWith("Record");
        shiftTabUntil("#nav-roadmap");
        press(Keys.ENTER);
        browser.awaitLoaded("roadmap");
        assertFocusOnHeading("roadmap");
        shiftTabUntil("#nav-settings");
        press(Keys.ENTER);
        browser.awaitLoaded("settings");
        assertFocusOnHeading("settings");
    }

    @Test
    @Order(2)
    void anEmployeeRecordsACertificationWithTheKeyboard() {
        browser.signIn(employee);
        browser.open("record");
        browser.reload();
        tabUntil("#nav-record", false);
        press(Keys.ENTER);
        assertFocusOnHeading("record");
        tabUntil("#certification", true);
        // the arrow keys choose an option of a closed select
        for (int i = 0; i < 40 && !CERTIFICATION.equals(value("certification")); i++) {
            press(Keys.ARROW_DOWN);
        }
        assertThat(value("certification")).as("chosen with the arrow keys").isEqualTo(CERTIFICATION);
        tab();
        assertThat(activeId()).isEqualTo("credential-id");
        type(CREDENTIAL);
        tab();
        assertThat(activeId()).isEqualTo("issuer");
        type("CompTIA");
        tab();
        assertThat(activeId()).isEqualTo("issued-on");
        type("02012026"); // mm dd yyyy: the date field's own segments (en-US, see PortalBrowser)
        assertThat(value("issued-on")).as("the date typed into the field's segments").isEqualTo("2026-02-01");
        tabUntil("#record-submit", true);
        press(Keys.ENTER);

        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("record-success")));
        assertThat(activeId()).as("the focus goes to what happened").isEqualTo("record-success");
        assertFocusVisible();
        assertThat(browser.byId("record-success").getText()).contains("Recorded");
        By claim = By.cssSelector("#certifications-list li[data-credential-id='" + CREDENTIAL + "']");
        browser.waiter().until(ExpectedConditions.presenceOfElementLocated(claim));

        // a claim's actions: opened with Enter, closed with Enter, the focus staying on their summary
        tabUntil("#certifications-list li[data-credential-id='" + CREDENTIAL + "'] summary", true);
        press(Keys.ENTER);
        assertThat(detailsOpen()).as("opened").isTrue();
        tab();
        assertThat((Boolean) browser.js("return document.activeElement.closest('details') !== null")).isTrue();
        shiftTab();
        press(Keys.ENTER);
        assertThat(detailsOpen()).as("closed again").isFalse();
    }

    @Test
    @Order(3)
    void theManagerVerifiesTheClaimWithTheKeyboard() {
        // the claim is in the manager's queue (profile-service's own state, at once)
        Gateway gateway = new Gateway(platform.gatewayUrl());
        TokenClient tokens = new TokenClient(platform.issuerUri());
        Reply queue = gateway.get("/api/profiles/verification/queue?size=200", tokens.accessToken(manager));
        if (!queue.json().path("items").findValuesAsString("credentialId").contains(CREDENTIAL)) {
            throw new AssertionError("the claim " + CREDENTIAL + " is not in the manager's queue: " + queue
                    + "\nher teams: " + gateway.get("/api/profiles/teams/mine", tokens.accessToken(manager))
                    + "\nthe employee: " + gateway.get("/api/profiles/me", tokens.accessToken(employee))
                    + "\ntheir claims: " + gateway.get("/api/profiles/me/certifications", tokens.accessToken(employee))
                    + "\nthe admin's queue: " + gateway.get("/api/profiles/verification/queue?size=200",
                    RunningPlatform.token(dev.ladder.keycloak.DemoUsers.ADA)));
        }
        browser.signIn(manager);
        browser.reload();
        tabUntil("#nav-verification", false);
        press(Keys.ENTER);
        browser.awaitLoaded("verification");
        assertFocusOnHeading("verification");
        String verify = "#verification-queue li[data-credential-id='" + CREDENTIAL + "'] [data-testid='queue-verify']";
        browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(verify)));
        tabUntil(verify, true);
        press(Keys.ENTER);
        browser.waiter().until(ExpectedConditions.textToBePresentInElementLocated(By.id("verification-status"),
                "Verified"));
        browser.waiter().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(
                "#verification-queue li[data-credential-id='" + CREDENTIAL + "']"), 0));
        assertFocusOnHeading("verification");
    }

    @Test
    @Order(4)
    void theEmployeeReadsTheNotificationAndUsesTheMenuOnAPhone() {
        browser.signIn(employee);
        browser.reload();
        tabUntil("#nav-notifications", false);
        press(Keys.ENTER);
        browser.awaitLoaded("notifications");
        assertFocusOnHeading("notifications");
        String verified = "#notifications li[data-kind='CLAIM_VERIFIED']";
        browser.waiter().withTimeout(java.time.Duration.ofMinutes(1))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(verified + "[data-read='false']")));
        tabUntil(verified + "[data-read='false'] [data-testid='mark-read']", true);
        press(Keys.SPACE);
        browser.waiter().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(verified + "[data-read='true']")));
        assertThat((Boolean) browser.js("return document.getElementById('notifications-card')"
                + ".contains(document.activeElement) && document.activeElement !== document.body"))
                .as("the focus stays in the list, not lost").isTrue();
        assertFocusVisible();

        // on a phone: the navigation is a menu, opened with Enter, dismissed with Escape
        browser.viewport(390, 844, true);
        try {
            browser.reload();
            tabUntil("#nav-toggle", false);
            assertThat(browser.byId("nav-toggle").getDomAttribute("aria-expanded")).isEqualTo("false");
            press(Keys.ENTER);
            assertThat(browser.byId("nav-toggle").getDomAttribute("aria-expanded")).isEqualTo("true");
            assertThat(activeId()).as("the menu opens at the view shown").isEqualTo("nav-notifications");
            assertFocusVisible();
            press(Keys.ESCAPE);
            assertThat(browser.byId("nav-toggle").getDomAttribute("aria-expanded")).isEqualTo("false");
            assertThat(activeId()).as("Escape gives the focus back to the button").isEqualTo("nav-toggle");
            assertThat(browser.byId("nav-settings").isDisplayed()).isFalse();
            press(Keys.SPACE);
            assertThat(browser.byId("nav-toggle").getDomAttribute("aria-expanded")).isEqualTo("true");
            tabUntil("#nav-settings", false);
            press(Keys.ENTER);
            browser.awaitLoaded("settings");
            assertFocusOnHeading("settings");
            assertThat(browser.byId("nav-toggle").getDomAttribute("aria-expanded")).as("closed after choosing")
                    .isEqualTo("false");
            browser.screenshot("keyboard-phone-settings");
        } finally {
            browser.viewport(1280, 1000, false);
        }
    }

    // ----- the keyboard ------------------------------------------------------------------------------------------

    private static void press(CharSequence key) {
        new Actions(browser.driver()).sendKeys(key).perform();
    }

    private static void type(String text) {
        browser.driver().switchTo().activeElement().sendKeys(text);
    }

    private static void tab() {
        press(Keys.TAB);
        assertFocusVisible();
    }

    private static void shiftTab() {
        new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertFocusVisible();
    }

    /** Tab until the element matching the selector has the focus (from the top, or after the focused element). */
    private static void tabUntil(String selector, boolean inView) {
        for (int i = 0; i < MAX_TABS; i++) {
            tab();
            if (activeMatches(selector)) {
                return;
            }
        }
        throw new AssertionError(MAX_TABS + " Tabs did not reach " + selector + (inView ? " in the view" : "")
                + "; the focus is on " + describeActive());
    }

    private static void shiftTabUntil(String selector) {
        for (int i = 0; i < MAX_TABS; i++) {
            shiftTab();
            if (activeMatches(selector)) {
                return;
            }
        }
        throw new AssertionError(MAX_TABS + " Shift+Tabs did not reach " + selector + "; the focus is on "
                + describeActive());
    }

    // ----- where the focus is ------------------------------------------------------------------------------------

    /** After a view change the view's heading has the focus, visibly, and says which view it is. */
    private static void assertFocusOnHeading(String view) {
        browser.waiter().until(d -> ("view-" + view + "-title").equals(activeId()));
        assertFocusVisible();
    }

    /** The focused element shows it: an outline or a ring, and it is on the page. */
    private static void assertFocusVisible() {
        String problem = (String) browser.js("""
                const el = document.activeElement;
                const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (e.dataset && e.dataset.testid ? '[data-testid=' + e.dataset.testid + ']' : '');
                if (!el || el === document.body || el === document.documentElement) return 'nothing has the focus';
                // a date or time field moves the focus between its own parts (month, day, year, the picker); the
                // browser highlights the part, and the field is outlined while its first part has the focus
                if (el.matches('input[type="date"], input[type="time"]') && !el.matches(':focus')) return null;
                const style = getComputedStyle(el);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1;
                const ring = style.boxShadow && style.boxShadow !== 'none';
                if (!outline && !ring) return name(el) + ' has the focus without showing it (no outline, no ring)';
                const box = el.getBoundingClientRect();
                if (box.width === 0 && box.height === 0) return name(el) + ' has the focus but is not shown';
                return null;""");
        assertThat(problem).as("focus visible").isNull();
    }

    private static boolean activeMatches(String selector) {
        return (Boolean) browser.js("return document.activeElement.matches(arguments[0])", selector);
    }

    private static String activeId() {
        return (String) browser.js("return document.activeElement.id || null");
    }

    private static String describeActive() {
        return (String) browser.js("const e = document.activeElement; return e.outerHTML.slice(0, 200);");
    }

    private static String currentHash() {
        return (String) browser.js("return location.hash");
    }

    private static String value(String id) {
        return browser.byId(id).getDomProperty("value");
    }

    private static boolean detailsOpen() {
        return (Boolean) browser.js("return document.activeElement.closest('details').open");
    }

    // ----- this run's people -------------------------------------------------------------------------------------

    private static DemoUser account(String name, String firstName, String lastName, Set<String> roles) {
        return RunningPlatform.newAccount(name, SUFFIX, firstName, lastName, roles);
    }

    /** The person over SCIM, by the username of their account, on the track; their employee id. */
    private static String provision(Gateway gateway, String token, DemoUser person) {
        Reply created = gateway.scim("POST", "/scim/v2/Users", token, """
                {"schemas": ["%s", "%s"], "userName": "%s", "externalId": "HR-%s",
                 "name": {"givenName": "%s", "familyName": "%s"},
                 "emails": [{"value": "%s@ladder.local", "primary": true}], "title": "Analyst", "active": true,
                 "%s": {"trackId": "%s", "startDate": "2025-09-01", "region": "europe"}}"""
                .formatted(USER_SCHEMA, PERSON_EXTENSION, person.username(), person.username(), person.firstName(),
                        person.lastName(), person.username(), PERSON_EXTENSION, TRACK));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asString();
    }
}
