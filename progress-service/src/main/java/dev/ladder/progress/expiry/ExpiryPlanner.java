package dev.ladder.progress.expiry;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.progress.MilestoneReached;
import dev.ladder.contracts.progress.MilestoneReached.MilestoneKind;
import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.LevelRef;
import dev.ladder.progress.rules.HeldCertification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides which certification expiry milestones are due on a day: EXPIRING 90 and 30 days before, EXPIRED from the
 * expiry day on (for {@link #EXPIRED_ANNOUNCED_FOR} days, so history from years ago is not announced). Only the most
 * urgent one is due at a time; a renewed (another valid one on the expiry day) or revoked certification is skipped.
 * Pure; ids are deterministic, so a sweep run twice announces nothing new.
 */
public final class ExpiryPlanner {

    static final List<Integer> WARN_DAYS_BEFORE = List.of(30, 90);
    static final int EXPIRED_ANNOUNCED_FOR = 30;

    public static List<MilestoneReached> due(EmployeeProgress progress, CatalogVersionPublished catalog,
                                             List<HeldCertification> held, LocalDate today, Instant at) {
        List<MilestoneReached> due = new ArrayList<>();
        for (HeldCertification c : held) {
            if (c.expiresOn() == null || c.revokedOn() != null && !c.revokedOn().isAfter(c.expiresOn())
                    || renewed(c, held)) {
                continue;
            }
            long days = ChronoUnit.DAYS.between(today, c.expiresOn());
            LevelRef level = levelFor(c.certificationId(), progress, catalog);
            String name = catalog.certifications().stream().filter(x -> x.id().equals(c.certificationId()))
                    .map(CatalogVersionPublished.Certification::name).findFirst().orElse(c.certificationId());
            if (days <= 0 && days > -EXPIRED_ANNOUNCED_FOR) {
                due.add(milestone(progress, level, MilestoneKind.CERTIFICATION_EXPIRED, c, null,
                        "Your " + name + " expired on " + c.expiresOn() + " and no longer counts", at));
            } else if (days > 0) {
                WARN_DAYS_BEFORE.stream().filter(window -> days <= window).findFirst().ifPresent(window ->
                        due.add(milestone(progress, level, MilestoneKind.CERTIFICATION_EXPIRING, c, window,
                                "Your " + name + " expires on " + c.expiresOn() + " (in " + days + " days)", at)));
            }
        }
        return due;
    }

    /** {@code <employeeId>:<kind>:<certificationId>@<expiresOn>:<days before, 0 once expired>}. */
    public static String milestoneId(String employeeId, MilestoneKind kind, HeldCertification c, Integer window) {
        return employeeId + ":" + kind + ":" + c.certificationId() + "@" + c.expiresOn() + ":"
                + (window == null ? 0 : window);
    }

    private static boolean renewed(HeldCertification c, List<HeldCertification> held) {
        return held.stream().anyMatch(other -> other != c && other.certificationId().equals(c.certificationId())
                && other.validOn(c.expiresOn()));
    }

    /** The held level if it requires this certification, else the next level if it does, else the held level. */
    private static LevelRef levelFor(String certificationId, EmployeeProgress progress, CatalogVersionPublished catalog) {
        for (LevelRef candidate : new LevelRef[]{progress.currentLevel(), progress.nextLevel()}) {
            if (candidate != null && requires(catalog, candidate.id(), certificationId)) {
                return candidate;
            }
        }
        return progress.currentLevel();
    }

    private static boolean requires(CatalogVersionPublished catalog, String levelId, String certificationId) {
        Optional<Level> level = catalog.levels().stream().filter(l -> l.id().equals(levelId)).findFirst();
        return level.stream().flatMap(l -> l.requirements().stream()).flatMap(g -> g.items().stream())
                .anyMatch(item -> certificationId.equals(item.ref()));
    }

    private static MilestoneReached milestone(EmployeeProgress progress, LevelRef level, MilestoneKind kind,
                                              HeldCertification c, Integer window, String message, Instant at) {
        return new MilestoneReached(milestoneId(progress.employeeId(), kind, c, window), progress.employeeId(), kind,
                progress.trackId(), level.id(), level.name(), progress.readinessPercent(), window, message, at,
                c.certificationId(), c.expiresOn());
    }

    private ExpiryPlanner() {
    }
}
