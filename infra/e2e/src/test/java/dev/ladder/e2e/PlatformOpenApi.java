package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.e2e.Gateway.Reply;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static org.assertj.core.api.Assertions.assertThat;

/** What the services say they offer: every operation of each one's OpenAPI document (which only an admin may read). */
final class PlatformOpenApi {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One operation: "METHOD /path/{var}", its service, and its parameters as the document describes them. */
    record Operation(String key, Service service, List<JsonNode> parameters) {

        String method() {
            return key.substring(0, key.indexOf(' '));
        }

        String path() {
            return key.substring(key.indexOf(' ') + 1);
        }
    }

    static Map<String, Operation> read(Platform platform) {
        String ada = RunningPlatform.token(ADA);
        Map<String, Operation> found = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            if (service == Service.GATEWAY) {
                continue;
            }
            Reply api = new Gateway(platform.url(service)).get("/v3/api-docs", ada);
            assertThat(api.status()).as(service + " OpenAPI document").isEqualTo(200);
            JsonNode paths = api.json().path("paths");
            for (String path : paths.propertyNames()) {
                for (String method : paths.path(path).propertyNames()) {
                    if (METHODS.contains(method)) {
                        List<JsonNode> parameters = new ArrayList<>();
                        paths.path(path).path(method).path("parameters").forEach(parameters::add);
                        String key = method.toUpperCase() + " " + path;
                        found.put(key, new Operation(key, service, parameters));
                    }
                }
            }
        }
        return found;
    }

    private PlatformOpenApi() {
    }
}
