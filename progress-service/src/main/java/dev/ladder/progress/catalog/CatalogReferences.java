package dev.ladder.progress.catalog;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.kit.messaging.ConsumerLag;
import dev.ladder.progress.ProgressApplication;
import dev.ladder.progress.ProgressProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the certification or skill an achievement names exists: whether any catalog version progress-service has
 * applied ever named it (in its lists or in a level's requirements). An id no published version ever had is a
 * producer's mistake (a typo, another organisation's slug) or a forgery, and applying it would fill a ledger with
 * entries no rule can ever use.
 * <p>
 * Why "any version ever applied", not "the newest version": achievements are dated and judged by the version in force
 * on their date, and a certification a later version dropped was still earned — its record must be kept. Why
 * "applied here", not "published by catalog-service": this service knows no more than the releases it has read, and
 * releases and achievements travel on different topics, which Kafka does not order against each other. An
 * achievement for a certification that a release still on its way adds (a rebuilt database reading both topics from
 * the start, an LMS sending right after an admin publishes) would then be refused wrongly; so before an id is declared
 * unknown, this waits until the service's releases consumer has caught up with everything published to
 * {@code ladder.catalog.releases.v1} so far ({@code ladder.progress.catalog-wait} at most; if it has not by then, the
 * record fails as a transient error: retried, then dead-lettered with that reason). An id published only after the
 * achievement naming it is refused: the producer sent it too early and may send it again.
 * <p>
 * Known ids never become unknown, so they are kept in memory and the common case costs a set look-up; only a miss
 * reads the database (and asks the broker) again.
 */
@Component
public class CatalogReferences {

    private record Known(Set<String> certifications, Set<String> skills) {
    }

    private final JdbcClient jdbc;
    private final ConsumerLag lag;
    private final ProgressProperties properties;
    private volatile Known known = new Known(Set.of(), Set.of());

    public CatalogReferences(JdbcClient jdbc, ConsumerLag lag, ProgressProperties properties) {
        this.jdbc = jdbc;
        this.lag = lag;
        this.properties = properties;
    }

    /**
     * @return why {@code event} cannot be applied — it names a certification or skill that no catalog version
     * contains — or null (also for events that name neither)
     * @throws IllegalStateException when the releases consumer did not catch up in time: this cannot tell yet
     */
    public String unknownReference(Object event) {
        String certification = certificationOf(event);
        String skill = event instanceof SkillAssessed s ? s.skillId() : null;
        if (certification == null && skill == null || knows(certification, skill)) {
            return null;
        }
        known = load();
        if (knows(certification, skill)) {
            return null;
        }
        if (!lag.awaitCaughtUp(ProgressApplication.CONSUMER, Topics.CATALOG_RELEASES, properties.catalogWait())) {
            throw new IllegalStateException("Cannot tell whether " + what(certification, skill) + " exists: the "
                    + Topics.CATALOG_RELEASES + " consumer has not applied every published release after "
                    + properties.catalogWait().toSeconds() + " s");
        }
        known = load();
        if (knows(certification, skill)) {
            return null;
        }
        return EventType.of(event.getClass()).id() + " names " + what(certification, skill)
                + ", which no published catalog version contains";
    }

    private boolean knows(String certification, String skill) {
        Known now = known;
        return certification != null ? now.certifications().contains(certification) : now.skills().contains(skill);
    }

    private static String what(String certification, String skill) {
        return certification != null ? "certification '" + certification + "'" : "skill '" + skill + "'";
    }

    private static String certificationOf(Object event) {
        if (event instanceof CertificationRecorded e) {
            return e.certificationId();
        } else if (event instanceof CertificationVerified e) {
            return e.certificationId();
        } else if (event instanceof CertificationRejected e) {
            return e.certificationId();
        } else if (event instanceof CertificationRevoked e) {
            return e.certificationId();
        } else if (event instanceof CertificationWithdrawn e) {
            return e.certificationId();
        }
        return null;
    }

    private Known load() {
        var rows = jdbc.sql("SELECT kind, item_id FROM catalog_item")
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2)}).list();
        return new Known(
                rows.stream().filter(r -> r[0].equals("CERTIFICATION")).map(r -> r[1]).collect(Collectors.toSet()),
                rows.stream().filter(r -> r[0].equals("SKILL")).map(r -> r[1]).collect(Collectors.toSet()));
    }
}
