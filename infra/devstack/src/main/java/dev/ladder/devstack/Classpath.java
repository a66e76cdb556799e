package dev.ladder.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classpath the Kafka broker process runs on: this module's classes plus the runtime classpath Maven wrote to
 * {@code infra/devstack/target/classpath.txt}. Taken from the file rather than from {@code java.class.path} so
 * that a caller with another classpath (a surefire fork in infra/e2e) still launches a broker with exactly the
 * Kafka and logging jars this module was built against.
 */
final class Classpath {

    private Classpath() {
    }

    static String forKafka(Path repoRoot) {
        Path target = repoRoot.resolve("infra/devstack/target");
        Path file = target.resolve("classpath.txt");
        if (Files.isRegularFile(file)) {
            try {
                return target.resolve("classes") + File.pathSeparator + Files.readString(file).trim();
            } catch (IOException e) {
                throw new PlatformException("Could not read " + file + ": " + e.getMessage(), e);
            }
        }
        return System.getProperty("java.class.path");
    }
}
