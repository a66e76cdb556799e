package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.e2e.HostileRequests.Mutated;
import dev.ladder.e2e.MatrixOrganisation.Answer;
import dev.ladder.e2e.MatrixOrganisation.Call;
import dev.ladder.e2e.MatrixOrganisation.Caller;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fuzzer on the running platform: requests generated from every operation of the services' OpenAPI documents —
 * valid requests ({@link MatrixRequests}) turned hostile by {@link HostileRequests} — sent through the gateway and
 * straight at the services as a caller who may call the operation (sometimes as one who may not). It promises:
 * <ul>
 * <li>no answer is a 5xx, and every request is answered (no reset connection, no time-out) — except that a service
 * (not the gateway) may close the connection on a request line over its 8 KB header limit;</li>
 * <li>nothing a refused request carried is stored: every string the fuzzer makes up carries a marker naming its
 * request, and afterwards every table of every service database is searched for the markers — each one found must
 * belong to a request that was accepted (2xx).</li>
 * </ul>
 * The build runs {@value #BUILD_REQUESTS} requests; more on demand, e.g.
 * {@code ./mvnw -pl infra/e2e -am verify -Dtest=ApiFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dladder.fuzz.requests=20000 -Dladder.fuzz.seed=42}. On the shared test platform, writes that only an admin or the
 * HR system may make are sent with bodies no server accepts (the catalog and the organisation that later tests show
 * stay clean); {@code -Dladder.fuzz.all-writes=true} lifts that.
 */
class ApiFuzzTest {

    static final int BUILD_REQUESTS = 2_500;
    private static final int REQUESTS = Integer.getInteger("ladder.fuzz.requests", BUILD_REQUESTS);
    /**
     * The build's run is the same every time (a regression fails it, never the luck of the draw); other seeds find
     * other things: {@code -Dladder.fuzz.seed=<n>}, or {@code random}.
     */
    private static final long SEED = seed(System.getProperty("ladder.fuzz.seed", "20261201"));
    /** Tomcat's default limit on a request's line and headers, in the services. */
    private static final int SERVICE_HEADER_LIMIT = 8 * 1024;
    /** Reactor Netty's default limit on a request line, at the gateway. */
    private static final int GATEWAY_LINE_LIMIT = 4 * 1024;
    private static final boolean ALL_WRITES = Boolean.getBoolean("ladder.fuzz.all-writes");
    /** Who may call an operation, in the order a fuzzer prefers them (the first the matrix allows). */
    private static final List<Caller> PREFERRED = List.of(Caller.SELF, Caller.MANAGER, Caller.ADMIN, Caller.PROVISIONER,
            Caller.ANONYMOUS);

    @Test
    void hostileRequestsAreRefusedCleanlyAndStoreNothing() {
        Platform platform = RunningPlatform.awaitDemoOrganisationApplied();
        MatrixOrganisation organisation = MatrixOrganisation.shared(platform);
        Map<String, PlatformOpenApi.Operation> operations = PlatformOpenApi.read(platform);
        Map<String, Map<Caller, String>> table = AuthorizationMatrixTest.table();
        String run = HexFormat.of().toHexDigits(new Random(SEED).nextInt());
        HostileRequests hostile = new HostileRequests(new Random(SEED), run);
        Random choice = new Random(SEED + 1);

        // a valid request for each operation, as a caller who may make it
        List<String> keys = new ArrayList<>(operations.keySet());
        keys.removeIf(key -> key.endsWith("/stream")); // a live stream has no request to break, only a wait
        Map<String, Caller> callers = new HashMap<>();
        Map<String, Call> bases = new HashMap<>();
        for (String key : keys) {
            Caller allowed = PREFERRED.stream().filter(c -> table.get(key).get(c).startsWith("2")).findFirst()
                    .orElse(Caller.SELF);
            callers.put(key, allowed);
            bases.put(key, MatrixRequests.REQUESTS.get(key).apply(organisation, allowed));
        }

        Set<Integer> accepted = new TreeSet<>();
        // the control: an accepted request stores a marked value, which the search afterwards must find
        int control = REQUESTS;
        Answer controlStored = organisation.send(platform.gatewayUrl(), Caller.SELF, MatrixRequests.post(
                "/api/profiles/me/experience", "{\"startedOn\":\"2018-01-01\",\"description\":\""
                        + hostile.marker(control) + "\"}"));
        assertThat(controlStored.status()).as(controlStored.toString()).isEqualTo(201);
        accepted.add(control);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Instant start = Instant.now();
        for (int n = 0; n < REQUESTS; n++) {
            String key = keys.get(choice.nextInt(keys.size()));
            PlatformOpenApi.Operation operation = operations.get(key);
            Caller caller = choice.nextInt(10) == 0 ? Caller.values()[choice.nextInt(Caller.values().length)]
                    : callers.get(key);
            boolean privileged = (caller == Caller.ADMIN || caller == Caller.PROVISIONER)
                    && !operation.method().equals("GET");
            Mutated request = hostile.mutate(n, operation.path(), bases.get(key), operation.parameters(),
                    privileged && !ALL_WRITES);
            String base = choice.nextBoolean() ? platform.gatewayUrl() : platform.url(operation.service());
            int status;
            try {
                Answer answer = organisation.send(base, caller, request.call());
                status = answer.status();
                if (status >= 500) {
                    failures.add("#" + n + " " + key + " as " + caller.label + " at " + base + " " + request.mutations()
                            + ": " + answer);
                }
            } catch (UncheckedIOException e) {
                status = -1;
                boolean gateway = base.equals(platform.gatewayUrl());
                boolean withBody = request.call().body() != null && request.call().body().length > 0;
                if (request.call().path().length() > (gateway ? GATEWAY_LINE_LIMIT : SERVICE_HEADER_LIMIT)
                        && (!gateway || withBody)) {
                    // a service's Tomcat refuses a request line over its 8 KB header limit with a 400, the gateway's
                    // Netty one over 4 KB with a 414, and both close the connection; when a body is still being
                    // sent, the close (a TCP reset: unread bytes) can reach the client before the answer. Without
                    // a body the gateway's 414 must arrive (and a 5xx never passes)
                    statuses.merge(status, 1, Integer::sum);
                    continue;
                }
                failures.add("#" + n + " " + key + " as " + caller.label + " at " + base + " " + request.mutations()
                        + ": no answer (" + e.getCause() + ")");
            }
            statuses.merge(status, 1, Integer::sum);
            if (status >= 200 && status < 300) {
                accepted.add(n);
            }
        }
        Duration took = Duration.between(start, Instant.now());

        Map<Integer, String> stored = storedMarkers(platform, hostile);
        assertThat(stored).as("the control value, found by the search").containsKey(control);
        Map<Integer, String> storedByRefused = new TreeMap<>(stored);
        storedByRefused.keySet().removeAll(accepted);
        System.out.printf("[fuzz] %d requests (seed %d) in %d s over %d operations: statuses %s; %d requests' values "
                        + "stored, all by accepted requests: %s%n", REQUESTS, SEED, took.toSeconds(), keys.size(),
                statuses, stored.size() - 1, storedByRefused.isEmpty());
        assertThat(failures).as("requests answered with a 5xx or not at all (seed " + SEED + ")").isEmpty();
        assertThat(storedByRefused).as("rows holding a value of a request that was refused (seed " + SEED + ")")
                .isEmpty();
    }

    private static long seed(String value) {
        return value.equals("random") ? System.nanoTime() : Long.parseLong(value);
    }

    /** Request number → a row holding its marker, from every table of every service database. */
    private static Map<Integer, String> storedMarkers(Platform platform, HostileRequests hostile) {
        Map<Integer, String> found = new TreeMap<>();
        String like = hostile.marker(0).replace("r0x", "r");
        for (Service service : Service.values()) {
            if (service.database().isEmpty()) {
                continue;
            }
            String database = service.database().get();
            try (Connection db = DriverManager.getConnection(platform.jdbcUrl(database), platform.dbUser(),
                    platform.dbPassword()); Statement sql = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables "
                        + "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    try (ResultSet rs = sql.executeQuery("SELECT t::text FROM \"" + table + "\" t WHERE t::text LIKE '%"
                            + like + "%'")) {
                        while (rs.next()) {
                            Matcher marker = hostile.markers().matcher(rs.getString(1));
                            while (marker.find()) {
                                found.putIfAbsent(Integer.parseInt(marker.group(1)), database + "." + table);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot search " + database, e);
            }
        }
        return found;
    }
}
