package dev.ladder.benchmark;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.profile.EmployeeUpdated;
import dev.ladder.kit.security.Caller;
import dev.ladder.progress.catalog.CatalogReleases;
import dev.ladder.progress.employee.EmployeeChanges;
import dev.ladder.progress.readiness.ProgressHistory;
import dev.ladder.progress.team.TeamQueries;
import org.postgresql.PGConnection;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static dev.ladder.benchmark.AchievementThroughput.JSON;
import static dev.ladder.benchmark.AchievementThroughput.employeeId;
import static dev.ladder.benchmark.AchievementThroughput.jdbcUrl;
import static dev.ladder.benchmark.AchievementThroughput.log;
import static dev.ladder.benchmark.AchievementThroughput.secs;

/**
 * Team dashboard latency: TeamQueries.team(teamId, admin caller) — the service method behind
 * GET /api/progress/teams/{teamId}, called directly (no HTTP, no gateway, no JWT) — for one team of M members whose
 * ledger holds L events, at a large and a small L.
 */
final class TeamDashboard {

    static final int MEMBERS = Integer.getInteger("bench.team.members", 1_000);
    static final int LARGE = Integer.getInteger("bench.team.events", 100_000);
    static final int SMALL = Integer.getInteger("bench.team.small-events", 10_000);
    static final int CALLS = Integer.getInteger("bench.team.calls", 200);
    static final int WARMUP_CALLS = Integer.getInteger("bench.team.warmup-calls", 3);
    static final long BUDGET_SECONDS = Long.getLong("bench.team.budget-seconds", 60);

    static void run(AchievementThroughput.DatabaseFactory databases, String bootstrap) throws Exception {
        log("================ TEAM DASHBOARD ================");
        log("TeamQueries.team(teamId, admin) called in-process (not over HTTP/gateway); team of " + MEMBERS
                + " members; " + CALLS + " calls after " + WARMUP_CALLS + " warm-up calls, at most "
                + BUDGET_SECONDS + " s of calls per size");
        double[] large = measure(databases.create(), LARGE);
        double[] small = measure(databases.create(), SMALL);
        log(String.format("p95 ratio %,d/%,d events: %.2f   (targets: p95 <= 50 ms, ratio <= 1.3)", LARGE, SMALL,
                large[1] / small[1]));
    }

    /** @return {p50, p95} in ms */
    static double[] measure(String db, int events) throws Exception {
        try (ConfigurableApplicationContext context = AchievementThroughput.startService(db)) {
            Instant now = Instant.parse("2026-11-25T09:00:00Z");
            context.getBean(CatalogReleases.class).apply(UUID.randomUUID().toString(), SeedTrack.version(1));
            EmployeeChanges employees = context.getBean(EmployeeChanges.class);
            Random random = new Random(7);
            String teamId = "big-team";
            for (int i = 0; i < MEMBERS; i++) {
                employees.apply(UUID.randomUUID().toString(), new EmployeeUpdated(employeeId(i), "Member " + i,
                        "m" + i + "@example.com", teamId, "Big team", employeeId(900_000_000), SeedTrack.TRACK, "us",
                        LocalDate.of(2010, 1, 1).plusDays(random.nextInt(16 * 365)), now));
            }
            long t = System.nanoTime();
            copyLedger(db, events, random);
            log(String.format("  %,d ledger rows loaded with COPY in %.1f s", events, secs(System.nanoTime() - t)));
            t = System.nanoTime();
            int rebuilt = context.getBean(ProgressHistory.class).rebuild();
            log(String.format("  projection rebuilt (ProgressHistory.rebuild) for %,d employees in %.1f s", rebuilt,
                    secs(System.nanoTime() - t)));

            TeamQueries teams = context.getBean(TeamQueries.class);
            Caller admin = new Caller("bench-admin", "admin", "Admin", "admin@example.com", Set.of(Caller.ADMIN));
            int members = 0;
            for (int i = 0; i < WARMUP_CALLS; i++) {
                members = teams.team(teamId, admin).members().size();
            }
            List<Long> nanos = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < CALLS && System.nanoTime() - start < BUDGET_SECONDS * 1_000_000_000L; i++) {
                long c = System.nanoTime();
                teams.team(teamId, admin);
                nanos.add(System.nanoTime() - c);
            }
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            double p50 = percentile(sorted, 50) / 1e6;
            double p95 = percentile(sorted, 95) / 1e6;
            log(String.format("  %,d ledger events, %d members in the answer: %d calls, p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                    events, members, sorted.length, p50, p95, sorted[sorted.length - 1] / 1e6));
            return new double[] {p50, p95};
        }
    }

    static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Ledger rows exactly as Ledger.append writes them (type = ce_type id, payload = the event's JSON). */
    static void copyLedger(String db, int events, Random random) throws Exception {
        List<String> certifications = SeedTrack.version(1).certifications().stream().map(c -> c.id()).toList();
        List<String> skills = SeedTrack.version(1).skills().stream().map(s -> s.id()).toList();
        Instant now = Instant.parse("2026-11-25T09:00:00Z");
        try (Connection connection = DriverManager.getConnection(jdbcUrl(db), "postgres", "postgres")) {
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            int chunk = 50_000;
            for (int from = 0; from < events; from += chunk) {
                StringBuilder csv = new StringBuilder();
                for (int i = from; i < Math.min(events, from + chunk); i++) {
                    String employee = employeeId(i % MEMBERS);
                    LocalDate on = LocalDate.of(2016, 1, 1).plusDays(random.nextInt(10 * 365));
                    Instant recordedAt = now.minusSeconds(random.nextInt(1_000_000));
                    Object event;
                    EventType type;
                    if (i % 2 == 0) {
                        event = new CertificationRecorded("a-" + i, employee,
                                certifications.get(random.nextInt(certifications.size())), "CRED-" + i, "Issuer", on,
                                random.nextBoolean() ? on.plusYears(3) : null, recordedAt);
                        type = EventType.CERTIFICATION_RECORDED;
                    } else {
                        event = new SkillAssessed("s-" + i, employee, skills.get(random.nextInt(skills.size())),
                                1 + random.nextInt(5), SkillAssessed.Source.ASSESSMENT, "bench", on, recordedAt);
                        type = EventType.SKILL_ASSESSED;
                    }
                    String payload = JSON.writeValueAsString(event).replace("\"", "\"\"");
                    csv.append(employee).append(',').append(UUID.randomUUID()).append(',').append(type.id())
                            .append(',').append(on).append(",\"").append(payload).append("\"\n");
                }
                copy.copyIn("COPY ledger_entry (employee_id, event_id, type, effective_date, payload) FROM STDIN (FORMAT csv)",
                        new StringReader(csv.toString()));
            }
            try (var s = connection.createStatement()) {
                s.execute("ANALYZE ledger_entry");
            }
        }
    }

    private TeamDashboard() {
    }
}
