package dev.ladder.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** (2) Each service's Dockerfile packages the jar its build produces, on the Java it is built for, not as root. */
class DockerfileTest {

    static List<LadderService> services() {
        return LadderService.all();
    }

    @ParameterizedTest
    @MethodSource("services")
    void packagesTheServicesJarAndExposesItsPort(LadderService service) {
        List<String> instructions = instructions(service);

        assertThat(instructions).contains("FROM eclipse-temurin:" + Repo.rootProperty("java.version") + "-jre");
        assertThat(instructions).anyMatch(i -> i.matches("COPY target/" + Pattern.quote(service.jar()) + " \\S+"));
        assertThat(instructions).containsOnlyOnce("EXPOSE " + service.port());
        assertThat(user(service)).as("a user other than root").isPositive();
        // the build context is the module directory: only the jar goes in (and the build does not see target/*)
        assertThat(Repo.read(service.module() + "/.dockerignore").lines().map(String::trim).toList())
                .containsSubsequence("*", "!target/*-" + service.jar().replaceFirst("^.*-", ""));
    }

    /** The numeric user the image runs as (Kubernetes' runAsNonRoot can only check a number). */
    static int user(LadderService service) {
        Matcher user = Pattern.compile("USER (\\d+)(:\\d+)?").matcher(String.join("\n", instructions(service)));
        return user.find() ? Integer.parseInt(user.group(1)) : -1;
    }

    private static List<String> instructions(LadderService service) {
        return Repo.read(service.module() + "/Dockerfile").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }
}
