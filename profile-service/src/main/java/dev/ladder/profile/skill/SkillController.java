package dev.ladder.profile.skill;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/profiles")
class SkillController {

    private final SkillService skills;

    SkillController(SkillService skills) {
        this.skills = skills;
    }

    @Operation(summary = "Self-assess one of the caller's track's skills; emits SkillAssessed (source SELF)")
    @PostMapping("/me/skills")
    @ResponseStatus(HttpStatus.CREATED)
    AssessmentView assessSelf(@Valid @RequestBody AssessSkillRequest request) {
        return skills.assessSelf(Caller.current(), request);
    }

    @Operation(summary = "The caller's track's skills: current proficiency, history, requirements served, the scale")
    @GetMapping("/me/skills")
    SkillsView mine(@RequestParam(defaultValue = "0") @Min(0) int page,
                    @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return skills.mine(Caller.current(), page, size);
    }

    @Operation(summary = "A report's skills (the employee, their manager or deputy, admin)")
    @GetMapping("/{employeeId}/skills")
    SkillsView of(@PathVariable String employeeId, @RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return skills.of(Caller.current(), employeeId, page, size);
    }

    @Operation(summary = "Every assessment of one of the caller's skills, newest first (paged)")
    @GetMapping("/me/skills/{skillId}/history")
    Page<AssessmentView> myHistory(@PathVariable String skillId, @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return skills.history(Caller.current(), null, skillId, page, size);
    }

    @Operation(summary = "Every assessment of one skill of an employee, newest first, paged (the employee, their "
            + "manager or deputy, admin)")
    @GetMapping("/{employeeId}/skills/{skillId}/history")
    Page<AssessmentView> history(@PathVariable String employeeId, @PathVariable String skillId,
                                 @RequestParam(defaultValue = "0") @Min(0) int page,
                                 @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        return skills.history(Caller.current(), employeeId, skillId, page, size);
    }

    @Operation(summary = "A manager (or deputy) or admin assesses a report's skill; emits SkillAssessed (source MANAGER)")
    @PostMapping("/{employeeId}/skills")
    @ResponseStatus(HttpStatus.CREATED)
    AssessmentView assessReport(@PathVariable String employeeId, @Valid @RequestBody AssessSkillRequest request) {
        return skills.assessReport(Caller.current(), employeeId, request);
    }
}
