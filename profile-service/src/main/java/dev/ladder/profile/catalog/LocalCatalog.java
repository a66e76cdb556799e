package dev.ladder.profile.catalog;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.inbox.Inbox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * profile-service's copy of the published catalog: the certifications of the newest known version of each track,
 * so recording a certification can be validated without a synchronous call to catalog-service.
 */
@Service
public class LocalCatalog {

    static final String CONSUMER = "profile.catalog";

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final Clock clock;

    LocalCatalog(JdbcClient jdbc, Inbox inbox, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.clock = clock;
    }

    /**
     * Applies a release once per event id. Versions may arrive out of order (replays, a re-published old version):
     * an older version than the one held is logged but does not replace it.
     */
    @Transactional
    public void apply(String eventId, CatalogVersionPublished release) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        Integer held = jdbc.sql("select version from catalog_track where track_id = :trackId for update")
                .param("trackId", release.trackId()).query(Integer.class).optional().orElse(null);
        boolean newer = held == null || release.version() > held;
        jdbc.sql("""
                        insert into catalog_release (event_id, track_id, version, applied, received_at)
                        values (:eventId, :trackId, :version, :applied, :now)
                        """)
                .param("eventId", eventId).param("trackId", release.trackId()).param("version", release.version())
                .param("applied", newer).param("now", Timestamp.from(clock.instant()))
                .update();
        if (!newer) {
            return;
        }
        jdbc.sql("""
                        insert into catalog_track (track_id, track_name, version, published_at)
                        values (:trackId, :trackName, :version, :publishedAt)
                        on conflict (track_id) do update set track_name = excluded.track_name,
                            version = excluded.version, published_at = excluded.published_at
                        """)
                .param("trackId", release.trackId()).param("trackName", release.trackName())
                .param("version", release.version()).param("publishedAt", Timestamp.from(release.publishedAt()))
                .update();
        jdbc.sql("delete from catalog_certification where track_id = :trackId")
                .param("trackId", release.trackId()).update();
        release.certifications().stream().distinct().forEach(c -> jdbc.sql("""
                        insert into catalog_certification (track_id, certification_id, name, renewal_months)
                        values (:trackId, :id, :name, :renewalMonths)
                        on conflict do nothing
                        """)
                .param("trackId", release.trackId()).param("id", c.id()).param("name", c.name())
                .param("renewalMonths", c.renewalMonths())
                .update());
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return jdbc.sql("select count(*) from catalog_track").query(Long.class).single() == 0;
    }

    /** The name of a certification any track's newest version offers; empty when no track knows it. */
    @Transactional(readOnly = true)
    public Optional<String> certificationName(String certificationId) {
        return jdbc.sql("""
                        select c.name from catalog_certification c join catalog_track t on t.track_id = c.track_id
                         where c.certification_id = :id order by t.published_at desc limit 1
                        """)
                .param("id", certificationId).query(String.class).optional();
    }
}
