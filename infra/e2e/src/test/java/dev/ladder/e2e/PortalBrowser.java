package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium (Debian's, never a downloaded one) driving the portal through the real Keycloak login: sign in
 * as a person, open a view by its address and wait until its data is shown, keep a screenshot, run axe-core.
 * A class keeps one for all its tests and signs in again only to change person ({@link #signIn} forgets the previous
 * person's cookies first). Every browser test shares the test JVM's one Chromium ({@link #visitor}); each class or
 * test starts from a new tab with no cookies.
 */
final class PortalBrowser {

    /** Debian's Chromium and ChromeDriver, never a downloaded browser. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LADDER_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LADDER_CHROMEDRIVER",
            "/usr/bin/chromedriver"));
    /** The WCAG 2.0 and 2.1 success criteria of levels A and AA, as axe-core tags its rules. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Set<String> SERIOUS = Set.of("serious", "critical");
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final String AXE_SOURCE = axeSource();

    private final Platform platform;
    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private DemoUser signedIn;

    private PortalBrowser(Platform platform, ChromeDriver driver) {
        this.platform = platform;
        this.driver = driver;
        this.wait = waitFor(driver, WAIT);
    }

    /**
     * Without Chromium the browser tests cannot run. In CI that is a failure; on a developer machine they are skipped
     * with the install command (README: "Running the tests").
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

    /** A desktop window, 1280 × 1000, as a new visitor ({@link #visitor}). */
    static PortalBrowser desktop(Platform platform) {
        return new PortalBrowser(platform, FIRST.fresh(1280, 1000, false));
    }

    /** A phone: a 390 × 844 CSS-pixel viewport that honours the page's viewport meta tag, as a phone's browser does. */
    static PortalBrowser phone(Platform platform) {
        return new PortalBrowser(platform, FIRST.fresh(390, 844, true));
    }

    /**
     * The test JVM's Chromium as a new visitor finds it: a new tab (nothing in sessionStorage, no page of an earlier
     * test still running), every cookie forgotten (the gateway's session and Keycloak's single sign-on, so Keycloak
     * asks who you are), a 1280 × 1600 viewport. Starting Chromium costs more CPU than most tests do (about 5 s of
     * CPU here, more than all its page loads in a short test), so one browser serves every test of the run instead
     * of one per test; it quits when the JVM exits.
     */
    static ChromeDriver visitor() {
        return FIRST.fresh(1280, 1600, false);
    }

    /** A second browser as a new visitor, for a test with two people signed in at once (another person's cookies). */
    static ChromeDriver secondVisitor() {
        return SECOND.fresh(1280, 1600, false);
    }

    private static final SharedChromium FIRST = new SharedChromium();
    private static final SharedChromium SECOND = new SharedChromium();

    /** One Chromium, started when first needed, handed to test after test with a fresh tab and no cookies. */
    private static final class SharedChromium {
        private ChromeDriver driver;

        synchronized ChromeDriver fresh(int width, int height, boolean mobile) {
            if (driver != null) {
                try {
                    String previous = driver.getWindowHandle();
                    driver.switchTo().newWindow(WindowType.TAB);
                    String tab = driver.getWindowHandle();
                    driver.switchTo().window(previous).close();
                    driver.switchTo().window(tab);
                    driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
                } catch (WebDriverException e) {
                    // an earlier test left it unusable (crashed, or an alert still open): start another
                    System.out.println("[e2e] starting another Chromium: " + e.getMessage().lines().findFirst()
                            .orElse(""));
                    quietlyQuit(driver);
                    driver = null;
                }
            }
            if (driver == null) {
                ChromeDriver started = launch();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> quietlyQuit(started)));
                driver = started;
            }
            // the viewport exactly, whatever window decorations a headless window has (it belongs to the tab)
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
            return driver;
        }

        private static void quietlyQuit(ChromeDriver driver) {
            try {
                driver.quit();
            } catch (WebDriverException e) {
                // already gone
            }
        }
    }

    private static ChromeDriver launch() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            // --no-sandbox: CI runs as root. The networking flags keep Chromium from calling home on a closed network.
            // English, whatever the machine's locale: date fields then take mm/dd/yyyy from the keyboard.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US", "--window-size=1280,1600",
                    "--user-data-dir=" + Files.createTempDirectory("ladder-chromium-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // axe-core over a whole view takes a few seconds on a busy machine; Selenium's default allows 30 s
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(90));
        return driver;
    }

    /**
     * A wait that looks again when an element it found was replaced before it could be read: the portal renders a
     * list afresh when its data arrives, so an element found a moment ago can be gone ("stale") by the next call.
     */
    static WebDriverWait waitFor(WebDriver browser, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
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

    /** Saves what the browser shows as {@code target/<name>}, kept as build output. */
    static void screenshot(WebDriver browser, String name) {
        try {
            Path screenshot = Path.of("target", name);
            Files.createDirectories(screenshot.getParent());
            Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes the viewport, e.g. to a phone's 390 × 844 and back, without a new browser. */
    void viewport(int width, int height, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
    }

    /**
     * Loads the page again at the same address (the view stays), so the keyboard starts at the top of the document
     * with nothing focused, and waits until the view is loaded.
     */
    void reload() {
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), signedIn.firstName()));
        String view = (String) driver.executeScript("return (/^#\\/([a-z-]+)/.exec(location.hash) || [])[1] || null");
        if (view != null) {
            wait.until(ExpectedConditions.attributeToBe(By.id("nav-" + view), "aria-current", "page"));
            awaitLoaded(view);
        }
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiter() {
        return wait;
    }

    DemoUser signedIn() {
        return signedIn;
    }

    /**
     * Signs in through Keycloak's own login page (the person typed in, not a form of ours) and waits for the portal
     * to greet them. Another person signed in before is forgotten first (every cookie, Keycloak's too, and the tab's
     * storage), so Keycloak asks again.
     */
    void signIn(DemoUser user) {
        if (user.equals(signedIn)) {
            return;
        }
        if (signedIn != null) {
            driver.executeScript("try { sessionStorage.clear(); localStorage.clear(); } catch (e) {}");
            driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        }
        signedIn = null;
        driver.get(platform.gatewayUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(driver.getCurrentUrl()).startsWith(platform.issuerUri());
        driver.findElement(By.id("username")).sendKeys(user.username());
        driver.findElement(By.id("password")).sendKeys(user.password());
        driver.findElement(By.id("kc-login")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user-name"), user.firstName()));
        assertThat(driver.getCurrentUrl()).startsWith(platform.gatewayUrl());
        signedIn = user;
    }

    /**
     * Opens a view by its address (as a link or a bookmark does), then waits until it is shown, marked as the
     * current one and {@link #awaitLoaded loaded}.
     */
    void open(String view) {
        driver.executeScript("window.location.hash = arguments[0]", "#/" + view);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-" + view), "aria-current", "page"));
        awaitLoaded(view);
    }

    /**
     * Waits until nothing in the view is loading any more: no region marked {@code aria-busy="true"}, no visible
     * "Loading…" placeholder (text or a select's chosen option). A panel whose data cannot be loaded must say so
     * instead of loading for ever, so a view still loading after the wait fails with what is still loading.
     */
    void awaitLoaded(String view) {
        try {
            wait.until(d -> stillLoading(view).isEmpty());
        } catch (TimeoutException e) {
            throw new AssertionError("view " + view + " still loading after " + WAIT.toSeconds() + " s: "
                    + stillLoading(view), e);
        }
    }

    @SuppressWarnings("unchecked")
    List<String> stillLoading(String view) {
        return (List<String>) driver.executeScript("""
                const view = document.getElementById('view-' + arguments[0]);
                if (!view || view.hidden) return ['the view is not shown'];
                const shown = (el) => el.getClientRects().length > 0;
                const where = (el) => el.id ? '#' + el.id : el.tagName.toLowerCase() + '.' + el.className;
                const busy = [view, ...view.querySelectorAll('[aria-busy="true"]')]
                    .filter((el) => el.getAttribute('aria-busy') === 'true' && (el === view || shown(el)))
                    .map((el) => 'aria-busy ' + where(el));
                const texts = [...view.querySelectorAll('p, li, span, div, td, dd, h2, h3')]
                    .filter((el) => shown(el) && /^\\s*Loading\\b/.test(el.textContent)
                        && ![...el.children].some((c) => /Loading/.test(c.textContent)))
                    .map((el) => where(el) + ' "' + el.textContent.trim() + '"');
                const selects = [...view.querySelectorAll('select')]
                    .filter((s) => shown(s) && s.selectedIndex >= 0 && /^\\s*Loading\\b/.test(s.options[s.selectedIndex].text))
                    .map((s) => where(s) + ' "' + s.options[s.selectedIndex].text + '"');
                return [...busy, ...texts, ...selects];""", view);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}, kept as build output. */
    Path screenshot(String name) {
        try {
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Full-page screenshot (the whole document, not only the viewport), for the phone's long views. */
    Path fullPageScreenshot(String name) {
        Object size = driver.executeScript("return [document.documentElement.scrollWidth, "
                + "document.documentElement.scrollHeight]");
        List<?> wh = (List<?>) size;
        long height = Math.min(((Number) wh.get(1)).longValue(), 12000);
        try {
            String data = (String) driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", ((Number) wh.get(0)).longValue(), "height", height,
                            "scale", 1))).get("data");
            Path file = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(data));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * axe-core's WCAG 2.1 A and AA rules over the whole page as it is now; each serious or critical violation as one
     * readable line: rule, impact, what it is, the elements (CSS selectors) and the rule's help page. Empty: none.
     * <p>
     * axe.js (the copy bundled in Deque's axe-core Selenium jar) is put into the page once per page load and then run
     * with {@code axe.run} for each check: the portal changes views by the address's hash, so one injection serves a
     * whole tour of a person's views. Deque's {@code AxeBuilder} injects the 560 KB script on every call and finishes
     * each run in a new tab, which made the accessibility tour the slowest browser class by far.
     */
    List<String> seriousViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(AXE_SOURCE);
        }
        Object outcome = driver.executeAsyncScript("""
                const [tags, impacts, done] = arguments;
                axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
                    .then((r) => done({
                        passes: r.passes.length,
                        violations: r.violations.filter((v) => impacts.includes(v.impact)).map((v) => ({
                            rule: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                            targets: v.nodes.map((n) => n.target.join(' '))}))}))
                    .catch((e) => done({error: String(e && e.stack || e)}));""", WCAG_21_AA, List.copyOf(SERIOUS));
        Map<?, ?> result = (Map<?, ?>) outcome;
        if (result.get("error") != null) {
            throw new AssertionError("axe-core failed on " + driver.getCurrentUrl() + ": " + result.get("error"));
        }
        assertThat(((Number) result.get("passes")).intValue()).as("axe-core ran its rules on " + driver.getCurrentUrl())
                .isPositive();
        List<String> problems = new ArrayList<>();
        for (Object found : (List<?>) result.get("violations")) {
            Map<?, ?> rule = (Map<?, ?>) found;
            List<String> targets = ((List<?>) rule.get("targets")).stream().map(String::valueOf).toList();
            problems.add(rule.get("rule") + " (" + rule.get("impact") + "): " + rule.get("help") + " — "
                    + targets.size() + " element(s): " + String.join(", ", targets.subList(0, Math.min(8,
                    targets.size()))) + (targets.size() > 8 ? ", …" : "") + " — " + rule.get("helpUrl"));
        }
        return problems;
    }

    private static String axeSource() {
        try (InputStream in = PortalBrowser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException(
                        "axe.min.js is missing from the test classpath (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }
}
