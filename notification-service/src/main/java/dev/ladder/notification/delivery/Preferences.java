package dev.ladder.notification.delivery;

import dev.ladder.notification.delivery.NotificationKind.Mode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each person's choice per kind × channel and their delivery settings. Without a row, the kind's default applies
 * ({@link NotificationKind}): in-app always on, e-mail as the kind says.
 */
@Service
public class Preferences {

    private final JdbcClient jdbc;
    private final ZoneId defaultZone;

    Preferences(JdbcClient jdbc, @Value("${ladder.notification.default-time-zone:UTC}") ZoneId defaultZone) {
        this.jdbc = jdbc;
        this.defaultZone = defaultZone;
    }

    public static Mode defaultMode(NotificationKind kind, PreferenceChannel channel) {
        return channel == PreferenceChannel.IN_APP ? Mode.ON : kind.defaultEmail();
    }

    /** What the person chose for the kind on the channel, or its default. */
    @Transactional(readOnly = true)
    public Mode mode(String employeeId, NotificationKind kind, PreferenceChannel channel) {
        return jdbc.sql("SELECT mode FROM preference WHERE employee_id = :id AND kind = :kind AND channel = :channel")
                .param("id", employeeId)
                .param("kind", kind.name())
                .param("channel", channel.name())
                .query(String.class)
                .optional()
                .map(Mode::valueOf)
                .orElseGet(() -> defaultMode(kind, channel));
    }

    /** Every choice the person made (kinds without a row are at their default). */
    @Transactional(readOnly = true)
    public Map<NotificationKind, Map<PreferenceChannel, Mode>> chosen(String employeeId) {
        Map<NotificationKind, Map<PreferenceChannel, Mode>> chosen = new EnumMap<>(NotificationKind.class);
        record Row(String kind, String channel, String mode) {
        }
        List<Row> rows = jdbc.sql("SELECT kind, channel, mode FROM preference WHERE employee_id = :id")
                .param("id", employeeId)
                .query((rs, row) -> new Row(rs.getString("kind"), rs.getString("channel"), rs.getString("mode")))
                .list();
        for (Row row : rows) {
            NotificationKind.of(row.kind()).ifPresent(kind -> chosen
                    .computeIfAbsent(kind, k -> new EnumMap<>(PreferenceChannel.class))
                    .put(PreferenceChannel.valueOf(row.channel()), Mode.valueOf(row.mode())));
        }
        return chosen;
    }

    @Transactional
    public void choose(String employeeId, NotificationKind kind, PreferenceChannel channel, Mode mode, Instant now) {
        jdbc.sql("""
                        INSERT INTO preference (employee_id, kind, channel, mode, updated_at)
                        VALUES (:id, :kind, :channel, :mode, :now)
                        ON CONFLICT (employee_id, kind, channel) DO UPDATE SET mode = EXCLUDED.mode,
                                                                               updated_at = EXCLUDED.updated_at""")
                .param("id", employeeId)
                .param("kind", kind.name())
                .param("channel", channel.name())
                .param("mode", mode.name())
                .param("now", Timestamp.from(now))
                .update();
    }

    @Transactional(readOnly = true)
    public DeliverySettings settings(String employeeId) {
        return find(employeeId).orElseGet(() -> DeliverySettings.defaults(defaultZone));
    }

    @Transactional
    public void save(String employeeId, DeliverySettings settings, Instant now) {
        jdbc.sql("""
                        INSERT INTO delivery_settings (employee_id, time_zone, digest_hour, digest_day, quiet_from,
                                                       quiet_until, updated_at)
                        VALUES (:id, :zone, :hour, :day, :from, :until, :now)
                        ON CONFLICT (employee_id) DO UPDATE SET time_zone = EXCLUDED.time_zone,
                            digest_hour = EXCLUDED.digest_hour, digest_day = EXCLUDED.digest_day,
                            quiet_from = EXCLUDED.quiet_from, quiet_until = EXCLUDED.quiet_until,
                            updated_at = EXCLUDED.updated_at""")
                .param("id", employeeId)
                .param("zone", settings.zone().getId())
                .param("hour", settings.digestHour())
                .param("day", settings.digestDay().getValue())
                .param("from", settings.quietFrom() == null ? null : Time.valueOf(settings.quietFrom()))
                .param("until", settings.quietUntil() == null ? null : Time.valueOf(settings.quietUntil()))
                .param("now", Timestamp.from(now))
                .update();
    }

    private Optional<DeliverySettings> find(String employeeId) {
        return jdbc.sql("""
                        SELECT time_zone, digest_hour, digest_day, quiet_from, quiet_until
                        FROM delivery_settings WHERE employee_id = :id""")
                .param("id", employeeId)
                .query((rs, row) -> {
                    Time from = rs.getTime("quiet_from");
                    Time until = rs.getTime("quiet_until");
                    return new DeliverySettings(ZoneId.of(rs.getString("time_zone")), rs.getInt("digest_hour"),
                            DayOfWeek.of(rs.getInt("digest_day")), from == null ? null : from.toLocalTime(),
                            until == null ? null : until.toLocalTime());
                })
                .optional();
    }
}
