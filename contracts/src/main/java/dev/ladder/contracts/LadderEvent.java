package dev.ladder.contracts;

/**
 * Every event Ladder publishes or consumes. Only the records of this module implement it (the services'
 * architecture tests check that), and the outbox accepts nothing else, so an event type always has its schema, its
 * {@link EventType} entry and its topic here.
 */
public interface LadderEvent {
}
