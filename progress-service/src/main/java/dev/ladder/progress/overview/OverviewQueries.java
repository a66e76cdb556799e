package dev.ladder.progress.overview;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.HeldCertification;
import dev.ladder.progress.rules.RulesEngine;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The organisation overview from the projection rows alone (one streamed query over the active people, aggregated
 * as it is read: memory grows with teams × tracks, not with people), like a team dashboard: it never reads a ledger.
 */
@Service
public class OverviewQueries {

    static final int EXPIRING_WITHIN_DAYS = RulesEngine.EXPIRING_WITHIN_DAYS;
    private static final int MAX_FILTER_LENGTH = 100;
    private static final TypeReference<List<HeldCertification>> CERTIFICATIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CatalogVersions catalogs;
    private final ReadinessService readiness;

    public OverviewQueries(JdbcClient jdbc, JsonMapper json, CatalogVersions catalogs, ReadinessService readiness) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalogs = catalogs;
        this.readiness = readiness;
    }

    private record Key(String teamId, String trackId) {
    }

    private static final class Group {
        String teamName;
        int members;
        int evaluated;
        long readinessSum;
        int atRisk;
        int expiring;
        final Map<String, Integer> levels = new HashMap<>();
        final Map<String, String> levelNames = new HashMap<>();
    }

    /**
     * @param team  only this team (null: all; "-" the people in no team)
     * @param track only this track (null: all)
     * @param page  which page of the rows (0-based), {@code size} rows each; the totals count every row
     */
    @Transactional(readOnly = true)
    public OrganisationOverview overview(Caller caller, String team, String track, int page, int size) {
        admin(caller);
        validate(team, track);
        LocalDate today = readiness.today();
        String defaultTrack = readiness.trackOf(Optional.empty());
        Map<Key, Group> groups = new TreeMap<>(Comparator.comparing((Key k) -> k.teamId() == null ? "\uffff"
                : k.teamId()).thenComparing(Key::trackId));
        jdbc.sql("""
                        SELECT e.team_id, e.team_name, e.track_id, p.track_id AS progress_track_id,
                               p.current_level_id, p.current_level_name, p.readiness_percent, p.at_risk,
                               COALESCE(p.lapsing_certifications::text, '[]') AS certifications
                        FROM employee e LEFT JOIN progress p ON p.employee_id = e.employee_id
                        WHERE e.active""")
                .query((RowCallbackHandler) rs -> {
                    String trackOfRow = rs.getString("track_id") != null ? rs.getString("track_id")
                            : rs.getString("progress_track_id") != null ? rs.getString("progress_track_id")
                            : defaultTrack;
                    Group group = groups.computeIfAbsent(new Key(rs.getString("team_id"), trackOfRow),
                            key -> new Group());
                    group.teamName = rs.getString("team_name") != null ? rs.getString("team_name") : group.teamName;
                    group.members++;
                    String level = rs.getString("current_level_id");
                    if (level == null) {
                        return;
                    }
                    group.evaluated++;
                    group.readinessSum += rs.getInt("readiness_percent");
                    group.atRisk += rs.getBoolean("at_risk") ? 1 : 0;
                    group.levels.merge(level, 1, Integer::sum);
                    group.levelNames.putIfAbsent(level, rs.getString("current_level_name"));
                    for (HeldCertification c : json.readValue(rs.getString("certifications"), CERTIFICATIONS)) {
                        LocalDate lapses = c.lapsesOn();
                        if (c.validOn(today) && lapses != null && !today.plusDays(EXPIRING_WITHIN_DAYS).isBefore(lapses)) {
                            group.expiring++;
                        }
                    }
                });

        Map<String, String> teamNames = new TreeMap<>();
        Map<String, String> trackNames = new TreeMap<>();
        Map<String, Optional<CatalogVersionPublished>> catalogOf = new HashMap<>();
        groups.forEach((key, group) -> {
            if (key.teamId() != null) {
                teamNames.put(key.teamId(), Objects.requireNonNullElse(group.teamName, key.teamId()));
            }
            trackNames.computeIfAbsent(key.trackId(), id -> catalogOf.computeIfAbsent(id, catalogs::newest)
                    .map(CatalogVersionPublished::trackName).orElse(id));
        });
        List<OrganisationOverview.Row> rows = new ArrayList<>();
        int members = 0;
        long sum = 0;
        int evaluated = 0;
        int atRisk = 0;
        int expiring = 0;
        for (Map.Entry<Key, Group> entry : groups.entrySet()) {
            Key key = entry.getKey();
            Group group = entry.getValue();
            if (team != null && !(team.equals("-") ? key.teamId() == null : team.equals(key.teamId()))
                    || track != null && !track.equals(key.trackId())) {
                continue;
            }
            Optional<CatalogVersionPublished> catalog = catalogOf.computeIfAbsent(key.trackId(), catalogs::newest);
            Map<String, Integer> levels = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            catalog.ifPresent(c -> c.levels().stream().sorted(Comparator.comparingInt(CatalogVersionPublished.Level::rank))
                    .filter(level -> group.levels.containsKey(level.id()))
                    .forEach(level -> {
                        levels.put(level.id(), group.levels.get(level.id()));
                        names.put(level.id(), level.name());
                    }));
            group.levels.forEach((id, count) -> {
                levels.putIfAbsent(id, count); // a level the newest version no longer has
                names.putIfAbsent(id, group.levelNames.getOrDefault(id, id));
            });
            rows.add(new OrganisationOverview.Row(key.teamId(),
                    key.teamId() == null ? null : teamNames.get(key.teamId()), key.trackId(),
                    trackNames.get(key.trackId()), group.members, levels, names,
                    average(group.readinessSum, group.evaluated), group.atRisk, group.expiring,
                    group.members - group.evaluated));
            members += group.members;
            sum += group.readinessSum;
            evaluated += group.evaluated;
            atRisk += group.atRisk;
            expiring += group.expiring;
        }
        // the rows are aggregated as the people stream by (memory grows with teams × tracks); the answer is a page
        return new OrganisationOverview(Page.of(rows, page, size),
                new OrganisationOverview.Totals(members, average(sum, evaluated), atRisk, expiring));
    }

    /**
     * The overview's team filter: a page of the teams with active members, by id, each with its name (its id when
     * none is known). Cut in SQL: the teams grow with the organisation.
     */
    @Transactional(readOnly = true)
    public Page<OrganisationOverview.Option> teams(Caller caller, int page, int size) {
        admin(caller);
        long total = jdbc.sql("SELECT count(DISTINCT team_id) FROM employee WHERE active AND team_id IS NOT NULL")
                .query(Long.class).single();
        List<OrganisationOverview.Option> items = jdbc.sql("""
                        SELECT team_id, COALESCE(max(team_name), team_id) AS team_name FROM employee
                        WHERE active AND team_id IS NOT NULL GROUP BY team_id
                        ORDER BY team_id LIMIT :limit OFFSET :offset""")
                .param("limit", size).param("offset", Page.offset(page, size))
                .query((rs, row) -> new OrganisationOverview.Option(rs.getString("team_id"),
                        rs.getString("team_name")))
                .list();
        return new Page<>(items, page, size, total);
    }

    /**
     * The overview's track filter: a page of the tracks with active members (a row's track, as in {@link #overview}:
     * the person's, else their progress's, else the default one), by id, each with its newest catalog's name.
     */
    @Transactional(readOnly = true)
    public Page<OrganisationOverview.Option> tracks(Caller caller, int page, int size) {
        admin(caller);
        String tracksOfActive = """
                SELECT DISTINCT COALESCE(e.track_id, p.track_id, :default) AS track_id
                FROM employee e LEFT JOIN progress p ON p.employee_id = e.employee_id WHERE e.active""";
        String defaultTrack = readiness.trackOf(Optional.empty());
        long total = jdbc.sql("SELECT count(*) FROM (" + tracksOfActive + ") t").param("default", defaultTrack)
                .query(Long.class).single();
        List<OrganisationOverview.Option> items = jdbc.sql(tracksOfActive
                        + " ORDER BY track_id LIMIT :limit OFFSET :offset")
                .param("default", defaultTrack).param("limit", size).param("offset", Page.offset(page, size))
                .query(String.class).list().stream()
                .map(id -> new OrganisationOverview.Option(id, catalogs.newest(id)
                        .map(CatalogVersionPublished::trackName).orElse(id)))
                .toList();
        return new Page<>(items, page, size, total);
    }

    private static void admin(Caller caller) {
        if (!caller.isAdmin()) {
            throw new ForbiddenException("Only admins see the organisation overview");
        }
    }

    private static Double average(long sum, int count) {
        return count == 0 ? null : Math.round(sum * 10.0 / count) / 10.0;
    }

    private static void validate(String team, String track) {
        List<FieldProblem> problems = new ArrayList<>();
        if (team != null && (team.isBlank() || team.length() > MAX_FILTER_LENGTH)) {
            problems.add(new FieldProblem("team", "must be a team id (1-" + MAX_FILTER_LENGTH + " characters) or '-'"));
        }
        if (track != null && (track.isBlank() || track.length() > MAX_FILTER_LENGTH)) {
            problems.add(new FieldProblem("track", "must be a track id (1-" + MAX_FILTER_LENGTH + " characters)"));
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
    }
}
