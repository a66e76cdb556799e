package dev.ladder.progress.rules;

import java.math.BigInteger;
import java.util.List;

/**
 * Level rules v1: readiness = mean over the groups of min(1, met / required), as a percent rounded down.
 * Computed with exact fractions: floating point would turn three fully met thirds into 99.
 */
public final class Readiness {

    public static int percent(List<GroupResult> groups) {
        if (groups.isEmpty()) {
            return 100; // nothing is required, so nothing is missing
        }
        // sum of min(met, required) / required, kept as numerator / denominator
        BigInteger numerator = BigInteger.ZERO;
        BigInteger denominator = BigInteger.ONE;
        for (GroupResult group : groups) {
            BigInteger required = BigInteger.valueOf(Math.max(1, group.required()));
            BigInteger met = BigInteger.valueOf(Math.min(group.metCount(), group.required()));
            numerator = numerator.multiply(required).add(met.multiply(denominator));
            denominator = denominator.multiply(required);
        }
        BigInteger percent = numerator.multiply(BigInteger.valueOf(100))
                .divide(denominator.multiply(BigInteger.valueOf(groups.size())));
        return percent.intValueExact();
    }

    private Readiness() {
    }
}
