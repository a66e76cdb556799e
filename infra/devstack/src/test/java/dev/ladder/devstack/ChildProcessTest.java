package dev.ladder.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

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
        awaitUntil(() -> shell.tree().size() > 1); // the sleep has started

        List<ProcessHandle> tree = shell.tree();
        shell.kill();

        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(shell.exitCode()).isEqualTo(128 + 9); // killed by signal 9
        assertThat(unexpected).isNotDone();
    }

    /** Polls every 20 ms, for at most 10 s. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
