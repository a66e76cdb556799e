package dev.ladder.notification.delivery;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The delivery log for admins: what happened to one notification on every channel that carried it, or to one
 * person's e-mail. An endpoint's owner reads its own log at {@code /api/notifications/webhooks/{id}/deliveries}.
 */
@RestController
@RequestMapping("/api/notifications/deliveries")
@Tag(name = "Delivery log", description = "Admins: attempts, status, response code and next try of e-mail and webhooks")
class DeliveryLogController {

    private final DeliveryLog log;

    DeliveryLogController(DeliveryLog log) {
        this.log = log;
    }

    @GetMapping
    @Operation(summary = "Admins: the messages that carried one notification (e-mail and team chat), or one person's "
            + "e-mail, newest first with every attempt; exactly one of notification or recipient")
    Page<DeliveryView> deliveries(
            @Parameter(description = "a notification id (as in the recipient's feed)")
            @RequestParam(required = false) @Size(max = 500) String notification,
            @Parameter(description = "an employee id: their e-mail")
            @RequestParam(required = false) @Size(max = 200) String recipient,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (!Caller.current().isAdmin()) {
            throw new ForbiddenException("Only admins read the delivery log of any notification");
        }
        boolean byNotification = notification != null && !notification.isBlank();
        boolean byRecipient = recipient != null && !recipient.isBlank();
        if (byNotification == byRecipient) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give exactly one of notification or recipient");
        }
        long offset = (long) page * size;
        return byNotification
                ? new Page<>(log.carrying(notification, size, offset), page, size, log.countCarrying(notification))
                : new Page<>(log.ofTarget(OutboundChannel.EMAIL, recipient, size, offset), page, size,
                log.countOfTarget(OutboundChannel.EMAIL, recipient));
    }
}
