package dev.ladder.notification.summary;

import dev.ladder.notification.catalog.CatalogNames;
import dev.ladder.notification.delivery.DeliverySettings;
import dev.ladder.notification.delivery.Notification;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.Notifier;
import dev.ladder.notification.delivery.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The weekly team summary to each manager and deputy, per team: who advanced in the week, who is at risk (a
 * certification expired in the last 30 days or expiring within 30), and what expires next quarter (within 90 days).
 * It goes out at the manager's weekly digest time (their digest day and hour, in their time zone) as a
 * {@code TEAM_WEEKLY_SUMMARY} notification — in-app and by e-mail as their preferences say — and to the team's chat
 * (one post per team and ISO week). A week with nothing to say sends nothing. Each (team, manager, week) is handled
 * once, by whichever instance gets there first; a summary more than a day late is not sent.
 */
@Service
public class TeamSummaries {

    static final int RISK_DAYS = 30;
    static final int QUARTER_DAYS = 90;
    static final int MAX_LISTED = 10;
    static final String LINK = "#/team";
    private static final Duration LATEST = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(TeamSummaries.class);

    private final JdbcClient jdbc;
    private final Preferences preferences;
    private final Notifier notifier;
    private final CatalogNames names;
    private final TransactionTemplate transaction;

    TeamSummaries(JdbcClient jdbc, Preferences preferences, Notifier notifier, CatalogNames names,
                  TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.preferences = preferences;
        this.notifier = notifier;
        this.names = names;
        this.transaction = transaction;
    }

    record Lead(String teamId, String teamName, String managerId) {
    }

    record Expiry(String name, String certification, LocalDate expiresOn) {
    }

    /** Sends every summary due by {@code now} and not sent yet; returns how many went out. */
    public int sendDue(Instant now) {
        int sent = 0;
        for (Lead lead : leads()) {
            Instant due = lastDue(preferences.settings(lead.managerId()), now);
            if (due.isBefore(now.minus(LATEST))) {
                continue;
            }
            Boolean done = transaction.execute(tx -> send(lead, due, now));
            if (Boolean.TRUE.equals(done)) {
                sent++;
            }
        }
        return sent;
    }

    /** The newest weekly digest time at or before {@code now}, in the person's zone. */
    static Instant lastDue(DeliverySettings settings, Instant now) {
        ZonedDateTime local = now.atZone(settings.zone());
        ZonedDateTime candidate = local.toLocalDate().with(TemporalAdjusters.previousOrSame(settings.digestDay()))
                .atTime(settings.digestHour(), 0).atZone(settings.zone());
        if (candidate.toInstant().isAfter(now)) {
            candidate = candidate.minusWeeks(1).toLocalDate().atTime(settings.digestHour(), 0).atZone(settings.zone());
        }
        return candidate.toInstant();
    }

    private boolean send(Lead lead, Instant due, Instant now) {
        int claimed = jdbc.sql("""
                        INSERT INTO team_summary_sent (team_id, manager_id, due_at, sent_at)
                        VALUES (:team, :manager, :due, :now) ON CONFLICT DO NOTHING""")
                .param("team", lead.teamId())
                .param("manager", lead.managerId())
                .param("due", Timestamp.from(due))
                .param("now", Timestamp.from(now))
                .update();
        if (claimed == 0) {
            return false;
        }
        LocalDate today = LocalDate.ofInstant(due, preferences.settings(lead.managerId()).zone());
        List<String> advanced = advanced(lead.teamId(), due.minus(Duration.ofDays(7)), due);
        List<Expiry> atRisk = expiring(lead.teamId(), today.minusDays(RISK_DAYS), today.plusDays(RISK_DAYS));
        List<Expiry> quarter = expiring(lead.teamId(), today.plusDays(1), today.plusDays(QUARTER_DAYS));
        if (advanced.isEmpty() && atRisk.isEmpty() && quarter.isEmpty()) {
            log.debug("Nothing to tell {} about team {} this week", lead.managerId(), lead.teamId());
            return false;
        }
        String team = lead.teamName() == null || lead.teamName().isBlank() ? lead.teamId() : lead.teamName();
        String title = "Weekly summary for " + team;
        String message = message(advanced, atRisk, quarter, today);
        String week = due.atZone(java.time.ZoneOffset.UTC).get(IsoFields.WEEK_BASED_YEAR) + "-W"
                + due.atZone(java.time.ZoneOffset.UTC).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        String key = NotificationKind.TEAM_WEEKLY_SUMMARY.name() + ":" + lead.teamId() + ":" + week;
        notifier.deliver(new Notification(key + ":" + lead.managerId(), lead.managerId(),
                NotificationKind.TEAM_WEEKLY_SUMMARY.name(), title, message, due, LINK));
        notifier.toTeam(lead.teamId(), key, new Notification(key, null, NotificationKind.TEAM_WEEKLY_SUMMARY.name(),
                title, message, due, LINK));
        return true;
    }

