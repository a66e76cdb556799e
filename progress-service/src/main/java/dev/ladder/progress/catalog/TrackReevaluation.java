package dev.ladder.progress.catalog;

/**
 * What applying a release needs from whoever evaluates employees (readiness implements it): everyone on the track
 * judged by its newest version again, inside the release's transaction and under the exclusive catalog lock the
 * release holds, so the version and the re-evaluation commit together or not at all. Declared here so that the
 * catalog copy does not depend on readiness, which reads it.
 */
public interface TrackReevaluation {

    /** @return how many people were evaluated, and how many of them the new rules moved up or down a level */
    Outcome reevaluateTrack(String trackId);

    /**
     * {@code advanced} and {@code lowered} count people whose current level's rank went up or down compared with
     * the projection stored for them on this track before; someone evaluated on the track for the first time moved
     * nowhere.
     */
    record Outcome(int evaluated, int advanced, int lowered) {
    }
}
