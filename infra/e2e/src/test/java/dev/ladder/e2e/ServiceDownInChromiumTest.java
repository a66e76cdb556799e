package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.e2e.Gateway.Reply;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service that is down is said clearly, where its data would be: progress-service's process is stopped (as a
 * crash or a restart would leave it), the gateway answers its routes with a 503 problem naming the service, and
 * "My progress" shows that in the panel and in the page's alert instead of loading for ever — while the views of the
 * other services go on working. The service is started again (same data) before the test ends, whatever happens, so
 * the classes after this one find the whole platform.
 */
class ServiceDownInChromiumTest {

    private static Platform platform;
    private static PortalBrowser browser;

    @BeforeAll
    static void platform() {
        PortalBrowser.requireChromium();
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        browser = PortalBrowser.desktop(platform);
    }

    @Test
    void aStoppedServiceIsNamedWhereItsDataWouldBe() {
        browser.signIn(ALICE);
        browser.open("progress");
        Gateway gateway = new Gateway(platform.gatewayUrl());
        String token = RunningPlatform.token(ALICE);
        platform.stopService(Service.PROGRESS);
        try {
            Reply down = gateway.get("/api/progress/me", token);
            assertThat(down.status()).as(down.toString()).isEqualTo(503);
            assertThat(down.contentType()).startsWith("application/problem+json");
            assertThat(down.json().path("detail").asString()).contains("progress service is not available");

            browser.reload();
            // the panel says what failed (not "Loading…" for ever, not a blank card), and so does the alert
            WebElement panel = browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#progress-empty[data-state='error']")));
            assertThat(panel.getText()).contains("Your progress could not be loaded")
                    .contains("progress service is not available right now");
            WebElement banner = browser.byId("error-banner");
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getDomAttribute("role")).isEqualTo("alert");
            assertThat(banner.getText()).contains("progress service is not available");
            browser.awaitLoaded("progress"); // nothing left loading: the view settled on the error
            browser.screenshot("service-down-progress");

            // the other services' views still work
            browser.open("record");
            browser.waiter().until(ExpectedConditions.invisibilityOfElementLocated(By.id("error-banner")));
            assertThat(browser.byId("certifications-empty").getDomAttribute("data-state")).isNull();
        } finally {
            platform.startService(Service.PROGRESS);
        }
        // back: the same view shows the data again, the error gone
        await("progress-service answers again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(gateway.get("/api/progress/me", token).status()).isEqualTo(200));
        browser.open("progress");
        browser.waiter().until(ExpectedConditions.visibilityOfElementLocated(By.id("progress-details")));
        browser.waiter().until(ExpectedConditions.invisibilityOfElementLocated(By.id("error-banner")));
    }
}
