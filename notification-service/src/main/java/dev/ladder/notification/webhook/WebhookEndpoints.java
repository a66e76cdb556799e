package dev.ladder.notification.webhook;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.Page;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.notification.delivery.DeliveryLog;
import dev.ladder.notification.delivery.DeliveryView;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.OutboundChannel;
import dev.ladder.notification.people.People;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Registering and managing webhook endpoints.
 * <ul>
 * <li>Who registers: an admin, for any team or the organisation ({@code teamId} null); anyone else only for a team
 * they manage or deputise for (a team of a person whose manager or deputy they are) — else 403.</li>
 * <li>Who sees and manages an endpoint: whoever registered it, the managers and deputies of its team, admins. For
 * anyone else it does not exist: 404, the same answer as for an unknown id.</li>
 * <li>Kinds: a team's endpoint takes the team kinds meant for managers ({@link NotificationKind#team()}, audience
 * MANAGER); an organisation's endpoint takes the team kinds meant for admins (audience ADMIN: news of the whole
 * organisation, such as a catalog re-evaluation), which is what {@link WebhookRouting} sends it.</li>
 * <li>The signing secret is shown once, in the answer to registering or rotating it; never again, never logged.</li>
 * </ul>
 * URLs are checked (and, unless private networks are allowed, resolved) before any transaction is opened.
 */
