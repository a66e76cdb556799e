package dev.ladder.e2e;

import dev.ladder.devstack.Platform;
import dev.ladder.devstack.PlatformConfig;
import dev.ladder.keycloak.DemoUsers.DemoUser;
import dev.ladder.keycloak.TokenClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One platform for the whole test run, started exactly as the devstack starts it (same launcher, same jars), on
 * free ports and a fresh data directory so it can run beside a developer's own devstack.
 */
final class RunningPlatform {

    private static Platform platform;

    static synchronized Platform get() {
        if (platform == null) {
            try {
                Path home = Files.createTempDirectory("ladder-e2e-");
                platform = Platform.start(PlatformConfig.builder()
                        .home(home)
                        .anyFreePorts()
                        .demoData(true)
                        .progress(line -> System.out.println("[e2e platform] " + line))
                        .build());
                System.out.printf("[e2e platform] ready in %d s, %d MiB RSS, logs in %s%n",
                        platform.startupTime().toSeconds(), platform.rssBytes() >> 20, platform.config().logDir());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return platform;
    }

    static String token(DemoUser user) {
        return new TokenClient(get().issuerUri()).accessToken(user);
    }

    private RunningPlatform() {
    }
}
