package dev.ladder.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A process the platform started, with its output in a log file, stopped together with its descendants. */
final class ChildProcess implements AutoCloseable {

    private static final long GRACE_SECONDS = 30;

    private final String name;
    private final Process process;
    private final Path logFile;
    private volatile boolean stopping;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * @param append keep what an earlier run of the same process wrote (restarts); otherwise start a fresh log
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
                              Path logFile, boolean append) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                            : ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(env);
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new PlatformException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** The JVM running the launcher: the same java starts every child process. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /** Completes when the process exits, unless it was asked to stop (so only surprises are reported). */
    CompletableFuture<Integer> unexpectedExit() {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                result.complete(p.exitValue());
            }
        });
        return result;
    }

    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    String logTail(int lines) {
        return LogTail.withoutStackFrames(logFile, lines);
    }

    /**
     * SIGKILL to the whole tree at once, as a crash or an OOM killer would end it (no shutdown hooks, no graceful
     * close of connections or transactions); returns once every process of it has exited. Not reported as an
     * unexpected exit.
     */
    void kill() {
        stopping = true;
        List<ProcessHandle> tree = tree();
        // the process first: it must not see its children die and exit by itself before its own SIGKILL lands
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.forEach(handle -> handle.onExit().join());
    }

    /** The process and its descendants, children first. */
    List<ProcessHandle> tree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    /** SIGTERM to the whole tree (a JVM shuts down gracefully on it), SIGKILL whatever is left after the grace. */
    @Override
    public void close() {
        stopping = true;
        List<ProcessHandle> tree = tree();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (ProcessHandle handle : tree) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
        tree.forEach(handle -> {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        });
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
