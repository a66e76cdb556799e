package dev.ladder.progress.readiness;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.rules.LevelEvaluation;
import dev.ladder.progress.rules.Progression;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where an employee stands on a date, derived from the ledger alone: the history is replayed day by day (every
 * effective date up to that day), carrying the level reached, because levels once reached are kept. A fact recorded
 * late lands on its own effective date, so the answer does not depend on the order events arrived in.
 */
public final class LedgerReplay {

    /**
     * @param heldRank the rank already held before the replay (1 when rebuilding from nothing)
     * @return the evaluation on {@code on}, with every level advanced to during the replay
     */
    public static Optional<Progression> on(CatalogVersionPublished catalog, List<LedgerEntry> entries,
                                           LocalDate startDate, LocalDate on, int heldRank) {
        TreeSet<LocalDate> days = new TreeSet<>();
        entries.stream().map(LedgerEntry::effectiveDate).filter(d -> !d.isAfter(on)).forEach(days::add);
        days.add(on);
        int rank = heldRank;
        List<LevelEvaluation> advanced = new ArrayList<>();
        Progression last = null;
        for (LocalDate day : days) {
            Optional<Progression> progression = Progression.evaluate(catalog, rank,
                    AchievementFold.stateOn(entries, startDate, day), day);
            if (progression.isEmpty()) {
                return progression;
            }
            last = progression.get();
            advanced.addAll(last.advanced());
            rank = last.current().rank();
        }
        return Optional.of(new Progression(last.current(), advanced, last.next(), last.atRisk()));
    }

    private LedgerReplay() {
    }
}
