package dev.ladder.notification.email;

import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.NotificationKind.Mode;
import dev.ladder.notification.delivery.PreferenceChannel;
import dev.ladder.notification.delivery.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.Optional;

/** One click in an e-mail turns e-mail off for the kinds that e-mail carried; nothing else changes. */
@Service
class Unsubscribing {

    private static final Logger log = LoggerFactory.getLogger(Unsubscribing.class);

    private final UnsubscribeTokens tokens;
    private final Preferences preferences;
    private final Clock clock = Clock.systemUTC();

    Unsubscribing(UnsubscribeTokens tokens, Preferences preferences) {
        this.tokens = tokens;
        this.preferences = preferences;
    }

    Optional<UnsubscribeTokens.Unsubscribe> read(String token) {
        return tokens.verify(token);
    }

    @Transactional
    Optional<UnsubscribeTokens.Unsubscribe> unsubscribe(String token) {
        Optional<UnsubscribeTokens.Unsubscribe> valid = tokens.verify(token);
        valid.ifPresent(u -> {
            for (NotificationKind kind : u.kinds()) {
                if (!kind.critical()) {
                    preferences.choose(u.employeeId(), kind, PreferenceChannel.EMAIL, Mode.OFF, clock.instant());
                }
            }
            log.info("{} unsubscribed from e-mail about {}", u.employeeId(), u.kinds());
        });
        return valid;
    }
}
