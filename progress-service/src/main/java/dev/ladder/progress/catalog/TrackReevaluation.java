package dev.ladder.progress.catalog;

/**
 * What applying a release needs from whoever evaluates employees (readiness implements it): everyone on the track
 * judged by its newest version again, inside the release's transaction and under the exclusive catalog lock the
 * release holds, so the version and the re-evaluation commit together or not at all. Declared here so that the
 * catalog copy does not depend on readiness, which reads it.
 */
public interface TrackReevaluation {

    void reevaluateTrack(String trackId);
}
