package dev.ladder.catalog.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ETags of the published catalog's read views. Published versions never change, so a tag is derived from version
 * numbers alone and a revalidation costs one small query instead of loading and serialising the snapshot.
 */
public final class CatalogETags {

    /** Bump when the JSON shape of the responses changes, so clients do not revalidate into an old shape. */
    static final String REPRESENTATION = "r2";

    private CatalogETags() {
    }

    /** A whole published version of a track. */
    static String track(String trackId, int version) {
        return quoted(REPRESENTATION + "-" + trackId + "-v" + version);
    }

    /** A part of a published version of a track (its levels, skills…), named by {@code view}. */
    static String trackView(String trackId, int version, String view) {
        return quoted(REPRESENTATION + "-" + trackId + "-v" + version + "-" + Integer.toHexString(view.hashCode()));
    }

    /** A list view changes exactly when some track gets a new version (or a new track is published). */
    public static String tracks(String view, List<TrackRelease.Summary> tracks) {
        String versions = tracks.stream().map(t -> t.id() + ":" + t.latestVersion())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(versions.getBytes(StandardCharsets.UTF_8));
            return quoted(REPRESENTATION + "-" + view + "-" + HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A short digest of any text, usable inside an ETag (letters and digits only). */
    public static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String quoted(String tag) {
        return "\"" + tag + "\"";
    }
}
