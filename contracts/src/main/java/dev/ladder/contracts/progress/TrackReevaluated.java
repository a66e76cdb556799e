package dev.ladder.contracts.progress;

import dev.ladder.contracts.LadderEvent;
import dev.ladder.contracts.Require;

import java.time.Instant;

/**
 * A newly published catalog version was applied: everyone on the track was evaluated against it again, once.
 * {@code reevaluationId} is deterministic ({@code <trackId>:v<version>}), so a replay never announces the same
 * release twice. {@code advanced} and {@code lowered} count the people whose level went up or down compared with
 * where they stood before; {@code publishedBy} is the sign-in subject of the admin who published the version (null
 * when not known: the seed import, or a version published before catalog releases named their publisher).
 */
public record TrackReevaluated(
        String reevaluationId,
        String trackId,
        String trackName,
        int version,
        int evaluated,
        int advanced,
        int lowered,
        String publishedBy,
        Instant occurredAt) implements LadderEvent {

    public TrackReevaluated {
        Require.text(reevaluationId, "reevaluationId");
        Require.text(trackId, "trackId");
        Require.text(trackName, "trackName");
        Require.range(version, 1, Integer.MAX_VALUE, "version");
        Require.range(evaluated, 0, Integer.MAX_VALUE, "evaluated");
        Require.range(advanced, 0, Integer.MAX_VALUE, "advanced");
        Require.range(lowered, 0, Integer.MAX_VALUE, "lowered");
        if (publishedBy != null) {
            Require.text(publishedBy, "publishedBy");
        }
        Require.present(occurredAt, "occurredAt");
    }

    /** The id of the re-evaluation of a track's version: one per version, ever. */
    public static String idOf(String trackId, int version) {
        return trackId + ":v" + version;
    }
}
