package dev.ladder.gateway.security;

import java.time.Duration;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One client registration whose provider metadata comes from the issuer's discovery document, fetched on
 * the first login rather than at startup. A failed fetch (Keycloak still starting) is not remembered, so
 * the next request tries again; a successful one is kept for the life of the process.
 */
public final class LazyClientRegistrationRepository implements ReactiveClientRegistrationRepository {

    private final String registrationId;
    private final Mono<ClientRegistration> registration;

    public LazyClientRegistrationRepository(LoginProperties login) {
        this.registrationId = login.registrationId();
        // ClientRegistrations does blocking HTTP, hence boundedElastic.
        this.registration = Mono.fromCallable(() -> ClientRegistrations.fromIssuerLocation(login.issuerUri())
                        .registrationId(login.registrationId())
                        .clientId(login.clientId())
                        .clientSecret(login.clientSecret())
                        .scope(login.scopes())
                        .build())
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> new IdentityProviderUnavailableException(login.issuerUri(), e))
                .cache(value -> Duration.ofMillis(Long.MAX_VALUE), error -> Duration.ZERO, () -> Duration.ZERO);
    }

    @Override
    public Mono<ClientRegistration> findByRegistrationId(String id) {
        return registrationId.equals(id) ? registration : Mono.empty();
    }
}
