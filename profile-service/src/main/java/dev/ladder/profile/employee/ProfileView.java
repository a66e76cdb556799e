package dev.ladder.profile.employee;

import java.time.LocalDate;
import java.util.List;

/** GET /api/profiles/me: the stored profile plus the roles of the current token. */
public record ProfileView(
        String id,
        String displayName,
        String email,
        String teamId,
        String teamName,
        String managerId,
        String deputyManagerId,
        String trackId,
        String region,
        LocalDate startDate,
        String jobTitle,
        String username,
        boolean needsPlacement,
        List<String> roles) {

    static ProfileView of(Employee e, java.util.Collection<String> roles) {
        return new ProfileView(e.id(), e.displayName(), e.email(), e.teamId(), e.teamName(), e.managerId(),
                e.deputyManagerId(), e.trackId(), e.region(), e.startDate(), e.jobTitle(), e.username(),
                e.needsPlacement(), roles.stream().sorted().toList());
    }
}
