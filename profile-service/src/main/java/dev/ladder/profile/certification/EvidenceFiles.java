package dev.ladder.profile.certification;

import java.util.Optional;

/**
 * The evidence rules: PDF, PNG or JPEG as the content's first bytes say (never the declared type or the name), at
 * most {@link #MAX_BYTES}; a stored name has no path and only harmless characters.
 */
final class EvidenceFiles {

    /** 5 MB, as {@code spring.servlet.multipart.max-file-size: 5MB} counts it. */
    static final long MAX_BYTES = 5L * 1024 * 1024;

    static final String PDF = "application/pdf";
    static final String PNG = "image/png";
    static final String JPEG = "image/jpeg";

    private static final byte[] PDF_MAGIC = {'%', 'P', 'D', 'F', '-'};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    /** The type the content is, from its magic bytes; empty when it is none of the accepted ones. */
    static Optional<String> detect(byte[] content) {
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        return Optional.empty();
    }

    /** The original name without any path, control or unusual characters, at most 255 chars; never empty. */
    static String sanitize(String original, String contentType) {
        String name = original == null ? "" : original;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[^A-Za-z0-9._ ()-]", "_").strip();
        while (name.startsWith(".")) {
            name = name.substring(1);
        }
        if (name.length() > 255) {
            name = name.substring(name.length() - 255);
        }
        return name.isEmpty() ? "evidence" + extension(contentType) : name;
    }

    static String extension(String contentType) {
        return switch (contentType) {
            case PDF -> ".pdf";
            case PNG -> ".png";
            default -> ".jpg";
        };
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private EvidenceFiles() {
    }
}
