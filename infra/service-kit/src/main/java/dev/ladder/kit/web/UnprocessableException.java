package dev.ladder.kit.web;

import java.util.List;

/** The request is well-formed but cannot be carried out as asked (422); lists every problem at once. */
public class UnprocessableException extends RuntimeException {

    private final List<FieldProblem> problems;

    public UnprocessableException(List<FieldProblem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b)
                .orElse("unprocessable request"));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