@Service
public class WebhookEndpoints {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoints.class);

    private final WebhookRepository repository;
    private final People people;
    private final WebhookUrlGuard guard;
    private final TransactionOperations tx;
    private final DeliveryLog deliveryLog;
    private final Duration previousSecretValidFor;
    private final Clock clock = Clock.systemUTC();

    WebhookEndpoints(WebhookRepository repository, People people, WebhookUrlGuard guard, TransactionOperations tx,
                     DeliveryLog deliveryLog,
                     WebhookProperties properties) {
        this.repository = repository;
        this.people = people;
        this.guard = guard;
        this.tx = tx;
        this.deliveryLog = deliveryLog;
        this.previousSecretValidFor = properties.previousSecretValidFor();
    }

    /** Registers an endpoint; the answer carries its secret, the only time it is shown. */
    public WebhookView register(Caller caller, WebhookRequest request) {
        String me = people.employeeIdOf(caller.id());
        String teamId = blankToNull(request.teamId());
        if (!caller.isAdmin()) {
            if (teamId == null) {
                throw new ForbiddenException("Only admins can register organisation-wide webhook endpoints.");
            }
            if (!repository.managedTeams(me).contains(teamId)) {
                throw new ForbiddenException("You can register webhook endpoints only for teams you manage.");
            }
        }
        List<FieldProblem> problems = new ArrayList<>();
        String url = request.url() == null ? null : request.url().trim();
        guard.problem(url).ifPresent(p -> problems.add(new FieldProblem("url", p)));
        WebhookFormat format = WebhookFormat.of(request.format()).orElse(null);
        if (format == null) {
            problems.add(new FieldProblem("format", "must be one of SLACK, TEAMS, JSON"));
        }
        List<String> kinds = kinds(request.kinds(), teamId == null, problems);
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        Instant now = now();
        String secret = WebhookSignature.newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(UUID.randomUUID(), me, teamId, url, format, kinds,
                blankToNull(request.description()), secret, null, null, true, null, null, null, now, now);
        repository.insert(endpoint);
        log.info("Webhook endpoint {} registered by {} for {}", endpoint.id(), me,
                teamId == null ? "the organisation" : "team " + teamId);
        return WebhookView.withSecret(endpoint, now, secret);
    }

    /** The endpoints the caller may see (admins: all, or one team's), newest first. */
    public Page<WebhookView> list(Caller caller, String teamId, int page, int size) {
        String team = blankToNull(teamId);
        long offset = (long) page * size;
        Instant now = now();
        List<WebhookEndpoint> found;
        long total;
        if (caller.isAdmin()) {
            found = repository.page(null, null, team, size, offset);
            total = repository.count(null, null, team);
        } else {
            String me = people.employeeIdOf(caller.id());
            List<String> teams = repository.managedTeams(me);
            found = repository.page(me, teams, team, size, offset);
            total = repository.count(me, teams, team);
        }
        return new Page<>(found.stream().map(e -> WebhookView.of(e, now)).toList(), page, size, total);
    }

    public WebhookView get(Caller caller, String id) {
        return WebhookView.of(visible(caller, id, false), now());
    }

    /** Changes what is given; {@code enabled: true} re-enables and forgets past failures. */
    public WebhookView update(Caller caller, String id, WebhookUpdate update) {
        // URL checks (DNS) before the transaction; the rest once the endpoint is locked
        String url = update.url() == null ? null : update.url().trim();
        String urlProblem = url == null ? null : guard.problem(url).orElse(null);
        return tx.execute(status -> {
            WebhookEndpoint endpoint = visible(caller, id, true);
            List<FieldProblem> problems = new ArrayList<>();
            if (urlProblem != null) {
                problems.add(new FieldProblem("url", urlProblem));
            }
            WebhookFormat format = endpoint.format();
            if (update.format() != null) {
                format = WebhookFormat.of(update.format()).orElse(null);
                if (format == null) {
                    problems.add(new FieldProblem("format", "must be one of SLACK, TEAMS, JSON"));
                }
            }
            List<String> kinds = update.kinds() == null ? endpoint.kinds()
                    : kinds(update.kinds(), endpoint.teamId() == null, problems);
            if (!problems.isEmpty()) {
                throw new UnprocessableException(problems);
            }
            String description = update.description() == null ? endpoint.description()
                    : blankToNull(update.description());
            Instant now = now();
            repository.update(endpoint.id(), url == null ? endpoint.url() : url, format, kinds, description, now);
            if (Boolean.TRUE.equals(update.enabled()) && !endpoint.enabled()) {
                repository.enable(endpoint.id(), now);
                log.info("Webhook endpoint {} enabled again", endpoint.id());
            } else if (Boolean.FALSE.equals(update.enabled()) && endpoint.enabled()) {
                repository.disable(endpoint.id(), "Switched off by " + caller.displayName() + ".", now);
                log.info("Webhook endpoint {} switched off by hand", endpoint.id());
            }
            return WebhookView.of(repository.find(endpoint.id()).orElseThrow(), now);
        });
    }

    public void delete(Caller caller, String id) {
        tx.executeWithoutResult(status -> {
            WebhookEndpoint endpoint = visible(caller, id, true);
            repository.delete(endpoint.id());
            log.info("Webhook endpoint {} deleted", endpoint.id());
        });
    }

    /**
     * A new secret, shown once in the answer; the one before keeps signing beside it (two signatures per request) for
     * {@code previous-secret-valid-for}, so receivers can switch without losing a request. Rotating again within that
     * time drops the oldest.
     */
    public WebhookView rotateSecret(Caller caller, String id) {
        return tx.execute(status -> {
            WebhookEndpoint endpoint = visible(caller, id, true);
            Instant now = now();
            String secret = WebhookSignature.newSecret();
            repository.rotate(endpoint.id(), secret, now.plus(previousSecretValidFor), now);
            log.info("Secret of webhook endpoint {} rotated", endpoint.id());
            return WebhookView.withSecret(repository.find(endpoint.id()).orElseThrow(), now, secret);
        });
    }

    /** The endpoint's delivery log: its messages, newest first, each with its attempts. */
    public Page<DeliveryView> deliveries(Caller caller, String id, int page, int size) {
        WebhookEndpoint endpoint = visible(caller, id, false);
        String target = endpoint.id().toString();
        return tx.execute(status -> new Page<>(
                deliveryLog.ofTarget(OutboundChannel.WEBHOOK, target, size, (long) page * size), page, size,
                deliveryLog.countOfTarget(OutboundChannel.WEBHOOK, target)));
    }

    /** The endpoint if the caller may see it; else 404, exactly as for an id that does not exist. */
    private WebhookEndpoint visible(Caller caller, String id, boolean lock) {
        NotFoundException notFound = new NotFoundException("Webhook endpoint '" + id + "' not found");
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound;
        }
        WebhookEndpoint endpoint = (lock ? repository.lock(uuid) : repository.find(uuid)).orElseThrow(() -> notFound);
        if (caller.isAdmin()) {
            return endpoint;
        }
        String me = people.employeeIdOf(caller.id());
        if (endpoint.ownerId().equals(me)
                || endpoint.teamId() != null && repository.managedTeams(me).contains(endpoint.teamId())) {
            return endpoint;
        }
        throw notFound;
    }

    /** The kinds, each once, in the given order; every one that does not fit is a problem of its own. */
    private static List<String> kinds(List<String> requested, boolean organisation, List<FieldProblem> problems) {
        if (requested == null || requested.isEmpty()) {
            problems.add(new FieldProblem("kinds", "must list at least one kind"));
            return List.of();
        }
        LinkedHashSet<String> kinds = new LinkedHashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            String name = requested.get(i);
            String field = "kinds[" + i + "]";
            NotificationKind kind = NotificationKind.of(name).orElse(null);
            if (kind == null) {
                problems.add(new FieldProblem(field, "unknown kind '" + name + "'"));
            } else if (!kind.team()) {
                problems.add(new FieldProblem(field, "'" + name + "' is not posted to chats; webhooks take "
                        + names(NotificationKind.teamKinds())));
            } else if (organisation && kind.audience() != NotificationKind.Audience.ADMIN) {
                problems.add(new FieldProblem(field, "'" + name + "' is a team's news: an organisation-wide endpoint "
                        + "takes " + names(allowed(true))));
            } else if (!organisation && kind.audience() == NotificationKind.Audience.ADMIN) {
                problems.add(new FieldProblem(field, "'" + name + "' is news of the whole organisation: register an "
                        + "organisation-wide endpoint (no teamId) for it"));
            } else {
                kinds.add(kind.name());
            }
        }
        return List.copyOf(kinds);
    }

    private static List<NotificationKind> allowed(boolean organisation) {
        return NotificationKind.teamKinds().stream()
                .filter(k -> organisation == (k.audience() == NotificationKind.Audience.ADMIN)).toList();
    }

    private static String names(List<NotificationKind> kinds) {
        return kinds.stream().map(Enum::name).collect(Collectors.joining(", "));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
