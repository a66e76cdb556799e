package dev.ladder.progress.readiness;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.rules.EmployeeState;
import dev.ladder.progress.rules.LevelEvaluation;
import dev.ladder.progress.rules.Progression;
import dev.ladder.progress.rules.RulesEngine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where an employee stands on a date, derived from the ledger alone: the history is replayed day by day (every
 * effective date up to that day), carrying the level reached, because levels once reached are kept. A fact recorded
 * late lands on its own effective date, so the answer does not depend on the order events arrived in.
 * <p>
 * One pass: the fold grows entry by entry, each earlier day only asks whether the level above (and, on a demoting
 * track, the level held) is complete, and the full explanation is built for the last day alone. A history of n
 * entries costs O(n) rule checks, not O(n²) folds. The fold judges claims by the verification policy of the catalog
 * version evaluated with, and a placement in force lifts the level to it (not an advance: nothing is announced for
 * it) and keeps demotion from going below it.
 */
public final class LedgerReplay {

    private static final Comparator<LedgerEntry> BY_EFFECTIVE_DATE = Comparator.comparing(LedgerEntry::effectiveDate);

    /** The evaluation on the last day, and the state it was made on. */
    public record Result(Progression progression, EmployeeState state) {
    }

    public static Optional<Progression> on(CatalogVersionPublished catalog, List<LedgerEntry> entries,
                                           LocalDate startDate, LocalDate on, int heldRank) {
        return on(new RulesEngine(catalog), entries, startDate, on, heldRank);
    }

    public static Optional<Progression> on(RulesEngine engine, List<LedgerEntry> entries, LocalDate startDate,
                                           LocalDate on, int heldRank) {
        return replay(engine, entries, startDate, on, heldRank).map(Result::progression);
    }

    /**
     * @param entries  the history in recording order within a day (effective-date order is restored if needed)
     * @param heldRank the rank already held before the replay (1 when rebuilding from nothing)
     * @return the evaluation on {@code on}, with every level advanced to during the replay
     */
    public static Optional<Result> replay(RulesEngine engine, List<LedgerEntry> entries, LocalDate startDate,
                                          LocalDate on, int heldRank) {
        List<Level> levels = engine.levels();
        if (levels.isEmpty()) {
            return Optional.empty();
        }
        List<LedgerEntry> history = inDateOrder(entries);
        boolean demotes = engine.catalog().demotesOnExpiry();
        AchievementFold fold = new AchievementFold(startDate, history, engine.catalog().verificationPolicy());
        String trackId = engine.catalog().trackId();
        int index = Progression.indexOfRank(levels, heldRank);
        List<LevelEvaluation> advanced = new ArrayList<>();
        int next = 0;
        while (next < history.size() && history.get(next).effectiveDate().isBefore(on)) {
            LocalDate day = history.get(next).effectiveDate();
            while (next < history.size() && history.get(next).effectiveDate().equals(day)) {
                fold.add(history.get(next++));
            }
            // a placement in force is a floor, reached without an advance (nothing to announce)
            int floor = Progression.floorIndex(levels, fold.placedLevel(trackId));
            index = Math.max(index, floor);
            // asked of the fold itself: no state is built for a day that changes nothing
            while (demotes && index > floor && !engine.complete(levels.get(index), fold, day)) {
                index--;
            }
            while (index + 1 < levels.size() && engine.complete(levels.get(index + 1), fold, day)) {
                index++;
                advanced.add(engine.evaluate(levels.get(index), fold.state(), day));
            }
        }
        for (; next < history.size() && !history.get(next).effectiveDate().isAfter(on); next++) {
            fold.add(history.get(next));
        }
        EmployeeState state = fold.state();
        Progression last = Progression.evaluate(engine, levels.get(index).rank(), state, on).orElseThrow();
        advanced.addAll(last.advanced());
        return Optional.of(new Result(new Progression(last.current(), advanced, last.next(), last.atRisk()), state));
    }

    /** Stable: entries of one day keep their recording order. Ledger reads are sorted already; what-if adds some. */
    static List<LedgerEntry> inDateOrder(List<LedgerEntry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i - 1).effectiveDate().isAfter(entries.get(i).effectiveDate())) {
                List<LedgerEntry> sorted = new ArrayList<>(entries);
                sorted.sort(BY_EFFECTIVE_DATE);
                return sorted;
            }
        }
        return entries;
    }

    private LedgerReplay() {
    }
}
