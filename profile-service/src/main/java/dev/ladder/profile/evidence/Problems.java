package dev.ladder.profile.evidence;

import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ProblemHandling;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.util.List;

/**
 * Problems the kit has no exception for (412, 428, 413, 415, and a 400 found by a service). The kit's
 * {@link ProblemHandling} renders any {@link ErrorResponseException} as the problem it carries.
 */
public final class Problems {

    public static ErrorResponseException of(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    /** 400 with every problem listed, like bean validation's. */
    public static ErrorResponseException badRequest(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has " + problems.size() + " invalid field(s).");
        problem.setTitle("Invalid request");
        problem.setProperty(ProblemHandling.ERRORS, problems);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private Problems() {
    }
}
