package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.ArrayList;
import java.util.List;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usable by everyone: every view of the portal — and the main parts opened inside a view (a team member's progress,
 * a person being edited, a catalog search, "What if…" results, the team chat webhooks) — checked by axe-core against
 * WCAG 2.1 A and AA once its data is shown, as the person who sees it: the views everyone has as an employee, and as
 * a manager and an admin their own views and parts plus one shared view (the page's frame and navigation differ by
 * role, which one view shows; what else differs by role inside a shared view — the team chat webhooks in Settings —
 * is checked as a part). Any serious or critical violation fails, listed with its rule, the
 * elements and the rule's help page; every view of the person is checked before failing, so one run shows them all.
 * A screenshot of each checked view is kept in {@code target/screenshots/a11y-<person>-<view>.png}.
 * <p>
 * Only reads: nothing here changes what other tests build on.
 */
class AccessibilityInChromiumTest {

    private static final List<String> EVERYONE = List.of("progress", "roadmap", "record", "notifications", "settings");

    private static PortalBrowser browser;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        // the views show what the services consumed (readiness, mark's team), not an empty platform
        Platform platform = RunningPlatform.awaitDemoOrganisationApplied();
        browser = PortalBrowser.desktop(platform);
    }

    @Test
    void everyViewOfAnEmployeeHasNoSeriousViolations() {
        Checks checks = new Checks(ALICE);
        awaitNavLinks(List.of("progress", "roadmap", "record", "notifications", "settings"));
        assertThat(navLinksShown()).doesNotContain("team", "verification", "organisation", "catalog");
        for (String view : EVERYONE) {
            checks.view(view);
        }
        // a search's results, and a "What if…" result
        browser.open("roadmap");
        browser.byId("catalog-search").sendKeys("security");
        browser.byId("catalog-search-submit").click();
        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("catalog-search-summary")));
        checks.part("roadmap-search");
        browser.open("progress");
        browser.waiter().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#what-if-certifications input[type='checkbox']")));
        WebElement first = browser.driver().findElement(By.cssSelector("#what-if-certifications input[type='checkbox']"));
        browser.js("arguments[0].click()", first);
        browser.js("document.getElementById('what-if-submit').click()");
        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("what-if-result")));
        checks.part("progress-what-if");
        checks.assertNone();
    }

    @Test
    void everyViewOfAManagerHasNoSeriousViolations() {
        Checks checks = new Checks(MARK);
        awaitNavLinks(List.of("team", "verification"));
        assertThat(navLinksShown()).doesNotContain("organisation", "catalog");
        checks.view("progress"); // the frame and navigation as a manager sees them
        checks.view("team");
        // a member's progress, opened from the team list
        WebElement view = browser.waiter().until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "#team-list [data-employee-id='" + ALICE.id() + "'] [data-testid='view-member']")));
        view.click();
        browser.waiter().until(ExpectedConditions.invisibilityOfElementLocated(By.id("member-progress-empty")));
        checks.part("team-member");
        checks.view("verification");
        browser.open("settings");
        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("webhooks-card")));
        checks.part("settings-webhooks");
        checks.assertNone();
    }

    @Test
    void everyViewOfAnAdminHasNoSeriousViolations() {
        Checks checks = new Checks(ADA);
        awaitNavLinks(List.of("verification", "organisation", "catalog"));
        checks.view("progress"); // the frame and navigation as an admin sees them
        checks.view("verification");
        // people, teams, first load from CSV and the audit trail are the organisation's sections, all on one view
        checks.view("organisation");
        WebElement edit = browser.waiter().until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#people-list [data-testid='person-edit']")));
        edit.click();
        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("person-card")));
        browser.awaitLoaded("organisation");
        checks.part("organisation-person");
        checks.view("catalog");
        checks.assertNone();
    }

    /** The links of a person's views appear once the portal knows what they may do (roles, teams they lead). */
    private static void awaitNavLinks(List<String> views) {
        browser.waiter().until(d -> navLinksShown().containsAll(views));
    }

    private static List<String> navLinksShown() {
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) browser.js("""
                return [...document.querySelectorAll('#main-nav a[data-view]')]
                    .filter((a) => !a.closest('li').hidden).map((a) => a.dataset.view);""");
        return shown;
    }

    /** The violations found for one person, view by view. */
    private static final class Checks {
        private final DemoUser person;
        private final List<String> found = new ArrayList<>();
        private int checked;

        Checks(DemoUser person) {
            this.person = person;
            browser.signIn(person);
        }

        /** Opens the view by its address, waits until its data is shown, checks it. */
        void view(String view) {
            browser.open(view);
            part(view);
        }

        /** Checks the page as it is now. */
        void part(String name) {
            checked++;
            String label = person.username() + "-" + name;
            browser.screenshot("a11y-" + label);
            for (String violation : browser.seriousViolations()) {
                found.add(label + ": " + violation);
            }
        }

        void assertNone() {
            assertThat(checked).isPositive();
            assertThat(found).withFailMessage(() -> found.size() + " serious or critical WCAG 2.1 A/AA violation(s) in "
                    + "the views of " + person.username() + ":\n  " + String.join("\n  ", found)).isEmpty();
        }
    }
}
