package dev.ladder.progress.ledger;

import java.time.LocalDate;

/** One applied event as the ledger keeps it: the typed contract record and the day it takes effect. */
public record LedgerEntry(long sequence, String eventId, String type, LocalDate effectiveDate, Object event) {
}
