package dev.ladder.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @TempDir
    Path dir;

    @Test
    void aFailureTailKeepsTheMessagesAndDropsTheStackFrames() throws Exception {
        Path log = Files.writeString(dir.resolve("x.log"), """
                starting
                APPLICATION FAILED TO START
                Caused by: java.net.ConnectException: Connection refused
                \tat sun.nio.ch.Net.pollConnect(Native Method)
                \t... 55 common frames omitted
                \t... 3 more
                done
                """);

        assertThat(LogTail.withoutStackFrames(log, 3).lines())
                .containsExactly("APPLICATION FAILED TO START", "Caused by: java.net.ConnectException: Connection refused",
                        "done");
        assertThat(LogTail.of(log, 2).lines()).containsExactly("\t... 3 more", "done");
        assertThat(LogTail.of(dir.resolve("missing.log"), 5)).startsWith("(no log at ");
    }
}
