package dev.ladder.notification.preferences;

import dev.ladder.kit.security.Caller;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.UnprocessableException;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.NotificationKind.Audience;
import dev.ladder.notification.delivery.NotificationKind.Mode;
import dev.ladder.notification.delivery.DeliverySettings;
import dev.ladder.notification.delivery.PreferenceChannel;
import dev.ladder.notification.delivery.Preferences;
import dev.ladder.notification.people.People;
import dev.ladder.notification.people.Person;
import dev.ladder.notification.preferences.PreferencesApi.ChannelView;
import dev.ladder.notification.preferences.PreferencesApi.KindUpdate;
import dev.ladder.notification.preferences.PreferencesApi.KindView;
import dev.ladder.notification.preferences.PreferencesApi.PreferencesUpdate;
import dev.ladder.notification.preferences.PreferencesApi.PreferencesView;
import dev.ladder.notification.preferences.PreferencesApi.QuietHours;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and changes the caller's preferences; which kinds they see follows their roles. */
@Service
class PreferenceSettings {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final List<Mode> IN_APP_MODES = List.of(Mode.ON, Mode.OFF);
    private static final List<Mode> EMAIL_MODES = List.of(Mode.ON, Mode.OFF, Mode.DAILY, Mode.WEEKLY);
    private static final int MAX_KINDS = NotificationKind.values().length;

    private final Preferences preferences;
    private final People people;
    private final Clock clock = Clock.systemUTC();

    PreferenceSettings(Preferences preferences, People people) {
        this.preferences = preferences;
        this.people = people;
    }

    @Transactional(readOnly = true)
    PreferencesView of(Caller caller) {
        String employeeId = people.employeeIdOf(caller.id());
        DeliverySettings settings = preferences.settings(employeeId);
        Map<NotificationKind, Map<PreferenceChannel, Mode>> chosen = preferences.chosen(employeeId);
        List<KindView> kinds = receivable(caller).stream().map(kind -> {
            Map<PreferenceChannel, Mode> mine = chosen.getOrDefault(kind, Map.of());
            return new KindView(kind.name(), kind.description(), kind.audience().name(), kind.critical(),
                    view(kind, PreferenceChannel.IN_APP, mine), view(kind, PreferenceChannel.EMAIL, mine));
        }).toList();
        QuietHours quiet = settings.hasQuietHours()
                ? new QuietHours(settings.quietFrom().format(HH_MM), settings.quietUntil().format(HH_MM)) : null;
        String email = people.find(employeeId).map(Person::email).filter(e -> !e.isBlank()).orElse(null);
        return new PreferencesView(settings.zone().getId(), settings.digestHour(), settings.digestDay().name(),
                quiet, email, kinds);
    }

