package dev.ladder.devstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The last lines of a (possibly large) log file, for error messages. */
final class LogTail {

    private static final int MAX_BYTES = 128 * 1024;
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ (more|common frames))");

    private LogTail() {
    }

    /**
     * The last {@code lines} lines that say something: stack frames are left out, so a Spring start-up failure
     * shows its messages and "Caused by" chain rather than forty lines of {@code at ...}.
     */
    static String withoutStackFrames(Path file, int lines) {
        List<String> kept = of(file, 400).lines()
                .filter(line -> !STACK_FRAME.matcher(line).find())
                .toList();
        return String.join(System.lineSeparator(), kept.subList(Math.max(0, kept.size() - lines), kept.size()));
    }

    static String of(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
