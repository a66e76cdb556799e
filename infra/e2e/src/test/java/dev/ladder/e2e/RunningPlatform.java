package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.PlatformConfig;
import dev.ladder.e2e.Gateway.Reply;
import dev.ladder.keycloak.DemoUsers;
import dev.ladder.keycloak.KeycloakServer;
import dev.ladder.keycloak.SharedKeycloak;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.KeycloakAdmin;
import dev.ladder.keycloak.TokenClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.ladder.keycloak.DemoUsers.ADA;
import static dev.ladder.keycloak.DemoUsers.ALICE;
import static dev.ladder.keycloak.DemoUsers.BOB;
import static dev.ladder.keycloak.DemoUsers.MARK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One platform for the whole test run, started exactly as the devstack starts it (same launcher, same jars), on
 * free ports and a fresh data directory so it can run beside a developer's own devstack — with one shortcut: its
 * Keycloak is the one the build's test JVMs share ({@link SharedKeycloak}, the same realm, an in-memory database)
 * instead of a fresh one with a file database, which would cost the run another Keycloak start (half a minute of
 * both cores, the platform's longest step).
 */
final class RunningPlatform {

    private static final Duration APPLIED = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(500);
    /** An outside producer the platform is configured to accept achievements from (a credential issuer). */
    static final String EC_COUNCIL = "/issuers/ec-council";
    private static Platform platform;
    /** Held for the JVM's life: the shared Keycloak stays up while the platform's services use it. */
    private static SharedKeycloak.Lease keycloak;
    private static boolean demoOrganisationApplied;
    private static Exception failedToStart;

    static synchronized Platform get() {
        if (failedToStart != null) {
            // one start per run: every later class fails at once with the first cause instead of trying again
            throw new IllegalStateException("the e2e platform failed to start earlier in this run", failedToStart);
        }
        if (platform == null) {
            try {
                Path home = Files.createTempDirectory("ladder-e2e-");
                keycloak = SharedKeycloak.lease(Path.of(System.getProperty("java.io.tmpdir"),
                        "ladder-test-keycloak-" + KeycloakServer.VERSION));
                platform = Platform.start(PlatformConfig.builder()
                        .home(home)
                        .anyFreePorts()
                        .externalKeycloak(keycloak.baseUrl())
                        .demoData(true)
                        // the devstack's demo LMS, and the credential issuer CatalogAdminInChromiumTest plays
                        .env("LADDER_EXTERNAL_PRODUCERS", Platform.DEMO_EXTERNAL_PRODUCERS + "," + EC_COUNCIL)
                        // the whole-platform tests write far faster than any person (ApiFuzzTest and
                        // AuthorizationMatrixTest send thousands of requests as a handful of users): the gateway's
                        // per-caller write limits stay on, but out of their way; the gateway module tests the limits
                        .env("LADDER_RATE_LIMIT_WRITES_BURST", "100000")
                        .env("LADDER_RATE_LIMIT_WRITES_PER_MINUTE", "100000")
                        .env("LADDER_RATE_LIMIT_PROVISIONING_BURST", "100000")
                        .env("LADDER_RATE_LIMIT_PROVISIONING_PER_MINUTE", "100000")
                        .env("LADDER_RATE_LIMIT_ANONYMOUS_BURST", "100000")
                        .env("LADDER_RATE_LIMIT_ANONYMOUS_PER_MINUTE", "100000")
                        .progress(line -> System.out.println("[e2e platform] " + line))
                        .build());
                System.out.printf("[e2e platform] ready in %d s, %d MiB RSS, logs in %s%n",
                        platform.startupTime().toSeconds(), platform.rssBytes() >> 20, platform.config().logDir());
            } catch (IOException e) {
                failedToStart = e;
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                failedToStart = e;
                throw e;
            }
        }
        return platform;
    }

    /**
     * A new colleague's sign-in account, created as the identity team creates one (Keycloak's admin API): username
     * {@code <name>-<suffix>} (tests pass a random suffix, so they can run again on the same Keycloak), e-mail
     * {@code <username>@ladder.local}, password {@code pw-<username>}, these realm roles.
     */
    static DemoUser newAccount(String name, String suffix, String firstName, String lastName, Set<String> roles) {
        String username = name + "-" + suffix;
        String password = "pw-" + username;
        String id = get().keycloakAdmin().createAccount(new KeycloakAdmin.NewAccount(username,
                username + "@ladder.local", firstName, lastName, password, List.copyOf(roles)));
        return new DemoUser(id, username, password, firstName, lastName, roles);
    }

    static String token(DemoUser user) {
        return new TokenClient(get().issuerUri()).accessToken(user);
    }

    /**
     * The platform once the services have consumed what it publishes at start-up — the seed catalog (catalog-service)
     * and the demo organisation (profile-service), both through outboxes and Kafka, so some time after every service
     * reported ready. Until then a manager reading a report gets a 403, a recorded certification a 422, and
     * readiness ignores years of experience. Waits for exactly the state the tests build on, once per run:
     * <ul>
     * <li>profile-service knows the seed catalog's certifications (it validates a recording against its own copy);
     * </li>
     * <li>progress-service knows the seed catalog and that alice and bob are in mark's team: mark's team dashboard
     * lists them with their readiness;</li>
     * <li>progress-service has every demo person's profile: each one's experience requirement is judged from a known
     * start date.</li>
     * </ul>
     */
    static synchronized Platform awaitDemoOrganisationApplied() {
        Platform running = get();
        if (demoOrganisationApplied) {
            return running;
        }
        Gateway gateway = new Gateway(running.gatewayUrl());
        String alice = token(ALICE);
        String mark = token(MARK);
        String ada = token(ADA);
        await("profile-service knows the seed catalog").atMost(APPLIED).pollInterval(POLL).untilAsserted(() -> {
            // refused for its dates alone once the certification is known (422, nothing stored either way)
            Reply probe = gateway.post("/api/profiles/me/certifications", alice, """
                    {"certificationId":"comptia-security-plus","credentialId":"E2E-CATALOG-PROBE",
                     "issuedOn":"2026-01-15","expiresOn":"2025-01-15"}""");
            assertThat(probe.status()).as(probe.toString()).isEqualTo(422);
            assertThat(probe.json().path("errors").findValuesAsString("field")).as(probe.toString())
                    .containsExactly("expiresOn");
        });
        await("progress-service knows mark's team").atMost(APPLIED).pollInterval(POLL).untilAsserted(() -> {
            Reply teams = gateway.get("/api/progress/teams/mine?size=200", mark);
            assertThat(teams.status()).as(teams.toString()).isEqualTo(200);
            List<String> members = new ArrayList<>();
            teams.json().path("items")
                    .forEach(team -> members.addAll(team.path("members").findValuesAsString("employeeId")));
            assertThat(members).as(teams.toString()).contains(ALICE.id(), BOB.id());
        });
        for (DemoUser person : DemoUsers.ALL) {
            await("progress-service has " + person.username() + "'s profile").atMost(APPLIED).pollInterval(POLL)
                    .untilAsserted(() -> {
                        Reply progress = gateway.get("/api/progress/employees/" + person.id(), ada);
                        assertThat(progress.status()).as(progress.toString()).isEqualTo(200);
                        List<String> experience = new ArrayList<>();
                        progress.json().path("groups").forEach(group -> group.path("items").forEach(item -> {
                            if ("EXPERIENCE".equals(item.path("type").asString())) {
                                experience.add(item.path("detail").asString());
                            }
                        }));
                        assertThat(experience).as(progress.toString()).isNotEmpty()
                                .allSatisfy(detail -> assertThat(detail).contains(" since "));
                    });
        }
        demoOrganisationApplied = true;
        return running;
    }

    private RunningPlatform() {
    }
}
