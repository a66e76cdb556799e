package dev.ladder.progress.employee;

import java.time.LocalDate;

/** progress-service's copy of an employee: what the rules and the ownership checks need. */
public record Employee(String employeeId, String displayName, String teamId, String teamName, String managerId,
                       String trackId, LocalDate startDate) {
}
