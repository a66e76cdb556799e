package dev.ladder.catalog.roadmap;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The document is not a roadmap the catalog understands. Carries every problem found, each with its line (0 when
 * the problem is about the document as a whole), so an author can fix them all in one pass.
 */
public class RoadmapFormatException extends RuntimeException {

    private final List<Problem> problems;

    public RoadmapFormatException(String message) {
        this(List.of(new Problem(0, message)));
    }

    public RoadmapFormatException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return line > 0 ? "line " + line + ": " + message : message;
        }
    }
}
