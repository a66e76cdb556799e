package dev.ladder.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** Resident memory of process trees, from /proc (Linux); 0 where /proc is not available. */
final class Memory {

    private Memory() {
    }

    /** Sum of VmRSS over the given processes and all their descendants, each counted once. */
    static long rssBytes(Collection<Long> roots) {
        Set<Long> pids = new LinkedHashSet<>();
        for (long root : roots) {
            ProcessHandle.of(root).ifPresent(handle -> {
                pids.add(handle.pid());
                handle.descendants().forEach(d -> pids.add(d.pid()));
            });
        }
        return pids.stream().mapToLong(Memory::rssBytes).sum();
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process ended meanwhile, or no /proc: it holds no memory we can see
        }
        return 0;
    }

    static String format(long bytes) {
        return bytes >= 1L << 30 ? String.format("%.1f GB", bytes / (double) (1L << 30))
                : String.format("%d MB", bytes >> 20);
    }
}
