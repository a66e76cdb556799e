package dev.ladder.profile.catalog;

import dev.ladder.contracts.EventSchemas;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.inbox.Inbox;
import dev.ladder.kit.messaging.EventId;
import dev.ladder.kit.messaging.InvalidEventException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * profile-service's copy of the published catalog: the certifications (with renewal periods), skills, level
 * requirements, verification policy and salary regions of the newest known version of each track, so claims and
 * people can be validated and explained without a synchronous call to catalog-service.
 */
@Service
public class LocalCatalog {

    static final String CONSUMER = "profile.catalog";

    private final JdbcClient jdbc;
    private final Inbox inbox;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    LocalCatalog(JdbcClient jdbc, Inbox inbox, Clock clock, ApplicationEventPublisher events, JsonMapper json) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.clock = clock;
        this.events = events;
        this.json = json;
    }

    /**
     * Applies a release once per event (source and id). Versions may arrive out of order (replays, a re-published old version):
     * an older version than the one held is logged but does not replace it.
     */
    @Transactional
    public void apply(EventId eventId, CatalogVersionPublished release) {
        // the record's constructor checks what it must hold; the schema says more (a level's rank ≥ 1, proficiency
        // 1-5, …): a release breaking it is not applied but dead-lettered, as the contract says
        List<String> violations = EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED,
                json.writeValueAsString(release));
        if (!violations.isEmpty()) {
            throw new InvalidEventException("Release " + eventId.id() + " of track '" + release.trackId()
                    + "' breaks the event's schema: " + String.join("; ", violations));
        }
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
                .param("eventId", eventId.id()).param("trackId", release.trackId()).param("version", release.version())
                .param("applied", newer).param("now", Timestamp.from(clock.instant()))
                .update();
        if (!newer) {
            return;
        }
        CatalogVersionPublished.VerificationPolicy policy = release.verificationPolicy();
        jdbc.sql("""
                        insert into catalog_track (track_id, track_name, version, published_at,
                                                   unverified_certifications_count, self_assessed_skills_count,
                                                   salary_regions_known)
                        values (:trackId, :trackName, :version, :publishedAt, :certificationsCount, :skillsCount,
                                :regionsKnown)
                        on conflict (track_id) do update set track_name = excluded.track_name,
                            version = excluded.version, published_at = excluded.published_at,
                            unverified_certifications_count = excluded.unverified_certifications_count,
                            self_assessed_skills_count = excluded.self_assessed_skills_count,
                            salary_regions_known = excluded.salary_regions_known
                        """)
                .param("trackId", release.trackId()).param("trackName", release.trackName())
                .param("version", release.version()).param("publishedAt", Timestamp.from(release.publishedAt()))
                .param("certificationsCount", policy.unverifiedCertificationsCount())
                .param("skillsCount", policy.selfAssessedSkillsCount())
                .param("regionsKnown", release.salaryRegionsKnown())
                .update();
        jdbc.sql("delete from catalog_salary_region where track_id = :trackId")
                .param("trackId", release.trackId()).update();
        if (release.salaryRegionsKnown()) {
            int at = 0;
            for (CatalogVersionPublished.SalaryRegion region : release.salaryRegions()) {
                jdbc.sql("""
                                insert into catalog_salary_region (track_id, region_id, name, position)
                                values (:trackId, :id, :name, :position) on conflict do nothing
                                """)
                        .param("trackId", release.trackId()).param("id", region.id()).param("name", region.name())
                        .param("position", at++).update();
            }
        }
        jdbc.sql("delete from catalog_skill where track_id = :trackId").param("trackId", release.trackId()).update();
        jdbc.sql("delete from catalog_requirement where track_id = :trackId")
                .param("trackId", release.trackId()).update();
        int position = 0;
        for (CatalogVersionPublished.Skill skill : release.skills()) {
            jdbc.sql("""
                            insert into catalog_skill (track_id, skill_id, name, position)
                            values (:trackId, :id, :name, :position) on conflict do nothing
                            """)
                    .param("trackId", release.trackId()).param("id", skill.id()).param("name", skill.name())
                    .param("position", position++).update();
        }
        for (CatalogVersionPublished.Level level : release.levels()) {
            for (CatalogVersionPublished.RequirementGroup group : level.requirements()) {
                for (CatalogVersionPublished.Requirement item : group.items()) {
                    jdbc.sql("""
                                    insert into catalog_requirement (track_id, level_id, level_rank, level_name,
                                        group_id, group_kind, group_required, item_type, ref, min_proficiency,
                                        min_years)
                                    values (:trackId, :levelId, :rank, :levelName, :groupId, :kind, :required,
                                        :type, :ref, :minProficiency, :minYears)
                                    """)
                            .param("trackId", release.trackId()).param("levelId", level.id())
                            .param("rank", level.rank()).param("levelName", level.name())
                            .param("groupId", group.id()).param("kind", group.kind().name())
                            .param("required", group.required()).param("type", item.type().name())
                            .param("ref", item.ref()).param("minProficiency", item.minProficiency())
                            .param("minYears", item.minYears())
                            .update();
                }
            }
        }
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
        // the levels (placements name one), then tell whoever waits for a track (the demo placement)
        jdbc.sql("delete from catalog_level where track_id = :trackId").param("trackId", release.trackId()).update();
        release.levels().forEach(l -> jdbc.sql("""
                        insert into catalog_level (track_id, level_id, name, rank) values (:trackId, :id, :name, :rank)
                        on conflict do nothing
                        """)
                .param("trackId", release.trackId()).param("id", l.id()).param("name", l.name())
                .param("rank", l.rank()).update());
        events.publishEvent(new TrackApplied(release.trackId(), release.version()));
    }

    /** A newer version of a track is now the local copy (published inside the applying transaction). */
    public record TrackApplied(String trackId, int version) {
    }

    /** Whether the local copy knows the track. */
    @Transactional(readOnly = true)
    public boolean knowsTrack(String trackId) {
        return jdbc.sql("select count(*) from catalog_track where track_id = :trackId")
                .param("trackId", trackId).query(Long.class).single() > 0;
    }

    /** The name of a level of the track's newest known version; empty when either is unknown. */
    @Transactional(readOnly = true)
    public Optional<String> levelName(String trackId, String levelId) {
        return jdbc.sql("select name from catalog_level where track_id = :trackId and level_id = :levelId")
                .param("trackId", trackId).param("levelId", levelId).query(String.class).optional();
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return jdbc.sql("select count(*) from catalog_track").query(Long.class).single() == 0;
    }

    /**
     * A certification any track's newest version offers (the most recently published one when several do), with
     * its renewal period; empty when no track knows it.
     */
    @Transactional(readOnly = true)
    public Optional<CatalogCertification> certification(String certificationId) {
        return jdbc.sql("""
                        select c.certification_id, c.name, c.renewal_months
                          from catalog_certification c join catalog_track t on t.track_id = c.track_id
                         where c.certification_id = :id order by t.published_at desc limit 1
                        """)
                .param("id", certificationId)
                .query((rs, n) -> new CatalogCertification(rs.getString("certification_id"), rs.getString("name"),
                        rs.getObject("renewal_months", Integer.class)))
                .optional();
    }

    /** The skills of a track's newest version in catalog order, each with the level requirements it serves. */
    @Transactional(readOnly = true)
    public List<CatalogSkill> skills(String trackId) {
        Map<String, List<CatalogSkill.Requirement>> requirements = new LinkedHashMap<>();
        jdbc.sql("""
                        select ref, level_id, level_rank, level_name, group_id, group_kind, group_required,
                               min_proficiency
                          from catalog_requirement where track_id = :trackId and item_type = 'SKILL'
                         order by level_rank, group_id
                        """)
                .param("trackId", trackId)
                .query((rs, n) -> {
                    requirements.computeIfAbsent(rs.getString("ref"), k -> new ArrayList<>())
                            .add(new CatalogSkill.Requirement(rs.getString("level_id"), rs.getInt("level_rank"),
                                    rs.getString("level_name"), rs.getString("group_id"),
                                    rs.getString("group_kind"), rs.getInt("group_required"),
                                    rs.getObject("min_proficiency", Integer.class)));
                    return null;
                })
                .list();
        return jdbc.sql("select skill_id, name from catalog_skill where track_id = :trackId order by position")
                .param("trackId", trackId)
                .query((rs, n) -> new CatalogSkill(rs.getString("skill_id"), rs.getString("name"),
                        List.copyOf(requirements.getOrDefault(rs.getString("skill_id"), List.of()))))
                .list();
    }

    /** One skill of a track's newest version; empty when the track does not have it (or is unknown). */
    @Transactional(readOnly = true)
    public Optional<CatalogSkill> skill(String trackId, String skillId) {
        return skills(trackId).stream().filter(s -> s.id().equals(skillId)).findFirst();
    }

    /**
     * The verification policy of a track's newest version; an unknown track, like a version published before
     * policies existed, counts every claim ({@link CatalogVersionPublished.VerificationPolicy#LEGACY}).
     */
    @Transactional(readOnly = true)
    public CatalogVersionPublished.VerificationPolicy policy(String trackId) {
        return jdbc.sql("""
                        select unverified_certifications_count, self_assessed_skills_count
                          from catalog_track where track_id = :trackId
                        """)
                .param("trackId", trackId == null ? "" : trackId)
                .query((rs, n) -> new CatalogVersionPublished.VerificationPolicy(
                        rs.getBoolean("unverified_certifications_count"), rs.getBoolean("self_assessed_skills_count")))
                .optional().orElse(CatalogVersionPublished.VerificationPolicy.LEGACY);
    }

    /**
     * The salary regions of a track's newest version, in the catalog's order; empty when they are not known (an
     * unknown track, or a version published before releases carried regions) — then any region may be right.
     */
    @Transactional(readOnly = true)
    public Optional<List<SalaryRegion>> salaryRegions(String trackId) {
        boolean known = jdbc.sql("select salary_regions_known from catalog_track where track_id = :trackId")
                .param("trackId", trackId == null ? "" : trackId).query(Boolean.class).optional().orElse(false);
        if (!known) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("""
                        select region_id, name from catalog_salary_region where track_id = :trackId order by position
                        """)
                .param("trackId", trackId)
                .query((rs, n) -> new SalaryRegion(rs.getString("region_id"), rs.getString("name")))
                .list());
    }

    /** A salary region of a track: the slug salary bands and profiles carry, and its name. */
    public record SalaryRegion(String id, String name) {
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
