package dev.ladder.progress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param defaultTrack        the track of employees whose profile names none (and of achievements that arrive before
 *                            the employee's profile does)
 * @param historyCacheEntries how many ledger entries (of all employees together) are kept in memory between
 *                            evaluations (see {@code HistoryCache})
 */
@ConfigurationProperties("ladder.progress")
public record ProgressProperties(@DefaultValue("ai-ml-security-specialist") String defaultTrack,
                                 @DefaultValue("50000") long historyCacheEntries) {
}
