package dev.ladder.profile.employee;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/profiles")
class ProfileController {

    private final EmployeeService employees;

    ProfileController(EmployeeService employees) {
        this.employees = employees;
    }

    @Operation(summary = "The caller's profile; registers the caller on first sight")
    @GetMapping("/me")
    ProfileView me() {
        Caller caller = Caller.current();
        return ProfileView.of(employees.register(caller), caller.roles());
    }
}
