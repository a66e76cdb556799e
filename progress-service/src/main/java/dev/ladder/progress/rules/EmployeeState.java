package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules look at for one employee on one date, rebuilt from the ledger and the employee projection.
 *
 * @param startDate      first day of work, {@code null} when not known
 * @param certifications every certification recorded and not rejected, valid or not — validity depends on the date
 * @param skills         skill id → proficiency (1..5) of the latest assessment on the evaluated date
 * @param experience     periods of prior experience recorded besides the time since the start date
 * @param skillsAssessedOn skill id → day of the assessment that counts (absent when not known)
 */
public record EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills,
                            List<ExperiencePeriod> experience, Map<String, LocalDate> skillsAssessedOn)
        implements Facts {

    public EmployeeState {
        certifications = List.copyOf(certifications);
        skills = Map.copyOf(skills);
        experience = List.copyOf(experience);
        skillsAssessedOn = Map.copyOf(skillsAssessedOn);
    }

    public EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills) {
        this(startDate, certifications, skills, List.of(), Map.of());
    }

    public static EmployeeState empty() {
        return new EmployeeState(null, List.of(), Map.of(), List.of(), Map.of());
    }

    public EmployeeState withStartDate(LocalDate date) {
        return new EmployeeState(date, certifications, skills, experience, skillsAssessedOn);
    }

    public EmployeeState withCertification(HeldCertification certification) {
        List<HeldCertification> more = new ArrayList<>(certifications);
        more.add(certification);
        return new EmployeeState(startDate, more, skills, experience, skillsAssessedOn);
    }

    public EmployeeState withSkills(Map<String, Integer> proficiencies, Map<String, LocalDate> assessedOn) {
        return new EmployeeState(startDate, certifications, proficiencies, experience, assessedOn);
    }

    public EmployeeState withExperience(List<ExperiencePeriod> periods) {
        return new EmployeeState(startDate, certifications, skills, periods, skillsAssessedOn);
    }

    @Override
    public boolean holdsCertification(String certificationId, LocalDate on) {
        for (HeldCertification c : certifications) {
            if (c.certificationId().equals(certificationId) && c.validOn(on)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Integer proficiency(String skillId) {
        return skills.get(skillId);
    }

    @Override
    public int yearsOfExperience(LocalDate on) {
        return startDate == null && experience.isEmpty() ? -1 : ExperiencePeriod.wholeYears(allExperience(), on);
    }

    /** Time since the start date plus the recorded periods. */
    public List<ExperiencePeriod> allExperience() {
        if (experience.isEmpty()) {
            return startDate == null ? List.of() : List.of(new ExperiencePeriod(startDate, null));
        }
        List<ExperiencePeriod> all = new ArrayList<>(experience);
        if (startDate != null) {
            all.add(new ExperiencePeriod(startDate, null));
        }
        return all;
    }
}
