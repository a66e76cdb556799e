package dev.ladder.progress.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the rules look at for one employee on one date, rebuilt from the ledger and the employee projection.
 *
 * @param startDate      first day of work, {@code null} when not known
 * @param certifications every certification recorded that counts under the track's verification policy (not
 *                       rejected or withdrawn), valid or not — validity depends on the date
 * @param skills         skill id → proficiency (1..5) of the latest assessment that counts on the evaluated date
 * @param experience     periods of prior experience recorded besides the time since the start date
 * @param skillsAssessedOn skill id → day of the assessment that counts (absent when not known)
 * @param pendingCertifications self-declared certifications that do not count until verified (track policy)
 * @param pendingSkills  skill id → proficiency of the latest self-assessment, when the track's policy does not count
 *                       self-assessments
 * @param placements     track id → the level the person was placed at (LevelPlaced in force on the day)
 */
public record EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills,
                            List<ExperiencePeriod> experience, Map<String, LocalDate> skillsAssessedOn,
                            List<HeldCertification> pendingCertifications, Map<String, Integer> pendingSkills,
                            Map<String, String> placements)
        implements Facts {

    public EmployeeState {
        certifications = List.copyOf(certifications);
        skills = Map.copyOf(skills);
        experience = List.copyOf(experience);
        skillsAssessedOn = Map.copyOf(skillsAssessedOn);
        pendingCertifications = pendingCertifications == null ? List.of() : List.copyOf(pendingCertifications);
        pendingSkills = pendingSkills == null ? Map.of() : Map.copyOf(pendingSkills);
        placements = placements == null ? Map.of() : Map.copyOf(placements);
    }

    public EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills,
                         List<ExperiencePeriod> experience, Map<String, LocalDate> skillsAssessedOn) {
        this(startDate, certifications, skills, experience, skillsAssessedOn, List.of(), Map.of(), Map.of());
    }

    public EmployeeState(LocalDate startDate, List<HeldCertification> certifications, Map<String, Integer> skills) {
        this(startDate, certifications, skills, List.of(), Map.of());
    }

    public static EmployeeState empty() {
        return new EmployeeState(null, List.of(), Map.of(), List.of(), Map.of());
    }

    public EmployeeState withStartDate(LocalDate date) {
        return new EmployeeState(date, certifications, skills, experience, skillsAssessedOn, pendingCertifications,
                pendingSkills, placements);
    }

    public EmployeeState withCertification(HeldCertification certification) {
        List<HeldCertification> more = new ArrayList<>(certifications);
        more.add(certification);
        return new EmployeeState(startDate, more, skills, experience, skillsAssessedOn, pendingCertifications,
                pendingSkills, placements);
    }

    public EmployeeState withSkills(Map<String, Integer> proficiencies, Map<String, LocalDate> assessedOn) {
        return new EmployeeState(startDate, certifications, proficiencies, experience, assessedOn,
                pendingCertifications, pendingSkills, placements);
    }

    public EmployeeState withExperience(List<ExperiencePeriod> periods) {
        return new EmployeeState(startDate, certifications, skills, periods, skillsAssessedOn, pendingCertifications,
                pendingSkills, placements);
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

    @Override
    public String placedLevel(String trackId) {
        return placements.get(trackId);
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
