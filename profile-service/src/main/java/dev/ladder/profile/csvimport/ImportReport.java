package dev.ladder.profile.csvimport;

import java.util.List;

/**
 * What a CSV first load would do (preview) or did (import): every problem with its row and column, and the teams
 * and people created or updated. {@code valid} false = nothing was (or would be) written.
 */
public record ImportReport(int rows, boolean valid, List<Problem> problems, List<Change> teams,
                           List<Change> people) {

    /** Row 0 = the file as a whole, row 1 = the header; column null = the whole row. */
    public record Problem(int row, String column, String message) {
    }

    /** {@code key}: the team id or the username; {@code action}: create or update. */
    public record Change(int row, String key, String action) {
    }
}
