package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.Service;
import dev.ladder.e2e.MatrixOrganisation.Call;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every door, every caller, one table. The operations are read from each service's own OpenAPI document and the
 * gateway's routes from its configuration, so an endpoint added tomorrow fails this test until the table in
 * {@code src/test/resources/authorization-matrix.md} says who may call it. Each operation is driven through the
 * gateway and straight at its service, as: nobody (no token); the employee whose data it is; another employee (of
 * another team); the employee's manager; a manager of another team; an admin; and the HR system's provisioning
 * client. A cell holds the status expected at both doors, or {@code gateway/service} when they differ.
 * <p>
 * Requests are real: ids of objects that exist and belong to the employee, bodies a client would send (fresh objects
 * for each call that changes or removes one, see {@link MatrixOrganisation}). Where a caller is refused an object
 * (403 or 404), the same request naming an object that does not exist must get the same answer, so refusals do not
 * tell which ids exist.
 */
class AuthorizationMatrixTest {

    private static final String TABLE = "authorization-matrix.md";
    private static final Pattern ROUTE = Pattern.compile("Path=(/[^\"\\]*,]*)/\\*\\*");

    private static Platform platform;
    private static MatrixOrganisation organisation;
    /** Every operation of the services, "METHOD /path/{var}", from their OpenAPI documents. */
    private static Map<String, Service> operations;

    @BeforeAll
    static void platform() {
        platform = RunningPlatform.awaitDemoOrganisationApplied();
        organisation = MatrixOrganisation.shared(platform);
        operations = new LinkedHashMap<>();
        PlatformOpenApi.read(platform).forEach((key, op) -> operations.put(key, op.service()));
    }

