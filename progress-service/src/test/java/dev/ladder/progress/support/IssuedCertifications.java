package dev.ladder.progress.support;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.testkit.CloudEventRecord;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Certifications as a credential issuer sends them (an outside producer the tests' configuration allows). */
public final class IssuedCertifications {

    public static final String ISSUER = "/test/credential-issuer";

    /** Security+ for a new employee: a third ready for Mid-Level at once, so a milestone. */
    public static CloudEventRecord securityPlus(JsonMapper json, String employee) {
        CertificationRecorded event = new CertificationRecorded(UUID.randomUUID().toString(), employee,
                "comptia-security-plus", "COMP-" + employee, "CompTIA", LocalDate.of(2026, 3, 1),
                LocalDate.of(2029, 3, 1), Instant.now());
        return CloudEventRecord.of(EventType.CERTIFICATION_RECORDED, employee, json.writeValueAsString(event))
                .source(ISSUER);
    }

    private IssuedCertifications() {
    }
}
