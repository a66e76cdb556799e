package dev.ladder.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Start-up steps run side by side, each timed and reported ("Kafka ready on localhost:9092 (4.1 s)"). */
final class Steps {

    /** Own threads: the common pool has a single thread on a two-core machine, which would serialise the starts. */
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "ladder-platform");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<String> progress;

    Steps(Consumer<String> progress) {
        this.progress = progress;
    }

    CompletableFuture<Void> timed(String name, Runnable start, Supplier<String> where) {
        return CompletableFuture.runAsync(() -> {
            long t0 = System.nanoTime();
            try {
                start.run();
            } catch (PlatformException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new PlatformException(name + " did not start: " + e.getMessage(), e);
            }
            progress.accept(name + " ready " + where.get() + " (" + seconds(Duration.ofNanos(System.nanoTime() - t0))
                    + ")");
        }, executor);
    }

    CompletableFuture<Void> async(Runnable task) {
        return CompletableFuture.runAsync(task, executor);
    }

    /**
     * Waits for every step, even after a failure (a server still starting is not yet known to whoever cleans up,
     * and would be left running), then throws the first failure.
     */
    static void awaitAll(List<CompletableFuture<Void>> steps) {
        RuntimeException first = null;
        for (CompletableFuture<Void> step : steps) {
            try {
                step.join();
            } catch (CompletionException e) {
                first = first != null ? first : unwrap(e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Returns when every step succeeded, or throws as soon as one fails. */
    static void awaitUntilFirstFailure(List<CompletableFuture<Void>> steps) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        steps.forEach(step -> step.exceptionally(e -> {
            firstFailure.completeExceptionally(e);
            return null;
        }));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    void shutdown() {
        executor.shutdown();
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new PlatformException(String.valueOf(e.getMessage()), e);
    }
}
