package dev.ladder.e2e;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.ladder.devstack.Platform;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * One headless Chromium (Debian's, never a downloaded one) driving the portal through the real Keycloak login: sign
 * in as a person, open a view by its address and wait until its data is shown, keep a screenshot, run axe-core.
 * A class keeps one for all its tests and signs in again only to change person ({@link #signIn} forgets the previous
 * person's cookies first).
 */
final class PortalBrowser implements AutoCloseable {

    // one place decides where Chromium is and what its absence means (a failure in CI): PortalInChromiumTest.Browser
    static final Path CHROMIUM = PortalInChromiumTest.Browser.CHROMIUM;
    static final Path CHROMEDRIVER = PortalInChromiumTest.Browser.CHROMEDRIVER;
    /** The WCAG 2.0 and 2.1 success criteria of levels A and AA, as axe-core tags its rules. */
    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    static final Set<String> SERIOUS = Set.of("serious", "critical");
    static final Duration WAIT = Duration.ofSeconds(30);

    private final Platform platform;
    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private DemoUser signedIn;

    private PortalBrowser(Platform platform, ChromeDriver driver) {
        this.platform = platform;
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT);
    }

    /** Fails in CI without Chromium; skips on a developer machine, as every browser test does. */
    static void requireChromium() {
        PortalInChromiumTest.Browser.requireChromium();
    }

    /** A desktop window, 1280 × 1000. */
    static PortalBrowser desktop(Platform platform) {
        return start(platform, 1280, 1000, false);
    }

    /** A phone: a 390 × 844 CSS-pixel viewport that honours the page's viewport meta tag, as a phone's browser does. */
    static PortalBrowser phone(Platform platform) {
        return start(platform, 390, 844, true);
    }

    private static PortalBrowser start(Platform platform, int width, int height, boolean mobile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        try {
            // --no-sandbox: CI runs as root. The networking flags keep Chromium from calling home on a closed network.
            // English, whatever the machine's locale: date fields then take mm/dd/yyyy from the keyboard.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--lang=en-US",
                    "--window-size=" + width + "," + height,
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
        // the viewport exactly, whatever window decorations a headless window has
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        return new PortalBrowser(platform, driver);
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
     */
    List<String> seriousViolations() {
        Results results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        if (results.isErrored()) {
            throw new AssertionError("axe-core failed on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        assertThat(results.getPasses()).as("axe-core ran its rules on " + driver.getCurrentUrl()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (!SERIOUS.contains(rule.getImpact())) {
                continue;
            }
            List<String> targets = new ArrayList<>();
            for (CheckedNode node : rule.getNodes()) {
                targets.add(String.valueOf(node.getTarget()));
            }
            problems.add(rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " — "
                    + targets.size() + " element(s): " + String.join(", ", targets.subList(0, Math.min(8,
                    targets.size()))) + (targets.size() > 8 ? ", …" : "") + " — " + rule.getHelpUrl());
        }
        return problems;
    }

    Object js(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
