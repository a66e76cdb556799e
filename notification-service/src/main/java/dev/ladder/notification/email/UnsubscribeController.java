package dev.ladder.notification.email;

import dev.ladder.notification.delivery.NotificationKind;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.stream.Collectors;

/**
 * One-click unsubscribe (RFC 8058). Needs no sign-in: the signed token in the link is the authority. {@code GET}
 * only shows a page with a button (link checkers and previews follow GETs), {@code POST} unsubscribes — which is what
 * a mail provider's unsubscribe button sends ({@code List-Unsubscribe=One-Click}).
 */
@RestController
@RequestMapping(value = "/api/notifications/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
@Tag(name = "Unsubscribe", description = "One-click unsubscribe from e-mail (RFC 8058); the token is the authority")
class UnsubscribeController {

    private static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

    private final Unsubscribing unsubscribing;

    UnsubscribeController(Unsubscribing unsubscribing) {
        this.unsubscribing = unsubscribing;
    }

    @GetMapping
    @Operation(summary = "The page behind an e-mail's unsubscribe link: says what it unsubscribes from, with a button")
    ResponseEntity<String> confirm(@RequestParam(required = false) String token) {
        return unsubscribing.read(token)
                .map(u -> page(HttpStatus.OK, "Unsubscribe from these e-mails?",
                        "<p>You will no longer get e-mail about: " + kinds(u) + ". You still see them in Ladder.</p>"
                        + "<form method=\"post\" action=\"unsubscribe\"><input type=\"hidden\" name=\"token\" value=\""
                        + HtmlUtils.htmlEscape(token) + "\"><button type=\"submit\">Unsubscribe</button></form>"))
                .orElseGet(UnsubscribeController::invalid);
    }

    @PostMapping(consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.ALL_VALUE})
    @Operation(summary = "Unsubscribe (RFC 8058 one-click: the body is List-Unsubscribe=One-Click)")
    ResponseEntity<String> unsubscribe(@RequestParam(required = false) String token) {
        return unsubscribing.unsubscribe(token)
                .map(u -> page(HttpStatus.OK, "Unsubscribed",
                        "<p>You will no longer get e-mail about: " + kinds(u) + ". You can turn it back on in "
                        + "Ladder's settings.</p>"))
                .orElseGet(UnsubscribeController::invalid);
    }

    private static ResponseEntity<String> invalid() {
        return page(HttpStatus.BAD_REQUEST, "This unsubscribe link is not valid",
                "<p>The link may have been cut off or changed. Open Ladder's settings to choose your e-mails.</p>");
    }

    private static String kinds(UnsubscribeTokens.Unsubscribe u) {
        return u.kinds().stream().map(NotificationKind::description).map(HtmlUtils::htmlEscape)
                .collect(Collectors.joining("; "));
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " — Ladder</title></head><body style=\"font-family:sans-serif;max-width:40rem;margin:2rem auto\">"
                + "<h1>" + title + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", CSP)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .body(html);
    }
}
