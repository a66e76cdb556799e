package dev.ladder.notification.inapp;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "The caller's in-app notifications")
class NotificationController {

    static final String TOTAL_COUNT = "X-Total-Count";
    static final String UNREAD_COUNT = "X-Unread-Count";

    private final InAppNotifications notifications;
    private final LiveFeed live;

    NotificationController(InAppNotifications notifications, LiveFeed live) {
        this.notifications = notifications;
        this.live = live;
    }

    @GetMapping("/me")
    @Operation(summary = "My notifications, newest first, a page at a time",
            description = "The array is one page. X-Total-Count: how many there are (with unread=true: how many are "
                    + "unread); X-Unread-Count: how many are unread; Link rel=\"next\": the next page, when there is "
                    + "one (before = the seq of this page's last item).")
    ResponseEntity<List<NotificationView>> mine(
            @Parameter(description = "only notifications not yet read")
            @RequestParam(defaultValue = "false") boolean unread,
            @Parameter(description = "items per page, 1 to 200")
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @Parameter(description = "the seq of the last item of the previous page: the page after it")
            @RequestParam(required = false) @PositiveOrZero Long before) {
        FeedPage page = notifications.feed(Caller.current().id(), unread, before, size);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .header(TOTAL_COUNT, Long.toString(page.total()))
                .header(UNREAD_COUNT, Long.toString(page.unread()));
        if (page.next() != null) {
            // relative: the caller may have come through the gateway, under another host
            URI next = ServletUriComponentsBuilder.fromCurrentRequest()
                    .replaceQueryParam("before", page.next()).replaceQueryParam("size", size)
                    .build().toUri();
            response.header(HttpHeaders.LINK, "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"");
        }
        return response.body(page.items());
    }

    @GetMapping("/me/unread-count")
    @Operation(summary = "How many of my notifications are unread")
    UnreadCount unreadCount() {
        return notifications.unreadCount(Caller.current().id());
    }

    @GetMapping(path = "/me/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "My notifications live (Server-Sent Events)",
            description = "Events: 'notification' (id = its seq, data = the notification), 'unread' (data = "
                    + "{\"unread\": n}; first on every connection, its id the position the stream starts from, and "
                    + "after every change of the count), 'reset' (more was missed than the stream replays: reload "
                    + "the list), 'evicted' (too many streams of yours are open; this one is closed, do not "
                    + "reconnect on your own). Comments are heartbeats. Resumes after Last-Event-ID (or "
                    + "?lastEventId=); ends by itself when the token expires, to be reconnected.")
    SseEmitter stream(
            @Parameter(description = "resume after this seq (what a browser's EventSource sends on reconnecting)")
            @RequestHeader(name = "Last-Event-ID", required = false) @PositiveOrZero Long lastEventIdHeader,
            @Parameter(description = "the same as the Last-Event-ID header, for clients that cannot set headers")
            @RequestParam(name = "lastEventId", required = false) @PositiveOrZero Long lastEventId) {
        String employeeId = notifications.employeeIdOf(Caller.current().id());
        return live.open(employeeId, lastEventIdHeader != null ? lastEventIdHeader : lastEventId, tokenLifetime());
    }

    @PostMapping("/me/read-all")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark all my notifications read",
            description = "Everything up to upTo (a seq: what the caller has seen), else everything there is now.")
    void markAllRead(
            @Parameter(description = "the newest seq the caller has seen; later ones stay unread")
            @RequestParam(required = false) @PositiveOrZero Long upTo) {
        notifications.markAllRead(Caller.current().id(), upTo);
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark one of my notifications read (idempotent); 404 if it is not mine")
    void markRead(@PathVariable String id) {
        notifications.markRead(id, Caller.current().id());
    }

    /** How long the caller's access token is still valid: a stream ends with it, and is reconnected with a new one. */
    private static Duration tokenLifetime() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token && token.getToken().getExpiresAt() != null) {
            return Duration.between(Instant.now(), token.getToken().getExpiresAt());
        }
        return Duration.ofDays(1);
    }
}