    /** Checks everything first and changes nothing unless all of it is valid. */
    @Transactional
    PreferencesView update(Caller caller, PreferencesUpdate update) {
        List<FieldProblem> problems = new ArrayList<>();
        ZoneId zone = zone(update.timeZone(), problems);
        Integer hour = update.digestHour();
        if (hour == null || hour < 0 || hour > 23) {
            problems.add(new FieldProblem("digestHour", "must be an hour from 0 to 23"));
        }
        DayOfWeek day = day(update.digestDay(), problems);
        LocalTime quietFrom = null;
        LocalTime quietUntil = null;
        if (update.quietHours() != null) {
            quietFrom = time(update.quietHours().from(), "quietHours.from", problems);
            quietUntil = time(update.quietHours().until(), "quietHours.until", problems);
            if (quietFrom != null && quietFrom.equals(quietUntil)) {
                problems.add(new FieldProblem("quietHours.until", "must differ from quietHours.from"));
            }
        }
        List<NotificationKind> receivable = receivable(caller);
        Map<NotificationKind, Map<PreferenceChannel, Mode>> changes = new EnumMap<>(NotificationKind.class);
        Map<String, KindUpdate> kinds = update.kinds() == null ? Map.of() : update.kinds();
        if (kinds.size() > MAX_KINDS) {
            problems.add(new FieldProblem("kinds", "names at most " + MAX_KINDS + " kinds"));
            kinds = Map.of();
        }
        kinds.forEach((name, change) -> {
            String field = "kinds." + name;
            NotificationKind kind = NotificationKind.of(name).filter(receivable::contains).orElse(null);
            if (kind == null) {
                problems.add(new FieldProblem(field, "is not a kind of notification you receive"));
                return;
            }
            if (change == null) {
                problems.add(new FieldProblem(field, "must name inApp and/or email"));
                return;
            }
            Map<PreferenceChannel, Mode> modes = new EnumMap<>(PreferenceChannel.class);
            Mode inApp = mode(change.inApp(), IN_APP_MODES, field + ".inApp", problems);
            if (inApp == Mode.OFF && kind.critical()) {
                problems.add(new FieldProblem(field + ".inApp", "critical notifications are always shown in the portal"));
            } else if (inApp != null) {
                modes.put(PreferenceChannel.IN_APP, inApp);
            }
            Mode email = mode(change.email(), EMAIL_MODES, field + ".email", problems);
            if (email != null) {
                modes.put(PreferenceChannel.EMAIL, email);
            }
            changes.put(kind, modes);
        });
        if (!problems.isEmpty()) {
            throw new UnprocessableException(problems);
        }
        String employeeId = people.employeeIdOf(caller.id());
        Instant now = clock.instant();
        preferences.save(employeeId, new DeliverySettings(zone, hour, day, quietFrom, quietUntil), now);
        changes.forEach((kind, modes) -> modes.forEach((channel, mode) ->
                preferences.choose(employeeId, kind, channel, mode, now)));
        return of(caller);
    }

    /** The kinds a caller can receive: everyone's own; managers' and admins' by role. */
    static List<NotificationKind> receivable(Caller caller) {
        boolean manager = caller.isManager() || caller.isAdmin();
        return Arrays.stream(NotificationKind.values()).filter(kind -> switch (kind.audience()) {
            case EMPLOYEE -> true;
            case MANAGER, OWNER -> manager;
            case ADMIN -> caller.isAdmin();
        }).toList();
    }

    private static ChannelView view(NotificationKind kind, PreferenceChannel channel, Map<PreferenceChannel, Mode> mine) {
        Mode fallback = Preferences.defaultMode(kind, channel);
        List<Mode> allowed = channel == PreferenceChannel.IN_APP
                ? (kind.critical() ? List.of(Mode.ON) : IN_APP_MODES) : EMAIL_MODES;
        return new ChannelView(mine.getOrDefault(channel, fallback), fallback, allowed);
    }

    private static ZoneId zone(String id, List<FieldProblem> problems) {
        if (id == null || id.isBlank() || id.length() > 64) {
            problems.add(new FieldProblem("timeZone", "must be an IANA time zone, e.g. Europe/Berlin"));
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "is not a known time zone: use an IANA id, e.g. Europe/Berlin"));
            return null;
        }
    }

    private static DayOfWeek day(String name, List<FieldProblem> problems) {
        try {
            return DayOfWeek.valueOf(name == null ? "" : name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("digestDay", "must be a day of the week, e.g. MONDAY"));
            return null;
        }
    }

    private static LocalTime time(String text, String field, List<FieldProblem> problems) {
        try {
            return LocalTime.parse(text == null ? "" : text, HH_MM);
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be a local time HH:mm, e.g. 22:00"));
            return null;
        }
    }

    private static Mode mode(String text, List<Mode> allowed, String field, List<FieldProblem> problems) {
        if (text == null) {
            return null;
        }
        Mode mode = Arrays.stream(Mode.values()).filter(m -> m.name().equals(text)).findFirst().orElse(null);
        if (mode == null || !allowed.contains(mode)) {
            problems.add(new FieldProblem(field, "must be one of " + allowed));
            return null;
        }
        return mode;
    }
}
