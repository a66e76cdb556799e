package dev.ladder.notification.catalog;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;

/**
 * The names of certifications and skills, from {@code ladder.catalog.releases.v1} (retained forever, read from the
 * beginning), so a notification says "CompTIA Security+" rather than {@code comptia-security-plus}. The newest
 * published name of an id wins (equally new: the one applied last); an id no release named yet is shown as it is.
 * Each release is applied once (inbox): redelivered after an equally new release of another track naming the same
 * id, it would otherwise take the name back.
 */
@Service
public class CatalogNames {

    static final String CONSUMER = "notification.catalog";
    static final String CERTIFICATION = "CERTIFICATION";
    static final String SKILL = "SKILL";

    private final JdbcClient jdbc;
    private final Inbox inbox;

    CatalogNames(JdbcClient jdbc, Inbox inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    @Transactional
    public void apply(EventId eventId, CatalogVersionPublished release) {
        if (!inbox.firstDelivery(eventId, CONSUMER)) {
            return;
        }
        for (CatalogVersionPublished.Certification certification : release.certifications()) {
            store(CERTIFICATION, certification.id(), certification.name(), release);
        }
        for (CatalogVersionPublished.Skill skill : release.skills()) {
            store(SKILL, skill.id(), skill.name(), release);
        }
    }

    /** The certification's name, or its id when no release named it (yet). */
    @Transactional(readOnly = true)
    public String certification(String certificationId) {
        return name(CERTIFICATION, certificationId);
    }

    /** The skill's name, or its id when no release named it (yet). */
    @Transactional(readOnly = true)
    public String skill(String skillId) {
        return name(SKILL, skillId);
    }

    private String name(String kind, String id) {
        return jdbc.sql("SELECT name FROM catalog_name WHERE kind = :kind AND id = :id")
                .param("kind", kind)
                .param("id", id)
                .query(String.class)
                .optional()
                .orElse(id);
    }

    private void store(String kind, String id, String name, CatalogVersionPublished release) {
        jdbc.sql("""
                        INSERT INTO catalog_name (kind, id, name, published_at) VALUES (:kind, :id, :name, :at)
                        ON CONFLICT (kind, id) DO UPDATE SET name = EXCLUDED.name, published_at = EXCLUDED.published_at
                        WHERE catalog_name.published_at <= EXCLUDED.published_at""")
                .param("kind", kind)
                .param("id", id)
                .param("name", name)
                .param("at", Timestamp.from(release.publishedAt()))
                .update();
    }
}
