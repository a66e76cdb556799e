package dev.ladder.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@link ChildProcess#kill()} is the devstack's crash (FaultInjection's kill -9): the whole tree, no grace. */
class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void killEndsTheWholeTreeWithSigkillAndIsNotReportedAsUnexpected() throws Exception {
        // a shell that ignores SIGTERM and has a child: only SIGKILL ends it, and the child must go too
        ChildProcess shell = ChildProcess.start("shell", List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"),
                Map.of(), dir, dir.resolve("shell.log"), false);
        CompletableFuture<Integer> unexpected = shell.unexpectedExit();
        await("the child has started").atMost(Duration.ofSeconds(10)).until(() -> shell.tree().size() > 1);

        List<ProcessHandle> tree = shell.tree();
        shell.kill();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(shell.exitCode()).isEqualTo(128 + 9); // killed by signal 9
        assertThat(unexpected).isNotDone();
    }
}
