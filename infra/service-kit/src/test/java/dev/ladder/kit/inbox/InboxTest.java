package dev.ladder.kit.inbox;

import dev.ladder.kit.messaging.EventId;
import dev.ladder.testkit.LadderInfra;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The inbox on a real PostgreSQL with the kit's own migrations: events are known by source and id together. */
class InboxTest {

    static final String CONSUMER = "test.consumer";
    static final String LMS = "/lms/acme-academy";
    static final String ISSUER = "/issuers/ec-council";

    LadderInfra.Database db;
    JdbcClient jdbc;
    Inbox inbox;
    TransactionTemplate tx;

    @BeforeEach
    void freshDatabase() {
        db = LadderInfra.newDatabase("kit_inbox");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        jdbc = JdbcClient.create(dataSource);
        inbox = new Inbox(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @Test
    void theSameIdFromTwoSourcesIsTwoEventsAndTheSamePairTwiceIsOne() {
        migrate(null);

        assertThat(inTx(() -> inbox.firstDelivery(new EventId(LMS, "1"), CONSUMER))).isTrue();
        assertThat(inTx(() -> inbox.firstDelivery(new EventId(ISSUER, "1"), CONSUMER))).isTrue();
        assertThat(inTx(() -> inbox.firstDelivery(new EventId(LMS, "1"), CONSUMER))).isFalse();
        // another consumer in the same service has its own record of what it applied
        assertThat(inTx(() -> inbox.firstDelivery(new EventId(LMS, "1"), "other.consumer"))).isTrue();
    }

    @Test
    void aBatchCountsEachPairOnceAndOnlyPairsNotSeenBefore() {
        migrate(null);
        inTx(() -> inbox.firstDelivery(new EventId(LMS, "seen"), CONSUMER));

        Set<EventId> first = inTx(() -> inbox.firstDeliveries(List.of(new EventId(LMS, "2"), new EventId(ISSUER, "2"),
                new EventId(LMS, "2"), new EventId(LMS, "seen")), CONSUMER));

        assertThat(first).containsExactlyInAnyOrder(new EventId(LMS, "2"), new EventId(ISSUER, "2"));
        assertThat(inTx(() -> inbox.firstDeliveries(List.of(new EventId(LMS, "2"), new EventId(ISSUER, "2")),
                CONSUMER))).isEmpty();
        assertThat(inTx(() -> inbox.firstDeliveries(List.of(), CONSUMER))).isEmpty();
    }

    /**
     * An inbox row written before sources were kept still stands for its id, whatever source it comes from again: an
     * event applied before the upgrade and redelivered after it is not applied twice.
     */
    @Test
    void eventsAppliedBeforeTheUpgradeAreNotAppliedAgain() {
        migrate("0.1");
        jdbc.sql("INSERT INTO processed_event (event_id, consumer) VALUES ('before', :c)").param("c", CONSUMER)
                .update();
        migrate(null);

        assertThat(jdbc.sql("SELECT event_source FROM processed_event WHERE event_id = 'before'").query(String.class)
                .single()).isEmpty();
        assertThat(inTx(() -> inbox.firstDelivery(new EventId(LMS, "before"), CONSUMER))).isFalse();
        assertThat(inTx(() -> inbox.firstDeliveries(List.of(new EventId(ISSUER, "before"),
                new EventId(ISSUER, "after")), CONSUMER))).containsExactly(new EventId(ISSUER, "after"));
        assertThat(inTx(() -> inbox.firstDelivery(new EventId(LMS, "before"), "other.consumer"))).isTrue();
    }

    private void migrate(String target) {
        var flyway = Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/kit");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private <T> T inTx(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }
}
