package dev.ladder.kit.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Problem responses and the request body limit for every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemHandling.class)
public class WebAutoConfiguration {

    /** First of all filters: an oversized body is refused before security or anything else reads it. */
    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
            @Value("${ladder.web.max-body-size:1MB}") DataSize max, JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(max, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