    static String message(List<String> advanced, List<Expiry> atRisk, List<Expiry> quarter, LocalDate today) {
        List<String> parts = new ArrayList<>();
        parts.add("Advanced this week: " + (advanced.isEmpty() ? "nobody" : listed(advanced)) + ".");
        parts.add("At risk: " + (atRisk.isEmpty() ? "nobody" : listed(atRisk.stream().map(e -> e.name() + " ("
                + e.certification() + (e.expiresOn().isAfter(today) ? " expires " : " expired ") + e.expiresOn()
                + ")").toList())) + ".");
        parts.add("Expiring next quarter: " + (quarter.isEmpty() ? "nothing" : quarter.size()
                + (quarter.size() == 1 ? " certification — " : " certifications — ")
                + listed(quarter.stream().map(e -> e.name() + " " + e.certification() + " on " + e.expiresOn())
                .toList())) + ".");
        return String.join(" ", parts);
    }

    private static String listed(List<String> items) {
        String shown = items.stream().limit(MAX_LISTED).collect(Collectors.joining(", "));
        return items.size() > MAX_LISTED ? shown + " and " + (items.size() - MAX_LISTED) + " more" : shown;
    }

    /** Every (team, manager or deputy) of an active person, with the team's name. */
    private List<Lead> leads() {
        return jdbc.sql("""
                        SELECT team_id, max(team_name) AS team_name, lead AS manager_id FROM (
                            SELECT team_id, team_name, manager_id AS lead FROM person WHERE active AND team_id IS NOT NULL
                            UNION ALL
                            SELECT team_id, team_name, deputy_id AS lead FROM person WHERE active AND team_id IS NOT NULL
                        ) leads
                        WHERE lead IS NOT NULL
                        GROUP BY team_id, lead
                        ORDER BY team_id, lead""")
                .query((rs, row) -> new Lead(rs.getString("team_id"), rs.getString("team_name"),
                        rs.getString("manager_id")))
                .list();
    }

    private List<String> advanced(String teamId, Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT n.title FROM team_news n
                        WHERE n.team_id = :team AND n.kind = 'LEVEL_ADVANCED' AND n.occurred_at > :from
                          AND n.occurred_at <= :to
                        ORDER BY n.occurred_at""")
                .param("team", teamId)
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query(String.class)
                .list();
    }

    /** The team's current members' held certifications expiring in [from, to] and not renewed by a later one. */
    private List<Expiry> expiring(String teamId, LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT p.display_name, c.certification_id, c.expires_on
                        FROM held_certification c JOIN person p ON p.employee_id = c.employee_id
                        WHERE p.team_id = :team AND p.active AND c.active
                          AND c.expires_on BETWEEN :from AND :to
                          AND NOT EXISTS (SELECT 1 FROM held_certification later
                                          WHERE later.employee_id = c.employee_id AND later.active
                                            AND later.certification_id = c.certification_id
                                            AND later.achievement_id <> c.achievement_id
                                            AND (later.expires_on IS NULL OR later.expires_on > c.expires_on))
                        ORDER BY c.expires_on, p.display_name""")
                .param("team", teamId)
                .param("from", java.sql.Date.valueOf(from))
                .param("to", java.sql.Date.valueOf(to))
                .query((rs, row) -> new Expiry(rs.getString("display_name"),
                        names.certification(rs.getString("certification_id")), rs.getDate("expires_on").toLocalDate()))
                .list();
    }
}
