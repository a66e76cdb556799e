package dev.ladder.contracts;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Certification;
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
import dev.ladder.contracts.catalog.CatalogVersionPublished.SalaryRegion;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Skill;
import dev.ladder.contracts.profile.EmployeeErased;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import dev.ladder.contracts.progress.TrackReevaluated;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schemas are the published contract and the records are what producers write: every event type, written the
 * way the services write it (Jackson 3 defaults), must validate against its schema, and the schemas must reject
 * what the records reject. Producer services also validate the records they actually publish in their own tests.
 */
class EventSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");

    static final Map<EventType, Object> SAMPLES = Map.ofEntries(
            Map.entry(EventType.CATALOG_VERSION_PUBLISHED, new CatalogVersionPublished("ai-ml-security-specialist",
                    "AI & ML Security Specialist", 1, NOW,
                    List.of(new Level("entry", 1, "Entry Level", 0, 2, List.of()),
                            new Level("mid", 2, "Mid-Level", 3, 5, List.of(
                                    new RequirementGroup("mid-certifications", "One foundational certification",
                                            GroupKind.ANY_OF, 1, List.of(
                                            new Requirement(RequirementType.CERTIFICATION, "comptia-security-plus",
                                                    null, null),
                                            new Requirement(RequirementType.CERTIFICATION, "ceh", null, null))),
                                    new RequirementGroup("mid-experience", "Three years", GroupKind.ALL_OF, 1,
                                            List.of(new Requirement(RequirementType.EXPERIENCE, null, null, 3))))),
                            new Level("executive", 4, "Executive", 10, null, List.of())),
                    List.of(new Certification("comptia-security-plus", "CompTIA Security+", 36),
                            new Certification("ceh", "Certified Ethical Hacker (CEH)", null)),
                    List.of(new Skill("python-programming-skills", "Python programming skills")), false,
                    CatalogVersionPublished.VerificationPolicy.DEFAULT,
                    List.of(new SalaryRegion("united-states", "United States"), new SalaryRegion("europe", "Europe")),
                    "ada-subject")),
            Map.entry(EventType.EMPLOYEE_UPDATED, new EmployeeUpdated("11111111-1111-4111-8111-111111111111", "Alice Anders",
                    "alice@ladder.local", "ai-security", "AI Security", "22222222-2222-4222-8222-222222222222",
                    "ai-ml-security-specialist", "united-states", LocalDate.of(2024, 9, 1), NOW, ALICE,
                    "ML Security Engineer", "33333333-3333-4333-8333-333333333333", true)),
            Map.entry(EventType.EMPLOYEE_ERASED, new EmployeeErased("erasure-1", "11111111-1111-4111-8111-111111111111",
                    ALICE, NOW)),
            Map.entry(EventType.CERTIFICATION_RECORDED, new CertificationRecorded("a-1", "11111111-1111-4111-8111-111111111111",
                    "comptia-security-plus", "COMP001", "CompTIA", LocalDate.of(2026, 1, 10),
                    LocalDate.of(2029, 1, 10), NOW, CertificationRecorded.Source.SELF)),
            Map.entry(EventType.CERTIFICATION_WITHDRAWN, new CertificationWithdrawn("a-1", ALICE,
                    "comptia-security-plus", ALICE, "recorded by mistake", NOW)),
            Map.entry(EventType.EXPERIENCE_WITHDRAWN, new ExperienceWithdrawn("x-1", ALICE, ALICE, NOW)),
            Map.entry(EventType.LEVEL_PLACED, new LevelPlaced("p-1", ALICE, "ai-ml-security-specialist", "senior",
                    LocalDate.of(2026, 1, 1), "eight years at a previous employer",
                    "44444444-4444-4444-8444-444444444444", NOW)),
            Map.entry(EventType.CERTIFICATION_VERIFIED, new CertificationVerified("a-1", ALICE, "comptia-security-plus",
                    "22222222-2222-4222-8222-222222222222", NOW)),
            Map.entry(EventType.CERTIFICATION_REJECTED, new CertificationRejected("a-1", ALICE, "comptia-security-plus",
                    "22222222-2222-4222-8222-222222222222", "credential not found at the issuer", NOW)),
            Map.entry(EventType.CERTIFICATION_REVOKED, new CertificationRevoked("a-1", ALICE, "comptia-security-plus",
                    "revoked by CompTIA", LocalDate.of(2026, 11, 1), NOW)),
            Map.entry(EventType.SKILL_ASSESSED, new SkillAssessed("s-1", ALICE, "python-programming-skills", 4,
                    SkillAssessed.Source.MANAGER, "22222222-2222-4222-8222-222222222222", LocalDate.of(2026, 10, 1),
                    NOW)),
            Map.entry(EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("x-1", ALICE, LocalDate.of(2020, 1, 1),
                    LocalDate.of(2023, 6, 30), "Security analyst at a previous employer", NOW)),
            // an expiry milestone: it carries every field, the certification's too
            Map.entry(EventType.MILESTONE_REACHED, new MilestoneReached("m-1", "11111111-1111-4111-8111-111111111111",
                    MilestoneKind.CERTIFICATION_EXPIRING, "ai-ml-security-specialist", "mid", "Mid-Level", 33,
                    30, "Your CompTIA Security+ expires on 2026-12-30 (in 30 days)", NOW, "comptia-security-plus",
                    LocalDate.of(2026, 12, 30))),
            Map.entry(EventType.TRACK_REEVALUATED, new TrackReevaluated("ai-ml-security-specialist:v3",
                    "ai-ml-security-specialist", "AI & ML Security Specialist", 3, 1000, 12, 3, "ada-subject", NOW)));

    @Test
    void everyEventTypeHasASampleWrittenAsProducersWriteIt() {
        assertThat(SAMPLES.keySet()).containsExactlyInAnyOrder(EventType.values());
    }

    @Test
    void producersOutputValidatesAgainstItsSchema() {
        SAMPLES.forEach((type, event) -> {
            String json = JSON.writeValueAsString(event);
            assertThat(EventSchemas.violations(type, json)).as(type + " " + json).isEmpty();
            assertThat(JSON.readValue(json, type.payload())).isEqualTo(event);
        });
    }

    @Test
    void schemasRejectMissingRequiredFieldsAndWrongTypes() {
        assertThat(EventSchemas.violations(EventType.CERTIFICATION_RECORDED, "{\"employeeId\":\"e\"}"))
                .anyMatch(v -> v.contains("certificationId"))
                .anyMatch(v -> v.contains("issuedOn"));
        assertThat(EventSchemas.violations(EventType.MILESTONE_REACHED, JSON.writeValueAsString(
                SAMPLES.get(EventType.MILESTONE_REACHED)).replace("\"readinessPercent\":33",
                "\"readinessPercent\":500")))
                .anyMatch(v -> v.contains("readinessPercent"));
    }

    @Test
    void recordsRejectWhatTheSchemaRejects() {
        assertThatThrownBy(() -> JSON.readValue("{\"employeeId\":\"e\"}", CertificationRecorded.class))
                .hasMessageContaining("achievementId is required");
        assertThatThrownBy(() -> new CertificationRecorded("a", "e", "c", "x", null, LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 1, 1), NOW)).hasMessageContaining("expiresOn");
    }

    @Test
    void catalogReleasesWithoutTheLaterPolicyFieldStillRead() {
        String json = JSON.writeValueAsString(SAMPLES.get(EventType.CATALOG_VERSION_PUBLISHED))
                .replace(",\"demoteOnExpiry\":false", "");
        assertThat(json).doesNotContain("demoteOnExpiry");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, json)).isEmpty();
        assertThat(JSON.readValue(json, CatalogVersionPublished.class).demotesOnExpiry()).isFalse();
    }

    @Test
    void eventsWrittenBeforeTheIdentityAndPolicyFieldsStillReadWithTheirOldMeaning() {
        EmployeeUpdated employee = JSON.readValue("""
                {"employeeId":"e-1","displayName":"Old","updatedAt":"2026-01-01T00:00:00Z"}""", EmployeeUpdated.class);
        assertThat(employee.signInSubject()).as("before subjects, the employee id was the subject").isEqualTo("e-1");
        assertThat(employee.retired()).isFalse();

        String release = JSON.writeValueAsString(SAMPLES.get(EventType.CATALOG_VERSION_PUBLISHED))
                .replaceAll(",\"verification\":\\{[^}]*}", "");
        assertThat(release).doesNotContain("verification");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, release)).isEmpty();
        assertThat(JSON.readValue(release, CatalogVersionPublished.class).verificationPolicy())
                .isEqualTo(CatalogVersionPublished.VerificationPolicy.LEGACY);

        CertificationRecorded external = JSON.readValue(JSON.writeValueAsString(SAMPLES.get(
                EventType.CERTIFICATION_RECORDED)).replace(",\"source\":\"SELF\"", ""), CertificationRecorded.class);
        assertThat(external.source()).isNull();
        assertThat(external.selfDeclared()).isFalse();
        assertThat(EventSchemas.violations(EventType.CERTIFICATION_RECORDED,
                JSON.writeValueAsString(SAMPLES.get(EventType.CERTIFICATION_RECORDED)).replace("\"SELF\"",
                        "\"FRIEND\""))).isNotEmpty();
    }

    @Test
    void catalogReleasesCarryTheTracksSalaryRegionsAndOlderOnesReadAsNotKnown() {
        String json = JSON.writeValueAsString(SAMPLES.get(EventType.CATALOG_VERSION_PUBLISHED));
        assertThat(json).contains("\"salaryRegions\":[{\"id\":\"united-states\",\"name\":\"United States\"},"
                + "{\"id\":\"europe\",\"name\":\"Europe\"}]");
        CatalogVersionPublished read = JSON.readValue(json, CatalogVersionPublished.class);
        assertThat(read.salaryRegionsKnown()).isTrue();
        assertThat(read.salaryRegions()).extracting(SalaryRegion::id).containsExactly("united-states", "europe");

        // written before the field existed: absent, or null as a record without it serialises
        String absent = json.replaceAll(",\"salaryRegions\":\\[[^\\]]*]", "");
        assertThat(absent).doesNotContain("salaryRegions");
        String asNull = json.replaceAll("\"salaryRegions\":\\[[^\\]]*]", "\"salaryRegions\":null");
        for (String old : List.of(absent, asNull)) {
            assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, old)).as(old).isEmpty();
            CatalogVersionPublished legacy = JSON.readValue(old, CatalogVersionPublished.class);
            assertThat(legacy.salaryRegions()).isNull();
            assertThat(legacy.salaryRegionsKnown()).isFalse();
        }
        // a track without salary bands says so: known, and empty
        String none = json.replaceAll("\"salaryRegions\":\\[[^\\]]*]", "\"salaryRegions\":[]");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, none)).isEmpty();
        assertThat(JSON.readValue(none, CatalogVersionPublished.class).salaryRegionsKnown()).isTrue();

        String blankId = json.replace("{\"id\":\"europe\"", "{\"id\":\"\"");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, blankId))
                .anyMatch(v -> v.contains("salaryRegions"));
        assertThatThrownBy(() -> JSON.readValue(blankId, CatalogVersionPublished.class))
                .hasMessageContaining("salaryRegion.id is required");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED,
                json.replace(",\"name\":\"Europe\"", ""))).anyMatch(v -> v.contains("salaryRegions"));
    }

    @Test
    void catalogReleasesNameTheirPublisherAndOlderOrSeededOnesReadAsNotKnown() {
        String json = JSON.writeValueAsString(SAMPLES.get(EventType.CATALOG_VERSION_PUBLISHED));
        assertThat(json).contains("\"publishedBy\":\"ada-subject\"");
        assertThat(JSON.readValue(json, CatalogVersionPublished.class).publishedBy()).isEqualTo("ada-subject");

        String absent = json.replace(",\"publishedBy\":\"ada-subject\"", "");
        assertThat(absent).doesNotContain("publishedBy");
        String asNull = json.replace("\"publishedBy\":\"ada-subject\"", "\"publishedBy\":null");
        for (String old : List.of(absent, asNull)) {
            assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, old)).as(old).isEmpty();
            assertThat(JSON.readValue(old, CatalogVersionPublished.class).publishedBy()).isNull();
        }
        String blank = json.replace("\"publishedBy\":\"ada-subject\"", "\"publishedBy\":\"\"");
        assertThat(EventSchemas.violations(EventType.CATALOG_VERSION_PUBLISHED, blank))
                .anyMatch(v -> v.contains("publishedBy"));
        assertThatThrownBy(() -> JSON.readValue(blank, CatalogVersionPublished.class))
                .hasMessageContaining("publishedBy is required");
    }

    @Test
    void trackReevaluationsMayComeFromTheSeedImportButNeverWithNegativeCounts() {
        String json = JSON.writeValueAsString(SAMPLES.get(EventType.TRACK_REEVALUATED));
        String seeded = json.replace("\"publishedBy\":\"ada-subject\"", "\"publishedBy\":null");
        assertThat(EventSchemas.violations(EventType.TRACK_REEVALUATED, seeded)).isEmpty();
        assertThat(JSON.readValue(seeded, TrackReevaluated.class).publishedBy()).isNull();

        String negative = json.replace("\"lowered\":3", "\"lowered\":-1");
        assertThat(EventSchemas.violations(EventType.TRACK_REEVALUATED, negative))
                .anyMatch(v -> v.contains("lowered"));
        assertThatThrownBy(() -> JSON.readValue(negative, TrackReevaluated.class))
                .hasMessageContaining("lowered");
        assertThat(TrackReevaluated.idOf("ai-ml-security-specialist", 3)).isEqualTo("ai-ml-security-specialist:v3");
    }

    @Test
    void typeIdsAreLogicalAndUniqueAndMapBack() {
        Map<String, EventType> byId = Arrays.stream(EventType.values())
                .collect(Collectors.toMap(EventType::id, Function.identity()));
        assertThat(byId).hasSize(EventType.values().length);
        byId.forEach((id, type) -> {
            assertThat(id).startsWith("dev.ladder.").doesNotContain("contracts");
            assertThat(EventType.byId(id)).contains(type);
            assertThat(EventType.of(type.payload())).isEqualTo(type);
        });
    }
}
