package dev.ladder.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's navigation by task: one view at a time (#/progress, #/roadmap, #/record, #/notifications, #/team,
 * #/verification, #/organisation, #/catalog, #/settings), opened from its link in the main navigation.
 */
final class PortalNav {

    /** Follows the view's navigation link and waits until the view is shown and marked as the current one. */
    static void open(WebDriver browser, WebDriverWait wait, String view) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("nav-" + view))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-" + view)));
        wait.until(ExpectedConditions.attributeToBe(By.id("nav-" + view), "aria-current", "page"));
    }

    private PortalNav() {
    }
}
