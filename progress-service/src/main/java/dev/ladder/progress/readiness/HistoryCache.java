package dev.ladder.progress.readiness;

import dev.ladder.progress.ProgressProperties;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.ledger.LedgerEntry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Employees' ledgers kept in memory between evaluations, so applying an event does not read and parse the whole
 * history again. The database stays the truth: an employee's projection row records the sequence number of the
 * newest ledger entry it was evaluated with, and a cached history is used only if it ends at that very entry.
 * Sequence numbers are never reused (not even after a rollback) and an employee's entries are appended under their
 * evaluation lock, so that check is exact — also when another instance evaluated the employee meanwhile.
 * Least recently used histories are dropped beyond {@code ladder.progress.history-cache-entries} entries (by
 * default a quarter of the heap's worth).
 */
@Component
public class HistoryCache {

    private static final Comparator<LedgerEntry> BY_EFFECTIVE_DATE = Comparator.comparing(LedgerEntry::effectiveDate);

    private record Cached(long lastSequence, List<LedgerEntry> entries) {
    }

    private final Ledger ledger;
    private final long maxEntries;
    private final LinkedHashMap<String, Cached> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private long entries;

    public HistoryCache(Ledger ledger, ProgressProperties properties) {
        this.ledger = ledger;
        this.maxEntries = properties.historyCacheSize();
    }

    /**
     * @param stored   employee → sequence of the newest entry their stored projection was evaluated with (absent when
     *                 there is no projection row)
     * @param appended entries this transaction appended, per employee, in sequence order
     * @return each employee's whole history, in effective-date order (sequence order within a day)
     */
    public Map<String, List<LedgerEntry>> histories(Collection<String> employeeIds, Map<String, Long> stored,
                                                    Map<String, List<LedgerEntry>> appended) {
        Map<String, List<LedgerEntry>> histories = new HashMap<>();
        List<String> misses = new ArrayList<>();
        for (String id : employeeIds) {
            Cached cached = get(id);
            Long known = stored.get(id);
            if (cached != null && known != null && cached.lastSequence() == known) {
                histories.put(id, merge(cached.entries(), appended.getOrDefault(id, List.of())));
            } else {
                misses.add(id);
            }
        }
        if (!misses.isEmpty()) {
            Map<String, List<LedgerEntry>> loaded = ledger.entries(misses); // includes this transaction's entries
            misses.forEach(id -> histories.put(id, loaded.getOrDefault(id, List.of())));
        }
        histories.forEach(this::put);
        return histories;
    }

    /** The sequence number a projection evaluated with this history records. */
    public static long lastSequence(List<LedgerEntry> history) {
        long last = 0;
        for (LedgerEntry entry : history) {
            last = Math.max(last, entry.sequence());
        }
        return last;
    }

    private static List<LedgerEntry> merge(List<LedgerEntry> history, List<LedgerEntry> appended) {
        if (appended.isEmpty()) {
            return history;
        }
        List<LedgerEntry> merged = new ArrayList<>(history.size() + appended.size());
        merged.addAll(history);
        merged.addAll(appended); // newer sequence numbers: a stable sort keeps them after the same day's older ones
        merged.sort(BY_EFFECTIVE_DATE);
        return merged;
    }

    /** Drops every cached history (after an erasure: the ledger changed under them). */
    public synchronized void clear() {
        cache.clear();
        entries = 0;
    }

    private synchronized Cached get(String employeeId) {
        return cache.get(employeeId);
    }

    private synchronized void put(String employeeId, List<LedgerEntry> history) {
        Cached previous = cache.put(employeeId, new Cached(lastSequence(history), List.copyOf(history)));
        entries += history.size() - (previous == null ? 0 : previous.entries().size());
        Iterator<Cached> eldest = cache.values().iterator();
        while (entries > maxEntries && eldest.hasNext()) {
            entries -= eldest.next().entries().size();
            eldest.remove();
        }
    }
}
