package dev.ladder.keycloak;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one Keycloak home, among the threads of this JVM and among JVMs (parallel Maven forks, the
 * devstack next to a test run). Two locks because a file lock alone does not help within one JVM: the JDK refuses
 * a second lock on the same file there ({@code OverlappingFileLockException}) instead of waiting for it.
 * <p>
 * The lock file lies next to the home, not in it, so it can be taken before the home exists.
 */
final class HomeLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private ReentrantLock inJvm;
    private FileChannel channel;

    private HomeLock(ReentrantLock inJvm, FileChannel channel) {
        this.inJvm = inJvm;
        this.channel = channel;
    }

    /** Blocks until this thread holds the home, in this JVM first, then across JVMs. */
    static HomeLock acquire(Path home) throws IOException {
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(home, h -> new ReentrantLock());
        inJvm.lock();
        FileChannel channel = null;
        try {
            Path lockFile = home.resolveSibling(home.getFileName() + ".lock");
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.lock(); // held until the channel is closed
            return new HomeLock(inJvm, channel);
        }
        catch (IOException | RuntimeException | Error e) {
            new HomeLock(inJvm, channel).release();
            throw e;
        }
    }

    /**
     * Lets others in before the holder is done, e.g. once nothing it still does writes into the home. Idempotent,
     * so the try-with-resources {@link #close()} after it is harmless.
     */
    void release() {
        if (channel != null) {
            try {
                channel.close(); // releases the file lock too
            }
            catch (IOException ignored) {
                // the lock goes with the channel either way
            }
            channel = null;
        }
        if (inJvm != null) {
            inJvm.unlock();
            inJvm = null;
        }
    }

    @Override
    public void close() {
        release();
    }
}
