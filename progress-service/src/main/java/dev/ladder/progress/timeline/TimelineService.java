package dev.ladder.progress.timeline;

import dev.ladder.contracts.EventType;
import dev.ladder.contracts.achievements.CertificationRecorded;
import dev.ladder.contracts.achievements.CertificationRejected;
import dev.ladder.contracts.achievements.CertificationRevoked;
import dev.ladder.contracts.achievements.CertificationVerified;
import dev.ladder.contracts.achievements.CertificationWithdrawn;
import dev.ladder.contracts.achievements.ExperienceRecorded;
import dev.ladder.contracts.achievements.ExperienceWithdrawn;
import dev.ladder.contracts.achievements.LevelPlaced;
import dev.ladder.contracts.achievements.SkillAssessed;
import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.progress.catalog.CatalogVersions;
import dev.ladder.progress.employee.Employee;
import dev.ladder.progress.employee.Employees;
import dev.ladder.progress.ledger.AchievementFold;
import dev.ladder.progress.ledger.Ledger;
import dev.ladder.progress.ledger.LedgerEntry;
import dev.ladder.progress.readiness.ProgressQueries;
import dev.ladder.progress.readiness.ReadinessService;
import dev.ladder.progress.rules.HeldCertification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * "My readiness over time": the days on which something happened in a range, each answered as of that day. Bounded:
 * at most {@link #MAX_DAYS} days of range, so at most that many points, each one replay of the history.
 */
@Service
public class TimelineService {

    /** The longest range one request may ask for (two years): at most this many points. */
    public static final int MAX_DAYS = 731;
    private static final int MAX_RELEASES = 100;

    private final ProgressQueries queries;
    private final ReadinessService readiness;
    private final Employees employees;
    private final CatalogVersions catalogs;
    private final Ledger ledger;
    private final AsOfSeries series;

    public TimelineService(ProgressQueries queries, ReadinessService readiness, Employees employees,
                           CatalogVersions catalogs, Ledger ledger, AsOfSeries series) {
        this.queries = queries;
        this.readiness = readiness;
        this.employees = employees;
        this.catalogs = catalogs;
        this.ledger = ledger;
        this.series = series;
    }

    @Transactional(readOnly = true)
    public Timeline mine(Caller caller, LocalDate from, LocalDate to) {
        String me = queries.employeeIdOf(caller)
                .orElseThrow(() -> new NotFoundException("No employee signs in with this account"));
        return timeline(me, from, to);
    }

    /** For the employee, their team's manager or deputy, or an admin (else 403; unknown people 404). */
    @Transactional(readOnly = true)
    public Timeline of(String employeeId, Caller caller, LocalDate from, LocalDate to) {
        queries.checkAccess(employeeId, caller);
        return timeline(employeeId, from, to);
    }

    private Timeline timeline(String employeeId, LocalDate from, LocalDate to) {
        LocalDate today = readiness.today();
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusMonths(12) : from;
        validate(first, last, today);
        Optional<Employee> employee = employees.find(employeeId);
        String trackId = readiness.trackOf(employee);
        CatalogVersionPublished catalog = catalogs.newest(trackId)
                .orElseThrow(() -> new NotFoundException("No career track has been published yet"));
        List<LedgerEntry> entries = ledger.entries(employeeId);

        List<Timeline.Event> events = new ArrayList<>();
        Map<String, String> certificationNames = catalog.certifications().stream().collect(Collectors.toMap(
                CatalogVersionPublished.Certification::id, CatalogVersionPublished.Certification::name, (a, b) -> a));
        Map<String, String> skillNames = catalog.skills().stream().collect(Collectors.toMap(
                CatalogVersionPublished.Skill::id, CatalogVersionPublished.Skill::name, (a, b) -> a));
        Map<String, String> levelNames = catalog.levels().stream().collect(Collectors.toMap(
                CatalogVersionPublished.Level::id, CatalogVersionPublished.Level::name, (a, b) -> a));
        Function<String, String> certification = id -> certificationNames.getOrDefault(id, id);
        for (LedgerEntry entry : entries) {
            if (entry.effectiveDate().isAfter(first) && !entry.effectiveDate().isAfter(last)) {
                describe(entry, certification, skillNames, levelNames).ifPresent(events::add);
            }
        }
        // expiries: the certifications held by the last day whose validity ended inside the range
        LocalDate start = employee.map(Employee::startDate).orElse(null);
        for (HeldCertification held : AchievementFold.stateOn(entries, start, last, catalog.verificationPolicy())
                .certifications()) {
            LocalDate expires = held.expiresOn();
            if (expires != null && expires.isAfter(first) && !expires.isAfter(last)
                    && (held.revokedOn() == null || expires.isBefore(held.revokedOn()))) {
                events.add(new Timeline.Event(expires, "CERTIFICATION_EXPIRED",
                        certification.apply(held.certificationId()) + " expired"));
            }
        }
        Optional<String> trackOnFirst = employees.trackOn(employeeId, first);
        for (String track : new TreeSet<>(List.of(trackId, trackOnFirst.orElse(trackId)))) {
            for (CatalogVersions.Release release : catalogs.releasedBetween(track, first.plusDays(1), last,
                    MAX_RELEASES)) {
                events.add(new Timeline.Event(release.publishedOn(), "CATALOG_RELEASED",
                        "Catalog version " + release.version() + " of " + track + " published"));
            }
        }
        events.sort(Comparator.comparing(Timeline.Event::day));

        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(first);
        events.forEach(event -> days.add(event.day()));
        days.add(last);
        Map<LocalDate, Timeline.Point> points = series.on(employeeId, employee, entries, days,
                new AsOfSeries.Catalogs());
        return new Timeline(employeeId, first, last, changesOnly(List.copyOf(points.values()), last), events);
    }

    /** The first point, every point that differs from the one before, and the last day. */
    static List<Timeline.Point> changesOnly(List<Timeline.Point> points, LocalDate last) {
        List<Timeline.Point> kept = new ArrayList<>();
        for (Timeline.Point point : points) {
            Timeline.Point previous = kept.isEmpty() ? null : kept.get(kept.size() - 1);
            if (previous == null || point.day().equals(last) || !sameStanding(previous, point)) {
                kept.add(point);
            }
        }
        return kept;
    }

    private static boolean sameStanding(Timeline.Point a, Timeline.Point b) {
        return a.readinessPercent() == b.readinessPercent() && a.levelRank() == b.levelRank()
                && Objects.equals(a.levelId(), b.levelId()) && Objects.equals(a.nextLevelId(), b.nextLevelId())
                && a.atRisk() == b.atRisk();
    }

    private static Optional<Timeline.Event> describe(LedgerEntry entry, Function<String, String> certification,
                                                     Map<String, String> skills, Map<String, String> levels) {
        LocalDate day = entry.effectiveDate();
        Object event = entry.event();
        String kind;
        String label;
        if (event instanceof CertificationRecorded c) {
            kind = "CERTIFICATION_RECORDED";
            label = certification.apply(c.certificationId()) + " recorded";
        } else if (event instanceof CertificationVerified v) {
            kind = "CERTIFICATION_VERIFIED";
            label = certification.apply(v.certificationId()) + " verified";
        } else if (event instanceof CertificationRejected r) {
            kind = "CERTIFICATION_REJECTED";
            label = certification.apply(r.certificationId()) + " rejected";
        } else if (event instanceof CertificationRevoked r) {
            kind = "CERTIFICATION_REVOKED";
            label = certification.apply(r.certificationId()) + " revoked";
        } else if (event instanceof CertificationWithdrawn w) {
            kind = "CERTIFICATION_WITHDRAWN";
            label = certification.apply(w.certificationId()) + " withdrawn";
        } else if (event instanceof SkillAssessed s) {
            kind = "SKILL_ASSESSED";
            label = skills.getOrDefault(s.skillId(), s.skillId()) + " assessed at " + s.proficiency();
        } else if (event instanceof ExperienceRecorded e) {
            kind = "EXPERIENCE_RECORDED";
            label = "Experience recorded (" + ChronoUnit.MONTHS.between(e.startedOn(),
                    e.endedOn() == null ? day : e.endedOn()) + " months)";
        } else if (event instanceof ExperienceWithdrawn) {
            kind = "EXPERIENCE_WITHDRAWN";
            label = "Experience withdrawn";
        } else if (event instanceof LevelPlaced p) {
            kind = "LEVEL_PLACED";
            label = "Placed at " + levels.getOrDefault(p.levelId(), p.levelId());
        } else {
            kind = EventType.byId(entry.type()).map(Enum::name).orElse(null);
            label = kind;
        }
        Timeline.Event described = kind == null ? null : new Timeline.Event(day, kind, label);
        return Optional.ofNullable(described);
    }

    private static void validate(LocalDate from, LocalDate to, LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        if (to.isAfter(today)) {
            problems.add(new FieldProblem("to", "must not be after today (" + today + "): this is history"));
        }
        if (from.isAfter(to)) {
            problems.add(new FieldProblem("from", "must not be after 'to' (" + to + ")"));
        } else if (ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
            problems.add(new FieldProblem("from", "the range may span at most " + MAX_DAYS + " days"));
        }
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
    }
}
