package dev.ladder.progress.rules;

import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;

import java.time.LocalDate;

/**
 * One requirement evaluated: whether it holds, a human-readable reason, its status (EXPIRING = met by a
 * certification that lapses within {@link RulesEngine#EXPIRING_WITHIN_DAYS} days; PENDING = not met, but an
 * unverified claim that would meet it awaits verification under the track's verification policy) and since when it
 * is met.
 */
public record ItemResult(RequirementType type, String ref, String name, boolean met, String detail, Status status,
                         LocalDate metOn) {

    public enum Status { MET, UNMET, EXPIRING, PENDING }

    public ItemResult(RequirementType type, String ref, String name, boolean met, String detail) {
        this(type, ref, name, met, detail, met ? Status.MET : Status.UNMET, null);
    }

    /** Not met: only an unverified claim would meet it, and the track's policy does not count it (yet). */
    public static ItemResult pending(RequirementType type, String ref, String name, String detail) {
        return new ItemResult(type, ref, name, false, detail, Status.PENDING, null);
    }

    public static ItemResult met(RequirementType type, String ref, String name, String detail, LocalDate metOn) {
        return new ItemResult(type, ref, name, true, detail, Status.MET, metOn);
    }
}
