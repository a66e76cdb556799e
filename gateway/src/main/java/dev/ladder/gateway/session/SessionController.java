package dev.ladder.gateway.session;

import dev.ladder.gateway.security.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

@RestController
class SessionController {

    /**
     * The authorized client is resolved through the client manager, so an expired access token is refreshed
     * first and the roles shown are those the services will see.
     */
    @GetMapping("/session")
    SessionView session(@AuthenticationPrincipal OidcUser user,
            @RegisteredOAuth2AuthorizedClient OAuth2AuthorizedClient client) {
        String username = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return new SessionView(user.getSubject(), username, displayName(user, username), user.getEmail(),
                RealmRoles.of(client.getAccessToken().getTokenValue()));
    }

    /** The refresh token is gone (Keycloak session ended): end ours too so the next page load logs in again. */
    @ExceptionHandler(ClientAuthorizationException.class)
    Mono<Void> sessionEnded(ServerWebExchange exchange) {
        return exchange.getSession().flatMap(WebSession::invalidate)
                .then(Problems.write(exchange, HttpStatus.UNAUTHORIZED, "Your login has expired; log in again"));
    }

    private static String displayName(OidcUser user, String fallback) {
        if (user.getFullName() != null) {
            return user.getFullName();
        }
        String joined = ((user.getGivenName() == null ? "" : user.getGivenName()) + " "
                + (user.getFamilyName() == null ? "" : user.getFamilyName())).trim();
        return joined.isEmpty() ? fallback : joined;
    }
}
