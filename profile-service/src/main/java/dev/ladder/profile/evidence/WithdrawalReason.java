package dev.ladder.profile.evidence;

import dev.ladder.kit.web.FieldProblem;

import java.util.List;

/**
 * Why an employee takes back a claim or a period: optional, at most {@value #MAX} characters, given as the query
 * parameter {@code reason} or as the JSON body {@code {"reason": "…"}} of the DELETE (clients that cannot send a body
 * with DELETE use the parameter). Checked here rather than by annotations so a refusal names the field
 * {@code reason} wherever it came from.
 */
public record WithdrawalReason(String reason) {

    public static final int MAX = 500;

    /**
     * The reason given, stripped, or null for none (blank = none); 400 ({@code reason}) when it is longer than
     * {@value #MAX} characters, or given both ways with different texts.
     */
    public static String of(String parameter, WithdrawalReason body) {
        String fromParameter = checked(parameter);
        String fromBody = body == null ? null : checked(body.reason());
        if (fromParameter != null && fromBody != null && !fromParameter.equals(fromBody)) {
            throw Problems.badRequest(List.of(new FieldProblem("reason",
                    "given twice with different texts (query parameter and body): give it once")));
        }
        return fromBody != null ? fromBody : fromParameter;
    }

    private static String checked(String reason) {
        if (reason == null || reason.isBlank()) {
            return null;
        }
        String stripped = reason.strip();
        if (stripped.length() > MAX) {
            throw Problems.badRequest(List.of(new FieldProblem("reason",
                    "size must be between 0 and " + MAX + " (it has " + stripped.length() + " characters)")));
        }
        return stripped;
    }
}
