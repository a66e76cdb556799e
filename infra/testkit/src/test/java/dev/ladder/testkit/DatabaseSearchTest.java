package dev.ladder.testkit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The erasure tests' search, against a real PostgreSQL database of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseSearchTest {

    private static final String ERIN = "3f0c6c5e-6a43-4ad4-9d0b-2c5e1f1f0a11";

    private final PGSimpleDataSource database = new PGSimpleDataSource();

    @BeforeAll
    void aDatabaseHoldingErinInEveryKindOfColumn() throws Exception {
        LadderInfra.Database created = LadderInfra.newDatabase("testkit_search");
        database.setUrl(created.url());
        database.setUser(created.username());
        database.setPassword(created.password());
        try (Connection connection = database.getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE person (id UUID PRIMARY KEY, name VARCHAR(100), email TEXT, score INT);
                    CREATE TABLE event (id BIGINT PRIMARY KEY, payload JSONB, watchers TEXT[]);
                    CREATE SCHEMA archive;
                    CREATE TABLE archive.note (body TEXT);
                    CREATE TABLE "odd""name" ("quoted col" TEXT);
                    INSERT INTO person VALUES ('%1$s', 'Erin Example', 'Erin@Example.org', 42);
                    INSERT INTO event VALUES (1, '{"by": {"employeeId": "%1$s"}}', ARRAY['olga', 'erin@example.org']);
                    INSERT INTO archive.note VALUES ('wrote about Erin Example');
                    INSERT INTO "odd""name" VALUES ('nothing here');
                    CREATE MATERIALIZED VIEW names AS SELECT name FROM person;
                    """.formatted(ERIN));
        }
    }

    @Test
    void findsEveryColumnHoldingAnyValueWhateverItsTypeCaseOrSchema() {
        assertThat(DatabaseSearch.mentions(database, List.of(ERIN, "erin example", "erin@example.org")))
                .containsExactly(
                        "archive.note.body ~ erin example",
                        "event.payload ~ " + ERIN,
                        "event.watchers ~ erin@example.org",
                        "names.name ~ erin example",
                        "person.email ~ erin@example.org",
                        "person.id ~ " + ERIN,
                        "person.name ~ erin example");
    }

    @Test
    void findsNothingWhereNobodyIs() {
        assertThat(DatabaseSearch.mentions(database, List.of("mallory", "42"))).isEmpty();
    }

    @Test
    void refusesASearchThatWouldMatchEverythingOrNothing() throws Exception {
        assertThatThrownBy(() -> DatabaseSearch.mentions(database, List.of(ERIN, " ")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseSearch.mentions(database, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        LadderInfra.Database empty = LadderInfra.newDatabase("testkit_search_empty");
        PGSimpleDataSource nothing = new PGSimpleDataSource();
        nothing.setUrl(empty.url());
        nothing.setUser(empty.username());
        nothing.setPassword(empty.password());
        assertThatThrownBy(() -> DatabaseSearch.mentions(nothing, List.of(ERIN)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no table");
    }
}
