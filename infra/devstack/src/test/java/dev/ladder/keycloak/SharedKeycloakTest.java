package dev.ladder.keycloak;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import static dev.ladder.keycloak.DemoUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Keycloak that the build's test JVMs share: a lease finds or starts it, the next lease finds the same server,
 * and the server stops on its own once no lease has been held for the idle time.
 */
class SharedKeycloakTest {

    private static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"),
            "ladder-test-keycloak-" + KeycloakServer.VERSION);
    private static final Duration SHORT_IDLE = Duration.ofSeconds(2);
    private static Path isolatedDir;
    /** A server of this test's own (not the build's), started while the first test runs: this module is on the
     *  build's critical path, so the two starts overlap instead of adding up. */
    private static CompletableFuture<SharedKeycloak.Lease> isolated;

    @BeforeAll
    static void startAnIsolatedServer() throws IOException {
        isolatedDir = Files.createTempDirectory("ladder-shared-keycloak-test-");
        isolated = CompletableFuture.supplyAsync(() -> SharedKeycloak.lease(HOME, isolatedDir, SHORT_IDLE));
    }

    @AfterAll
    static void endTheIsolatedLease() {
        isolated.thenAccept(SharedKeycloak.Lease::close);
    }

    /** The build's own shared server: started here the first time, then used by every module's tests. */
    @Test
    void aLeaseStartsOrFindsTheSharedServerAndTheNextLeaseFindsTheSameOne() {
        long pid;
        String url;
        try (SharedKeycloak.Lease lease = SharedKeycloak.lease(HOME)) {
            pid = lease.pid();
            url = lease.baseUrl();
            assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            // a real server with the ladder realm: alice signs in
            assertThat(new TokenClient(url + "/realms/" + KeycloakServer.REALM).accessToken(ALICE)).isNotBlank();
        }
        try (SharedKeycloak.Lease again = SharedKeycloak.lease(HOME)) {
            assertThat(again.pid()).as("the same server, not a second one").isEqualTo(pid);
            assertThat(again.baseUrl()).isEqualTo(url);
            // a second holder in the same JVM shares the lease (the JDK refuses a second lock on one file)
            try (SharedKeycloak.Lease alsoHere = SharedKeycloak.lease(HOME)) {
                assertThat(alsoHere).isSameAs(again);
            }
            assertThat(new TokenClient(url + "/realms/" + KeycloakServer.REALM).accessToken(ALICE))
                    .as("still leased by the first holder").isNotBlank();
        }
    }

    @Test
    void theServerStopsOnceNoLeaseIsHeldForTheIdleTime() throws IOException {
        Path dir = isolatedDir;
        SharedKeycloak.Lease lease = isolated.join();
        ProcessHandle server = ProcessHandle.of(lease.pid()).orElseThrow();
        ProcessHandle watchdog = ProcessHandle.of(Long.parseLong(description(dir).getProperty("watchdog")))
                .orElseThrow();
        // the watchdog and its server live in a session of their own: a signal to the starting build's process
        // group (Ctrl-C, a time-out) does not stop the server other builds are using
        assertThat(session(watchdog.pid())).as("the watchdog's session").isNotEqualTo(session(ProcessHandle.current()
                .pid()));
        assertThat(session(server.pid())).as("the server's session").isEqualTo(session(watchdog.pid()));
        // held: it stays up well past the idle time
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10))
                .until(() -> server.isAlive() && Files.exists(dir.resolve("server.properties")));

        lease.close();
        await("the server and its watchdog stop").atMost(Duration.ofSeconds(60))
                .until(() -> !server.isAlive() && !watchdog.isAlive());
        assertThat(dir.resolve("server.properties")).as("nobody is told about a stopped server").doesNotExist();
        assertThat(Files.readString(dir.resolve("watchdog.log"))).contains("no lease for 2 s: stopping");
    }

    /** The session id of a process (the sixth field of /proc/PID/stat, after the parenthesised name). */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }

    private static Properties description(Path dir) throws IOException {
        Properties description = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("server.properties"))) {
            description.load(in);
        }
        return description;
    }
}
