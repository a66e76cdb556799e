package dev.ladder.profile.gdpr;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/** The {@code erasure} table: the audit trail of erasures and the topic purge's progress. */
@Repository
public class ErasureRepository {

    static final String ERASED_HERE = "ERASED_HERE";
    static final String PURGE_PENDING = "PURGE_PENDING";
    static final String TOPICS_PURGED = "TOPICS_PURGED";

    private static final TypeReference<Map<String, Long>> CAPTURED = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, PartitionProgress>> PROGRESS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ErasureRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * How the purge of one partition ({@code "<topic>:<partition>"}) stands; {@code rewritten}: a dead-letter
     * partition whose records of others were appended again (so a failed cut does not append them twice).
     */
    public record PartitionProgress(boolean purged, List<String> waitingFor, boolean rewritten) {

        PartitionProgress(boolean purged, List<String> waitingFor) {
            this(purged, waitingFor, false);
        }
    }

    /** A pending erasure as the purger sees it. */
    record Pending(UUID id, String status, String employeeId, String subject, String eventId,
                   Map<String, Long> captured, Map<String, PartitionProgress> progress) {
    }

    void insert(UUID id, String requestedBy, Instant at, String employeeId, String subject, String eventId) {
        jdbc.sql("""
                        insert into erasure (id, requested_by, requested_at, status, employee_id, subject, event_id)
                        values (:id, :requestedBy, :at, 'ERASED_HERE', :employeeId, :subject, :eventId)""")
                .param("id", id).param("requestedBy", requestedBy).param("at", Timestamp.from(at))
                .param("employeeId", employeeId).param("subject", subject).param("eventId", eventId).update();
    }

    Optional<ErasureView> find(UUID id) {
        return jdbc.sql("""
                        select id, status, requested_at, requested_by, published_at, completed_at,
                               captured::text as captured, progress::text as progress
                          from erasure where id = :id""")
                .param("id", id).query(this::view).optional();
    }

    /** Erasures whose topics are not purged yet, oldest first. */
    List<Pending> pending() {
        return jdbc.sql("""
                        select id, status, employee_id, subject, event_id, captured::text as captured,
                               progress::text as progress
                          from erasure where status <> 'TOPICS_PURGED' order by requested_at, id""")
                .query((rs, n) -> new Pending(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getString("employee_id"), rs.getString("subject"), rs.getString("event_id"),
                        captured(rs.getString("captured")), progress(rs.getString("progress"))))
                .list();
    }

    /** Whether the relay published the erasure's event; empty when its outbox row is gone. */
    Optional<Instant> sentAt(String eventId) {
        return jdbc.sql("select sent_at from outbox_event where event_id = :eventId").param("eventId", eventId)
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
                .optional().flatMap(o -> o);
    }

    void captured(UUID id, Instant publishedAt, Map<String, Long> captured, Map<String, PartitionProgress> progress) {
        jdbc.sql("""
                        update erasure set status = 'PURGE_PENDING', published_at = :publishedAt,
                               captured = cast(:captured as jsonb), progress = cast(:progress as jsonb)
                         where id = :id and status = 'ERASED_HERE'""")
                .param("id", id).param("publishedAt", Timestamp.from(publishedAt))
                .param("captured", json.writeValueAsString(captured))
                .param("progress", json.writeValueAsString(progress)).update();
    }

    void progress(UUID id, Map<String, PartitionProgress> progress) {
        jdbc.sql("update erasure set progress = cast(:progress as jsonb) where id = :id and status = 'PURGE_PENDING'")
                .param("id", id).param("progress", json.writeValueAsString(progress)).update();
    }

    /**
     * Done: the person's identifiers are dropped, and so is the (sent) outbox row of EmployeeErased, whose payload
     * names them.
     */
    void completed(UUID id, String eventId, Map<String, PartitionProgress> progress, Instant at) {
        jdbc.sql("delete from outbox_event where event_id = :eventId and sent_at is not null")
                .param("eventId", eventId).update();
        jdbc.sql("""
                        update erasure set status = 'TOPICS_PURGED', employee_id = null, subject = null,
                               progress = cast(:progress as jsonb), completed_at = :at
                         where id = :id""")
                .param("id", id).param("progress", json.writeValueAsString(progress))
                .param("at", Timestamp.from(at)).update();
    }

    private ErasureView view(ResultSet rs, int row) throws SQLException {
        Map<String, Long> captured = captured(rs.getString("captured"));
        Map<String, PartitionProgress> progress = progress(rs.getString("progress"));
        List<ErasureView.PartitionView> partitions = new ArrayList<>();
        TreeSet<String> waiting = new TreeSet<>();
        captured.forEach((key, offset) -> {
            int colon = key.lastIndexOf(':');
            PartitionProgress p = progress.getOrDefault(key, new PartitionProgress(false, List.of()));
            List<String> groups = p.waitingFor() == null ? List.of() : p.waitingFor();
            waiting.addAll(groups);
            partitions.add(new ErasureView.PartitionView(key.substring(0, colon),
                    Integer.parseInt(key.substring(colon + 1)), offset, p.purged(), groups));
        });
        return new ErasureView(rs.getObject("id", UUID.class).toString(), rs.getString("status"),
                instant(rs.getTimestamp("requested_at")), rs.getString("requested_by"),
                instant(rs.getTimestamp("published_at")), instant(rs.getTimestamp("completed_at")),
                List.copyOf(waiting), partitions);
    }

    private Map<String, Long> captured(String text) {
        return text == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(json.readValue(text, CAPTURED));
    }

    private Map<String, PartitionProgress> progress(String text) {
        return text == null ? new LinkedHashMap<>() : new LinkedHashMap<>(json.readValue(text, PROGRESS));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
