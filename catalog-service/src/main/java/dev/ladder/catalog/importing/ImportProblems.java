package dev.ladder.catalog.importing;

import dev.ladder.catalog.roadmap.RoadmapFormatException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;
import java.util.Map;

/** A roadmap document that cannot be imported: 422 listing every problem with its line (0 = whole document). */
@RestControllerAdvice
class ImportProblems {

    @ExceptionHandler(RoadmapFormatException.class)
    ProblemDetail malformedRoadmap(RoadmapFormatException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The roadmap document has " + ex.problems().size() + " problem(s); nothing was imported.");
        problem.setTitle("Malformed roadmap");
        List<Map<String, Object>> errors = ex.problems().stream()
                .map(p -> Map.<String, Object>of("line", p.line(), "field", "line " + p.line(),
                        "message", p.message()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }
}
