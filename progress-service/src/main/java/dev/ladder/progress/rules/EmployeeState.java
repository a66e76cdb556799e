package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules look at for one employee, rebuilt from the ledger and the employee projection.
 *
 * @param startDate      first day of work, {@code null} when not known (experience is then unmet)
 * @param certifications every certification ever recorded, valid or not — validity depends on the evaluated date
 * @param skills         skill id → proficiency (1..5); nothing records skills yet, so it is empty for now
 */
public record EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills) {

    public EmployeeState {
        certifications = List.copyOf(certifications);
        skills = Map.copyOf(skills);
    }

    public static EmployeeState empty() {
        return new EmployeeState(null, List.of(), Map.of());
    }

    public EmployeeState withStartDate(LocalDate date) {
        return new EmployeeState(date, certifications, skills);
    }

    public EmployeeState withCertification(HeldCertification certification) {
        List<HeldCertification> more = new ArrayList<>(certifications);
        more.add(certification);
        return new EmployeeState(startDate, more, skills);
    }
}
