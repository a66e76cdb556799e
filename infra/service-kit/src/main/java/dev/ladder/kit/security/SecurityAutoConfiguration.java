package dev.ladder.kit.security;

import dev.ladder.kit.localmode.LocalMode;
import dev.ladder.kit.localmode.LocalOnlyClientValidator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every service is a stateless OAuth2 resource server: it validates the Keycloak JWT itself (issuer, audience and
 * signature, from {@code spring.security.oauth2.resourceserver.jwt.*}) and maps realm roles to authorities.
 * Ownership checks ("only your own records") are the services' business, using {@link Caller}.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityAutoConfiguration {

    /**
     * The realm role of the metrics scraper (Keycloak client {@code ladder-metrics}, client credentials): the only
     * caller of {@code /actuator/prometheus}, and nothing else — it is no person, so the API refuses it.
     */
    public static final String METRICS_ROLE = "metrics";

    /** Paths a service opens to anyone, because the request carries its own proof (list, e.g. a signed link). */
    public static final String PUBLIC_PATHS = "ladder.security.public-paths";

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain ladderResourceServer(HttpSecurity http, JsonMapper json, Environment environment)
            throws Exception {
        // paths whose own credential is not a token (a signed link, e.g. an e-mail's one-click unsubscribe)
        String[] publicPaths = environment.getProperty(PUBLIC_PATHS, String[].class, new String[0]);
        JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
        tokens.setJwtGrantedAuthoritiesConverter(new RealmRoles());
        ProblemSecurityResponses problems = new ProblemSecurityResponses(json);
        http.authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/error")
                            .permitAll();
                    // the scraper's door, and only its: a person's token (even an admin's) gets 403, as the
                    // scraper's token opens nothing else (the API wants a person, the other endpoints an admin)
                    requests.requestMatchers("/actuator/prometheus").hasRole(METRICS_ROLE);
                    // the API description and the actuator's other endpoints (metrics) map what there is to attack:
                    // admins only (a real deployment also keeps the services off the public network)
                    requests.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                            "/actuator/**").hasRole("admin");
                    if (publicPaths.length > 0) {
                        requests.requestMatchers(publicPaths).permitAll();
                    }
                    // people only: a machine client of the realm (the HR system's provisioner) has a valid token
                    // too, but no employee behind it whose "me" the API could answer (profile-service adds SCIM)
                    requests.anyRequest().hasAnyRole(Caller.EMPLOYEE, Caller.MANAGER, Caller.ADMIN);
                })
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Bearer tokens only, no cookies: nothing for a cross-site request to ride on.
                .csrf(csrf -> csrf.disable())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens))
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(problems.entryPoint())
                        .accessDeniedHandler(problems.accessDenied()))
                .addFilterBefore(new IdentityProviderUnavailable(problems), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /**
     * Boot adds every {@code OAuth2TokenValidator<Jwt>} bean to the validators of the decoder it builds from
     * {@code spring.security.oauth2.resourceserver.jwt.*} (beside issuer, audience and expiry), so a refused
     * {@code ladder-cli} token fails like any other invalid token: the same 401 and problem detail.
     */
    @Bean
    OAuth2TokenValidator<Jwt> ladderLocalOnlyClientValidator(Environment environment) {
        return new LocalOnlyClientValidator(LocalMode.isActive(environment));
    }
}
