package dev.ladder.gateway.privacy;

import dev.ladder.gateway.security.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code GET /api/me/personal-data}: everything Ladder holds about the caller, as one JSON document to download
 * (GDPR Art. 15 and 20). The gateway is the one place that knows every service, so it asks each for its part with
 * the caller's own token (each service decides what is the caller's, as for its other {@code /me} endpoints) and
 * puts the parts together. A part that cannot be had fails the whole export (502/503): a document that silently
 * leaves a service out would claim to be everything and not be.
 */
@RestController
class PersonalDataController {

    static final String PATH = "/api/me/personal-data";

    private final PersonalDataExport export;
    private final ObjectProvider<ReactiveOAuth2AuthorizedClientManager> clients;
    private final Clock clock;

    PersonalDataController(PersonalDataExport export, ObjectProvider<ReactiveOAuth2AuthorizedClientManager> clients) {
        this.export = export;
        this.clients = clients;
        this.clock = Clock.systemUTC();
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ObjectNode>> personalData(Authentication caller) {
        return accessToken(caller)
                .flatMap(token -> export.collect(subject(caller), token))
                .map(document -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                                .filename("ladder-personal-data-" + LocalDate.now(clock) + ".json").build()
                                .toString())
                        // personal data: never kept by a browser cache or a proxy
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(document));
    }

    @ExceptionHandler(PersonalDataExport.PartUnavailable.class)
    Mono<Void> partUnavailable(PersonalDataExport.PartUnavailable failure, ServerWebExchange exchange) {
        return Problems.write(exchange, failure.status(), failure.getMessage());
    }

    private static String subject(Authentication caller) {
        if (caller instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
            return user.getSubject();
        }
        return caller instanceof JwtAuthenticationToken jwt ? jwt.getToken().getSubject() : caller.getName();
    }

    /** A bearer caller's own token; a portal session's access token (refreshed first if it expired). */
    private Mono<String> accessToken(Authentication caller) {
        if (caller instanceof JwtAuthenticationToken jwt) {
            return Mono.just(jwt.getToken().getTokenValue());
        }
        if (caller instanceof OAuth2AuthenticationToken login) {
            OAuth2AuthorizeRequest request = OAuth2AuthorizeRequest
                    .withClientRegistrationId(login.getAuthorizedClientRegistrationId()).principal(login).build();
            return clients.getObject().authorize(request)
                    .map(OAuth2AuthorizedClient::getAccessToken).map(token -> token.getTokenValue())
                    .switchIfEmpty(Mono.error(() -> new PersonalDataExport.PartUnavailable(HttpStatus.UNAUTHORIZED,
                            "Your login has expired; log in again")));
        }
        return Mono.error(() -> new PersonalDataExport.PartUnavailable(HttpStatus.UNAUTHORIZED,
                "Authentication required"));
    }
}
