package dev.ladder.notification.inapp;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/notifications")
@Tag(name = "Notifications", description = "The caller's in-app notifications")
class NotificationController {

    private final InAppNotifications notifications;

    NotificationController(InAppNotifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/me")
    @Operation(summary = "My notifications, newest first")
    List<NotificationView> mine(
            @Parameter(description = "only notifications not yet read")
            @RequestParam(defaultValue = "false") boolean unread) {
        return notifications.feed(Caller.current().id(), unread);
    }

    @PostMapping("/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark one of my notifications read (idempotent); 404 if it is not mine")
    void markRead(@PathVariable String id) {
        notifications.markRead(id, Caller.current().id());
    }
}
