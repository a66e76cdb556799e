package dev.ladder.notification.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * E-mail as Ladder sends it ({@code ladder.notification.mail.*}); the SMTP server itself is Spring Boot's
 * {@code spring.mail.*}.
 *
 * @param from              the sender, e.g. {@code Ladder <ladder@example.com>}
 * @param messageIdDomain   the right-hand side of every {@code Message-ID} ({@code <message id@domain>})
 * @param unsubscribeSecret signs one-click unsubscribe links (HMAC-SHA256); keep it secret and stable — changing it
 *                          breaks the links in mail already sent
 * @param portalUrl         the portal's public address, for links back into it
 */
@ConfigurationProperties("ladder.notification.mail")
public record MailSettings(
        @DefaultValue("Ladder <ladder@localhost>") String from,
        @DefaultValue("ladder.local") String messageIdDomain,
        String unsubscribeSecret,
        @DefaultValue("http://localhost:8080") String portalUrl) {

    public MailSettings {
        if (unsubscribeSecret == null || unsubscribeSecret.length() < 16) {
            throw new IllegalArgumentException(
                    "ladder.notification.mail.unsubscribe-secret must be set (at least 16 characters)");
        }
        portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }
}
