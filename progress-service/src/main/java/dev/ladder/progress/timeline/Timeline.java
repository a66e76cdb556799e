package dev.ladder.progress.timeline;

import java.time.LocalDate;
import java.util.List;

/**
 * An employee's readiness and level over a range of days, as the ledger answers "as of" each day: one point on the
 * first day, on every day something happened (an achievement took effect, a certification expired, the track's
 * catalog was released) and on the last day; the value of a point holds until the next one.
 *
 * @param events what moved it, by day (certification recorded, verified, expired, …, skill assessed, experience,
 *               placement, catalog release)
 */
public record Timeline(String employeeId, LocalDate from, LocalDate to, List<Point> points, List<Event> events) {

    /**
     * Where the employee stood on {@code day}: the level held (with its rank, for a step line), the next level and
     * the readiness for it, on the track they were on that day judged by the catalog version in force then.
     */
    public record Point(LocalDate day, String trackId, int catalogVersion, String levelId, String levelName,
                        int levelRank, String nextLevelId, String nextLevelName, int readinessPercent,
                        boolean atRisk) {
    }

    /** @param kind e.g. {@code CERTIFICATION_RECORDED}, {@code CERTIFICATION_EXPIRED}, {@code CATALOG_RELEASED} */
    public record Event(LocalDate day, String kind, String label) {
    }
}
