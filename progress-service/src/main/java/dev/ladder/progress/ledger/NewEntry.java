package dev.ladder.progress.ledger;

import dev.ladder.contracts.EventType;
import dev.ladder.kit.messaging.EventId;

import java.time.LocalDate;

/** An event about to be appended to the ledger, with the day it takes effect. */
public record NewEntry(EventId eventId, String employeeId, EventType type, LocalDate effectiveDate, Object event) {
}
