package dev.ladder.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;

/**
 * Which of the variables a service reads its deployments set. The rule: all of them, except its port (the images
 * listen on the default, and the manifests use it) and the ones below, each left at the service's default on purpose.
 * A variable a service starts reading is therefore missing from the deployments until someone sets it or says here
 * why not; a variable the deployments set that no service reads fails as well.
 */
final class Variables {

    static final Map<String, String> LEFT_AT_DEFAULT = Map.ofEntries(
            entry("LADDER_CATALOG_SEED", "on: the roadmap is imported once, when its track does not exist yet"),
            entry("LADDER_DEMO_DATA", "off: the demo organisation is the devstack's"),
            entry("LADDER_ERASURE_PURGE_INTERVAL", "how often the GDPR topic purge looks; the default suits"),
            entry("LADDER_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "off: webhooks may not reach private addresses (SSRF)"),
            entry("LADDER_NOTIFICATION_GROUP_WINDOW", "how long a burst of notifications is gathered; a tuning knob"),
            entry("LADDER_RATE_LIMIT_ENABLED", "on: writes are rate-limited at the door"),
            entry("LADDER_RATE_LIMIT_WRITES_BURST", "the README's limits (\"Using the API from a script\")"),
            entry("LADDER_RATE_LIMIT_WRITES_PER_MINUTE", "the README's limits"),
            entry("LADDER_RATE_LIMIT_PROVISIONING_BURST", "the README's limits"),
            entry("LADDER_RATE_LIMIT_PROVISIONING_PER_MINUTE", "the README's limits"),
            entry("LADDER_RATE_LIMIT_ANONYMOUS_BURST", "the README's limits"),
            entry("LADDER_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "the README's limits"),
            entry("LADDER_SESSION_TIMEOUT", "30 min idle, as Keycloak's SSO session idle"),
            entry("LADDER_TRACE_SAMPLING", "1.0: every trace kept; lower it where traffic is heavy (README \"Traces\")"),
            entry("LADDER_OTLP_TRACES_ENDPOINT", "unset, no export: these manifests run no trace collector; set it to "
                    + "yours (README \"Traces\")"));

    private Variables() {
    }

    /** Exactly the {@code LADDER_*} variables a deployment of the service sets. */
    static Set<String> setFor(LadderService service) {
        Set<String> set = new TreeSet<>(service.variables());
        set.remove(service.portVariable());
        set.removeAll(LEFT_AT_DEFAULT.keySet());
        return set;
    }
}
