package dev.ladder.profile.scim;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Who may use SCIM: only a token with the realm role {@value #PROVISIONER} (the {@code ladder-provisioner}
 * client's service account; the kit maps realm roles to {@code ROLE_<role>}), and that token nothing else of
 * profile-service's API — a machine is not a person and must not be registered as one.
 * <p>
 * These rules are added to the kit's resource-server chain through a {@code Customizer<HttpSecurity>} bean
 * (Spring Security applies it to the chain before the kit adds its own rules), so the kit's chain stays the only
 * one; the SCIM error format is {@link ScimErrorFilter}'s, in front of the chain.
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurity {

    static final String PROVISIONER = "provisioner";
    /** Just before Spring Security's filter chain (-100), so it sees what the chain answers. */
    private static final int BEFORE_SECURITY = -101;

    @Bean
    Customizer<HttpSecurity> scimForProvisionersOnly() {
        AuthorizationManager<RequestAuthorizationContext> people = (authentication, context) -> {
            Authentication a = authentication.get();
            boolean person = a != null && a.isAuthenticated() && !(a instanceof AnonymousAuthenticationToken)
                    && a.getAuthorities().stream().noneMatch(g -> ("ROLE_" + PROVISIONER).equals(g.getAuthority()));
            return new AuthorizationDecision(person);
        };
        return http -> http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/scim/**").hasRole(PROVISIONER)
                .requestMatchers("/api/**").access(people));
    }

    @Bean
    FilterRegistrationBean<ScimErrorFilter> scimErrorFilter() {
        FilterRegistrationBean<ScimErrorFilter> registration = new FilterRegistrationBean<>(new ScimErrorFilter());
        registration.addUrlPatterns("/scim/*");
        registration.setOrder(BEFORE_SECURITY);
        return registration;
    }
}
