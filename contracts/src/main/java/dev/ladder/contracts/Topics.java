package dev.ladder.contracts;

/** Every Kafka topic Ladder uses. Records are keyed by the aggregate id so one aggregate's events stay ordered. */
public final class Topics {

    /** Published catalog versions, keyed by track id. */
    public static final String CATALOG_RELEASES = "ladder.catalog.releases.v1";
    /** Employee, team and manager changes, and erasures, keyed by employee id. */
    public static final String EMPLOYEES = "ladder.profile.employees.v1";
    /** Achievements, keyed by employee id. A public contract: LMS and credential issuers may produce here. */
    public static final String ACHIEVEMENTS = "ladder.achievements.v1";
    /**
     * Milestones reached, keyed by employee id; and tracks re-evaluated after a catalog release, keyed by track id.
     */
    public static final String MILESTONES = "ladder.progress.milestones.v1";

    /**
     * Whether a topic keeps its records for ever. Catalog releases do: they are few, and a consumer that starts
     * from an empty database (a new service, a rebuilt projection) must be able to read every version.
     */
    public static boolean retainedForever(String topic) {
        return CATALOG_RELEASES.equals(topic);
    }

    /** Spring Kafka's default dead-letter naming, used by the shared error handler. */
    public static String deadLetter(String topic) {
        return topic + "-dlt";
    }

    private Topics() {
    }
}
