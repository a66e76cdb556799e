package dev.ladder.notification.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of notification Ladder sends, who hears it and how by default. The defaults are what a person gets
 * until they choose otherwise (README, "Notifications → Preferences").
 *
 * <ul>
 * <li>{@code audience}: whose feed it reaches (and so which role's preferences list it);</li>
 * <li>{@code defaultEmail}: e-mail ON (grouped over a short window), a DAILY or WEEKLY digest, or OFF;</li>
 * <li>{@code critical}: ignores quiet hours and has no unsubscribe link (it may have cost a level);</li>
 * <li>{@code team}: can be posted to a team's chat by a webhook endpoint.</li>
 * </ul>
 */
public enum NotificationKind {

    LEVEL_ADVANCED(Audience.EMPLOYEE, "You advanced a level", Mode.ON, false, false),
    READINESS_THRESHOLD_CROSSED(Audience.EMPLOYEE, "Your readiness for the next level crossed 25/50/75/100 %",
            Mode.WEEKLY, false, false),
    CLAIM_VERIFIED(Audience.EMPLOYEE, "A certification you claimed was verified", Mode.ON, false, false),
    CLAIM_REJECTED(Audience.EMPLOYEE, "A certification you claimed was rejected, with the reason", Mode.ON, false,
            false),
    CERTIFICATION_EXPIRING(Audience.EMPLOYEE, "A certification of yours expires in 90 or 30 days", Mode.ON, false,
            false),
    CERTIFICATION_EXPIRED(Audience.EMPLOYEE, "A certification of yours expired (it may cost a level)", Mode.ON, true,
            false),

    REPORT_ADVANCED(Audience.MANAGER, "Someone in your team advanced a level", Mode.ON, false, true),
    CLAIM_PENDING(Audience.MANAGER, "A claim waits for your verification", Mode.ON, false, true),
    SKILL_SELF_ASSESSED(Audience.MANAGER, "Someone in your team self-assessed a skill", Mode.DAILY, false, false),
    REPORT_CERTIFICATION_EXPIRING(Audience.MANAGER, "A certification in your team expires within 30 days", Mode.ON,
            false, true),
    TEAM_WEEKLY_SUMMARY(Audience.MANAGER, "Weekly: who advanced, who is at risk, what expires next quarter",
            Mode.ON, false, true),

    CATALOG_REEVALUATED(Audience.ADMIN, "A catalog release re-evaluated people (one message per release)", Mode.ON,
            false, true),

    WEBHOOK_DISABLED(Audience.OWNER, "A webhook endpoint you registered was disabled", Mode.ON, true, false);

    public enum Audience { EMPLOYEE, MANAGER, ADMIN, OWNER }

    /** A person's choice for one kind on one channel; digests are for e-mail only. */
    public enum Mode { ON, OFF, DAILY, WEEKLY }

    private final Audience audience;
    private final String description;
    private final Mode defaultEmail;
    private final boolean critical;
    private final boolean team;

    NotificationKind(Audience audience, String description, Mode defaultEmail, boolean critical, boolean team) {
        this.audience = audience;
        this.description = description;
        this.defaultEmail = defaultEmail;
        this.critical = critical;
        this.team = team;
    }

    public Audience audience() {
        return audience;
    }

    public String description() {
        return description;
    }

    public Mode defaultEmail() {
        return defaultEmail;
    }

    public boolean critical() {
        return critical;
    }

    /** Whether a webhook endpoint may subscribe to it. */
    public boolean team() {
        return team;
    }

    public static Optional<NotificationKind> of(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }

    /** The kinds a webhook endpoint can take. */
    public static List<NotificationKind> teamKinds() {
        return Arrays.stream(values()).filter(NotificationKind::team).toList();
    }
}