    @Test
    void theTableCoversEveryOperationAndEveryGatewayRouteExactly() {
        Map<String, Map<MatrixOrganisation.Caller, String>> table = table();
        Set<String> missing = new TreeSet<>(operations.keySet());
        missing.removeAll(table.keySet());
        assertThat(missing).as("operations in the services' OpenAPI documents that the table does not list "
                + "(add a row: who may call them?)").isEmpty();
        Set<String> stale = new TreeSet<>(table.keySet());
        stale.removeAll(operations.keySet());
        stale.removeIf(MatrixRequests::gatewayOwn);
        assertThat(stale).as("rows of the table that no service has (any more)").isEmpty();
        assertThat(MatrixRequests.REQUESTS.keySet()).as("every operation has a request to send")
                .containsAll(table.keySet());

        List<String> routes = gatewayRoutes();
        assertThat(routes).as("the gateway's routes").isNotEmpty();
        for (String route : routes) {
            assertThat(operations.keySet()).as("operations behind the gateway route " + route)
                    .anyMatch(op -> path(op).startsWith(route + "/"));
        }
        for (String op : operations.keySet()) {
            assertThat(routes).as(op + " is reachable through a gateway route").anyMatch(r -> path(op).startsWith(r + "/"));
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheTableSaysAtBothDoors() {
        Map<String, Map<MatrixOrganisation.Caller, String>> table = table();
        Map<String, Map<MatrixOrganisation.Caller, String>> observed = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (var row : table.entrySet()) {
            String op = row.getKey();
            Service service = MatrixRequests.gatewayOwn(op) ? Service.GATEWAY : operations.get(op);
            Map<MatrixOrganisation.Caller, String> cells = new EnumMap<>(MatrixOrganisation.Caller.class);
            for (MatrixOrganisation.Caller caller : MatrixOrganisation.Caller.values()) {
                String cell;
                try {
                    int atGateway = drive(op, caller, platform.gatewayUrl(), wrong);
                    int atService = service == Service.GATEWAY ? atGateway
                            : drive(op, caller, platform.url(service), wrong);
                    cell = atGateway == atService ? Integer.toString(atGateway) : atGateway + "/" + atService;
                } catch (RuntimeException | AssertionError e) {
                    // the request could not be prepared or sent: the row is wrong, the others are still worth seeing
                    cell = "error";
                    wrong.add(op + " as " + caller.label + ": " + e);
                }
                cells.put(caller, cell);
                String expected = row.getValue().get(caller);
                if (!cell.equals(expected)) {
                    wrong.add(op + " as " + caller.label + ": expected " + expected + ", got " + cell);
                }
            }
            observed.put(op, cells);
        }
        assertThat(wrong).as("answers that differ from " + TABLE + "; what the platform answered:\n"
                + render(observed)).isEmpty();
    }

    /**
     * Sends the operation's request as the caller; where the answer refuses somebody else's object (403, 404), sends
     * it again for objects that do not exist and records any difference.
     */
    private static int drive(String op, MatrixOrganisation.Caller caller, String base, List<String> wrong) {
        Call call = MatrixRequests.REQUESTS.get(op).apply(organisation, caller);
        MatrixOrganisation.Answer reply = organisation.send(base, caller, call);
        // the employee may well be told why they may not act on their own object (they know it exists)
        if ((reply.status() == 403 || reply.status() == 404) && caller != MatrixOrganisation.Caller.SELF
                && !call.unknown().equals(call)) {
            MatrixOrganisation.Answer unknown = organisation.send(base, caller, call.unknown());
            if (unknown.status() != reply.status()
                    || !MatrixOrganisation.withoutIds(unknown.body(), call)
                    .equals(MatrixOrganisation.withoutIds(reply.body(), call))) {
                wrong.add(op + " as " + caller.label + " at " + base + ": a real object answers " + reply
                        + " but an unknown one " + unknown);
            }
        }
        if (reply.status() >= 500) {
            wrong.add(op + " as " + caller.label + " at " + base + ": " + reply);
        }
        return reply.status();
    }

    // ---- the table ------------------------------------------------------------------------------------------------

    /** The rows of the table: operation → expected cell per caller, in the table's order. */
    static Map<String, Map<MatrixOrganisation.Caller, String>> table() {
        Map<String, Map<MatrixOrganisation.Caller, String>> rows = new LinkedHashMap<>();
        for (String line : resource(TABLE).lines().toList()) {
            if (!line.startsWith("| ") || line.startsWith("| operation") || line.startsWith("|--")) {
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|");
            String op = cells[0].strip().replace("`", "");
            assertThat(cells).as("row " + line).hasSize(MatrixOrganisation.Caller.values().length + 1);
            Map<MatrixOrganisation.Caller, String> expected = new EnumMap<>(MatrixOrganisation.Caller.class);
            for (MatrixOrganisation.Caller caller : MatrixOrganisation.Caller.values()) {
                expected.put(caller, cells[caller.ordinal() + 1].strip());
            }
            assertThat(rows.put(op, expected)).as("row " + op + " is listed once").isNull();
        }
        return rows;
    }

    /** The observed answers in the table's own format, for a reader to compare or to update the table from. */
    private static String render(Map<String, Map<MatrixOrganisation.Caller, String>> observed) {
        StringBuilder out = new StringBuilder();
        for (var row : observed.entrySet()) {
            out.append("| `").append(row.getKey()).append("` |");
            for (MatrixOrganisation.Caller caller : MatrixOrganisation.Caller.values()) {
                out.append(' ').append(row.getValue().get(caller)).append(" |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    // ---- what the platform says it has ----------------------------------------------------------------------------

    /** The path prefixes the gateway routes to services, from its configuration as packaged. */
    private static List<String> gatewayRoutes() {
        Set<String> routes = new LinkedHashSet<>();
        try {
            for (URL url : Collections.list(AuthorizationMatrixTest.class.getClassLoader()
                    .getResources("application.yml"))) {
                String yaml;
                try (InputStream in = url.openStream()) {
                    yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (!yaml.contains("application.name: gateway")) {
                    continue;
                }
                Matcher route = ROUTE.matcher(yaml);
                while (route.find()) {
                    routes.add(route.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(routes);
    }

    private static String path(String op) {
        return op.substring(op.indexOf(' ') + 1);
    }

    private static String resource(String name) {
        try (InputStream in = AuthorizationMatrixTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
