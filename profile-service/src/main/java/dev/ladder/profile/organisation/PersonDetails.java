package dev.ladder.profile.organisation;

import dev.ladder.profile.employee.Employee;

import java.time.LocalDate;

/** A person as the organisation API shows them; {@code version} is the ETag, {@code subject} null = not linked yet. */
public record PersonDetails(String id, String subject, String username, String externalId, String displayName,
                            String email, String teamId, String teamName, String managerId, String deputyManagerId,
                            String trackId, String region, LocalDate startDate, String jobTitle,
                            boolean needsPlacement, boolean active, long version) {

    static PersonDetails of(Employee e) {
        return new PersonDetails(e.id(), e.subject(), e.username(), e.externalId(), e.displayName(), e.email(),
                e.teamId(), e.teamName(), e.managerId(), e.deputyManagerId(), e.trackId(), e.region(),
                e.startDate(), e.jobTitle(), e.needsPlacement(), e.active(), e.version());
    }
}
