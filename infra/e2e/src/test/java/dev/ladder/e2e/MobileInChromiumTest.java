package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usable on a phone: every main view of each demo person on a 390 × 844 screen (CSS pixels, the viewport meta tag
 * honoured). Nothing may make the page scroll sideways, the navigation is reached through its menu button, and the
 * main tables are readable: each fits the screen (the portal's tables turn into stacked cards, one per row, each
 * value with its column's name), or — a matrix such as the team's skill gaps — scrolls inside a wrapper that fits
 * the screen and can be scrolled with the keyboard. A screenshot of every view is kept as build output,
 * {@code target/screenshots/mobile-<person>-<view>.png}.
 */
class MobileInChromiumTest {

    private static final List<String> EVERYONE = List.of("progress", "roadmap", "record", "notifications", "settings");

    private static PortalBrowser browser;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        Platform platform = RunningPlatform.awaitDemoOrganisationApplied();
        browser = PortalBrowser.phone(platform);
    }

    @Test
    void anEmployeesViewsFitAPhone() {
        check(ALICE, EVERYONE);
    }

    @Test
    void aManagersViewsFitAPhone() {
        List<String> views = new ArrayList<>(EVERYONE);
        views.addAll(List.of("team", "verification"));
        check(MARK, views);
    }

    @Test
    void anAdminsViewsFitAPhone() {
        List<String> views = new ArrayList<>(EVERYONE);
        views.addAll(List.of("verification", "organisation", "catalog"));
        check(ADA, views);
    }

    private static void check(DemoUser person, List<String> views) {
        browser.signIn(person);
        // the navigation: one button on a phone, the links behind it
        assertThat(browser.byId("nav-toggle").isDisplayed()).as("the menu button on a phone").isTrue();
        assertThat(browser.byId("nav-progress").isDisplayed()).as("the links are folded away").isFalse();
        List<String> problems = new ArrayList<>();
        for (String view : views) {
            browser.open(view);
            browser.fullPageScreenshot("mobile-" + person.username() + "-" + view);
            problems.addAll(layoutProblems(view));
        }
        assertThat(problems).withFailMessage(() -> "On a 390 px wide screen, for " + person.username() + ":\n  "
                + String.join("\n  ", problems)).isEmpty();
    }

    /** What does not fit a phone in the view now shown. */
    @SuppressWarnings("unchecked")
    private static List<String> layoutProblems(String view) {
        Map<String, Object> page = (Map<String, Object>) browser.js("""
                const root = document.scrollingElement;
                return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth};""");
        List<String> problems = new ArrayList<>();
        long scrollWidth = ((Number) page.get("scrollWidth")).longValue();
        long clientWidth = ((Number) page.get("clientWidth")).longValue();
        if (clientWidth > 400) {
            problems.add(view + ": the viewport is " + clientWidth + " px wide, not a phone's");
        }
        if (scrollWidth > clientWidth) {
            List<String> wide = (List<String>) browser.js("""
                    const width = document.scrollingElement.clientWidth;
                    return [...document.querySelectorAll('body *')]
                        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 1
                            && !el.closest('.table-scroll') && !el.closest('.sr-only'))
                        .slice(0, 6).map((el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                            + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')
                            + ' right=' + Math.round(el.getBoundingClientRect().right));""");
            problems.add(view + ": the page scrolls sideways (" + scrollWidth + " > " + clientWidth + " px), wider: "
                    + wide);
        }
        problems.addAll((List<String>) browser.js("""
                const width = document.scrollingElement.clientWidth;
                const view = document.getElementById('view-' + arguments[0]);
                const out = [];
                for (const table of view.querySelectorAll('table')) {
                    if (!table.getClientRects().length) continue;
                    const name = table.id || table.dataset.testid || table.className;
                    if (table.getBoundingClientRect().right <= width + 1) continue;
                    const wrapper = table.closest('.table-scroll');
                    if (!wrapper) { out.push(arguments[0] + ': table ' + name + ' is wider than the screen'); continue; }
                    const box = wrapper.getBoundingClientRect();
                    if (box.left < -1 || box.right > width + 1) out.push(arguments[0] + ': the wrapper of ' + name + ' is wider than the screen');
                    if (wrapper.tabIndex < 0 && !wrapper.querySelector('a[href], button, input, select, textarea, [tabindex="0"]'))
                        out.push(arguments[0] + ': table ' + name + ' scrolls sideways but cannot be scrolled with the keyboard');
                }
                return out;""", view));
        return problems;
    }
}
