package dev.ladder.notification.webhook;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import dev.ladder.notification.delivery.DeliveryView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/notifications/webhooks")
@Tag(name = "Webhooks", description = "Team chat endpoints (Slack, Microsoft Teams, JSON) signed per Standard Webhooks")
class WebhookController {

    private final WebhookEndpoints endpoints;

    WebhookController(WebhookEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @PostMapping
    @Operation(summary = "Register an endpoint for a team the caller manages (admins: any team, or the organisation "
            + "with no teamId); the answer holds the signing secret, shown only this once")
    ResponseEntity<WebhookView> register(@Valid @RequestBody WebhookRequest request) {
        WebhookView created = endpoints.register(Caller.current(), request);
        // relative on purpose: behind the gateway this service doesn't know the public host
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/notifications/webhooks/{id}")
                .build(created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "The endpoints the caller registered or whose team they manage (admins: all), newest first, "
            + "paged (size 1-200)")
    Page<WebhookView> list(
            @Parameter(description = "only this team's endpoints") @RequestParam(required = false) String teamId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return endpoints.list(Caller.current(), teamId, page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One endpoint (without its secret); 404 if unknown or not the caller's to manage")
    WebhookView get(@PathVariable String id) {
        return endpoints.get(Caller.current(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change url, format, kinds, description or enabled (absent = unchanged); enabled: true "
            + "re-enables a disabled endpoint and forgets its failures")
    WebhookView update(@PathVariable String id, @Valid @RequestBody WebhookUpdate update) {
        return endpoints.update(Caller.current(), id, update);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an endpoint; what is still queued for it is not sent")
    void delete(@PathVariable String id) {
        endpoints.delete(Caller.current(), id);
    }

    @PostMapping("/{id}/secret/rotate")
    @Operation(summary = "A new signing secret, shown only in this answer; the previous one keeps signing beside it "
            + "for a while (ladder.notification.webhooks.previous-secret-valid-for, default 24 h)")
    WebhookView rotate(@PathVariable String id) {
        return endpoints.rotateSecret(Caller.current(), id);
    }

    @GetMapping("/{id}/deliveries")
    @Operation(summary = "The endpoint's delivery log: each request, newest first, with its attempts; paged")
    Page<DeliveryView> deliveries(@PathVariable String id,
                                         @RequestParam(defaultValue = "0") @Min(0) int page,
                                         @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE)
                                         int size) {
        return endpoints.deliveries(Caller.current(), id, page, size);
    }
}
