package dev.ladder.progress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param defaultTrack        the track of employees whose profile names none (and of achievements that arrive before
 *                            the employee's profile does)
 * @param historyCacheEntries how many ledger entries (of all employees together) are kept in memory between
 *                            evaluations (see {@code HistoryCache}); 0: a quarter of the heap's worth
 * @param catalogWait         how long an achievement naming a certification or skill not known here waits for the
 *                            catalog releases already published to be applied, before it is judged (see
 *                            {@code CatalogReferences})
 */
@ConfigurationProperties("ladder.progress")
public record ProgressProperties(@DefaultValue("ai-ml-security-specialist") String defaultTrack,
                                 @DefaultValue("0") long historyCacheEntries,
                                 @DefaultValue("10s") Duration catalogWait) {

    /** About what one cached ledger entry costs on the heap, parsed event included. */
    static final long BYTES_PER_CACHED_ENTRY = 1024;

    /** The configured size, or (0, the default) as many entries as fit in a quarter of the maximum heap. */
    public long historyCacheSize() {
        return historyCacheEntries > 0 ? historyCacheEntries
                : Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_CACHED_ENTRY;
    }
}
