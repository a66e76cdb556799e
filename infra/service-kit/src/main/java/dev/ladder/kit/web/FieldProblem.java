package dev.ladder.kit.web;

/** One thing wrong with a request: the field (JSON property path) and what is wrong with it. */
public record FieldProblem(String field, String message) {
}
