package dev.ladder.contracts;

import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventProducersTest {

    static final String LMS = "/lms/acme-academy";
    static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");

    final EventProducers producers = new EventProducers(List.of(" " + LMS + " ", ""));

    @Test
    void everyTypeHasItsLadderProducerWhichMayAlwaysPublishIt() {
        assertThat(EventProducers.ladderProducer(EventType.CATALOG_VERSION_PUBLISHED))
                .isEqualTo("/ladder/catalog-service");
        assertThat(EventProducers.ladderProducer(EventType.EMPLOYEE_UPDATED)).isEqualTo("/ladder/profile-service");
        assertThat(EventProducers.ladderProducer(EventType.MILESTONE_REACHED)).isEqualTo("/ladder/progress-service");
        assertThat(EventProducers.ladderProducer(EventType.TRACK_REEVALUATED)).isEqualTo("/ladder/progress-service");
        Arrays.stream(EventType.values()).filter(t -> t.topic().equals(Topics.ACHIEVEMENTS)).forEach(type ->
                assertThat(EventProducers.ladderProducer(type)).as(type.id())
                        .isEqualTo(EventProducers.PROFILE_SERVICE));
        assertThat(producers.refusal(EventProducers.PROFILE_SERVICE, EventType.SKILL_ASSESSED,
                skill(SkillAssessed.Source.MANAGER))).isNull();
        assertThat(producers.refusal(EventProducers.PROFILE_SERVICE, EventType.CERTIFICATION_RECORDED,
                certification(CertificationRecorded.Source.SELF))).isNull();
    }

    @Test
    void ladderServicesMayNotPublishEachOthersTypes() {
        String refusal = producers.refusal(EventProducers.PROGRESS_SERVICE, EventType.EMPLOYEE_UPDATED, employee());
        assertThat(refusal).contains("'/ladder/progress-service'", EventType.EMPLOYEE_UPDATED.id(),
                "only /ladder/profile-service may");
        assertThat(producers.refusal(EventProducers.PROFILE_SERVICE, EventType.MILESTONE_REACHED, milestone()))
                .contains("only /ladder/progress-service may");
    }

    @Test
    void anExternalProducerMayNotPublishOutsideTheAchievementsTopic() {
        assertThat(producers.refusal(LMS, EventType.EMPLOYEE_UPDATED, employee()))
                .contains("'" + LMS + "'", EventType.EMPLOYEE_UPDATED.id(), "(external producers never may)");
        assertThat(producers.refusal(LMS, EventType.MILESTONE_REACHED, milestone())).isNotNull();
        assertThat(EventProducers.openToExternalProducers(EventType.CATALOG_VERSION_PUBLISHED)).isFalse();
    }

    @Test
    void anExternalProducerMayRecordAndRevokeCertificationsAndReportAssessments() {
        assertThat(producers.refusal(LMS, EventType.CERTIFICATION_RECORDED,
                certification(CertificationRecorded.Source.ISSUER))).isNull();
        assertThat(producers.refusal(LMS, EventType.CERTIFICATION_RECORDED, certification(null))).isNull();
        assertThat(producers.refusal(LMS, EventType.CERTIFICATION_REVOKED, new CertificationRevoked("a-1", "e-1",
                "ceh", "ethics", LocalDate.of(2026, 10, 1), NOW))).isNull();
        assertThat(producers.refusal(LMS, EventType.SKILL_ASSESSED, skill(SkillAssessed.Source.ASSESSMENT)))
                .isNull();
    }

    @Test
    void anExternalProducerMayNotSpeakForAManagerOrTheEmployee() {
        assertThat(producers.refusal(LMS, EventType.SKILL_ASSESSED, skill(SkillAssessed.Source.MANAGER)))
                .contains("'" + LMS + "' is an external producer", EventType.SKILL_ASSESSED.id(),
                        "ASSESSMENT only", "the payload's \"source\" is MANAGER");
        assertThat(producers.refusal(LMS, EventType.SKILL_ASSESSED, skill(SkillAssessed.Source.SELF)))
                .contains("is SELF");
        assertThat(producers.refusal(LMS, EventType.CERTIFICATION_RECORDED,
                certification(CertificationRecorded.Source.SELF))).contains("never SELF");
        assertThat(producers.refusal(LMS, EventType.CERTIFICATION_VERIFIED, new CertificationVerified("a-1", "e-1",
                "ceh", "m-1", NOW)))
                .contains(EventType.CERTIFICATION_VERIFIED.id(), "only /ladder/profile-service may");
        assertThat(producers.refusal(LMS, EventType.EXPERIENCE_RECORDED, new ExperienceRecorded("x-1", "e-1",
                LocalDate.of(2020, 1, 1), null, "analyst", NOW))).isNotNull();
        assertThat(producers.refusal(LMS, EventType.LEVEL_PLACED, new LevelPlaced("p-1", "e-1", "t", "senior",
                LocalDate.of(2026, 1, 1), "hired", "hr", NOW))).isNotNull();
        for (EventType type : List.of(EventType.CERTIFICATION_VERIFIED, EventType.CERTIFICATION_REJECTED,
                EventType.CERTIFICATION_WITHDRAWN, EventType.EXPERIENCE_RECORDED, EventType.EXPERIENCE_WITHDRAWN,
                EventType.LEVEL_PLACED)) {
            assertThat(EventProducers.openToExternalProducers(type)).as(type.id()).isFalse();
        }
    }

    @Test
    void aSourceNobodyConfiguredMayPublishNothing() {
        String refusal = producers.refusal("/lms/someone-else", EventType.SKILL_ASSESSED,
                skill(SkillAssessed.Source.ASSESSMENT));
        assertThat(refusal).contains("'/lms/someone-else'", EventType.SKILL_ASSESSED.id(),
                "only /ladder/profile-service and the configured external producers may");
        assertThat(new EventProducers(List.of()).refusal(LMS, EventType.SKILL_ASSESSED,
                skill(SkillAssessed.Source.ASSESSMENT))).isNotNull();
        assertThat(producers.externalProducers()).containsExactly(LMS);
    }

    static SkillAssessed skill(SkillAssessed.Source source) {
        return new SkillAssessed("s-1", "e-1", "python", 3, source, "someone", LocalDate.of(2026, 9, 1), NOW);
    }

    static CertificationRecorded certification(CertificationRecorded.Source source) {
        return new CertificationRecorded("a-1", "e-1", "ceh", "C-1", "EC-Council", LocalDate.of(2026, 1, 1), null,
                NOW, source);
    }

    static EmployeeUpdated employee() {
        return new EmployeeUpdated("e-1", "Eve", null, null, null, "m-1", null, null, null, NOW);
    }

    static MilestoneReached milestone() {
        return new MilestoneReached("e-1:LEVEL_ADVANCED:mid", "e-1", MilestoneKind.LEVEL_ADVANCED, "t", "mid", "Mid",
                100, 100, "Congratulations", NOW);
    }
}
