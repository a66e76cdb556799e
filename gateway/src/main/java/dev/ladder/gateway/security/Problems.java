package dev.ladder.gateway.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Writes RFC 9457 problem documents for errors the gateway itself decides (401, 403). */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        return send(response, status, MediaType.APPLICATION_PROBLEM_JSON, problem);
    }

    /** The same decision for a SCIM client (RFC 7644 §3.12): a SCIM error, {@code status} as a string. */
    public static Mono<Void> writeScim(ServerWebExchange exchange, HttpStatus status, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("schemas", java.util.List.of("urn:ietf:params:scim:api:messages:2.0:Error"));
        error.put("status", Integer.toString(status.value()));
        error.put("detail", detail);
        return send(response, status, MediaType.parseMediaType("application/scim+json"), error);
    }

    private static Mono<Void> send(ServerHttpResponse response, HttpStatus status, MediaType type,
                                   Map<String, Object> document) {
        byte[] body = JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().setContentType(type);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
