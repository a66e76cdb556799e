package dev.ladder.profile.gdpr;

import java.time.Instant;
import java.util.List;

/**
 * An erasure as admins see it; names nobody but the admin who asked (their employee id, "erased" if they were
 * erased since).
 *
 * @param status     ERASED_HERE (database clean, EmployeeErased not published yet), PURGE_PENDING (published, the
 *                   topics wait for the consumer groups in {@code waitingFor}), TOPICS_PURGED (done)
 * @param waitingFor the consumer groups still behind the captured offsets on some partition
 * @param partitions every partition of the purged topics with its captured offset
 */
public record ErasureView(String erasureId, String status, Instant requestedAt, String requestedBy,
                          Instant publishedAt, Instant completedAt, List<String> waitingFor,
                          List<PartitionView> partitions) {

    /** One partition of a purged topic: deleted below {@code capturedOffset} once {@code purged}. */
    public record PartitionView(String topic, int partition, long capturedOffset, boolean purged,
                                List<String> waitingFor) {
    }
}
