package dev.ladder.notification.email;

import dev.ladder.notification.delivery.NotificationKind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The token in a one-click unsubscribe link: who, and from which kinds, signed with HMAC-SHA256 so it cannot be
 * forged or changed to unsubscribe someone else. It does not expire: an unsubscribe link must keep working.
 * {@code v1.<base64url(employeeId "|" KIND,KIND)>.<base64url(hmac)>}.
 */
final class UnsubscribeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** A token longer than this is not one of ours: refused before any work. */
    static final int MAX_LENGTH = 1_000;

    record Unsubscribe(String employeeId, List<NotificationKind> kinds) {
    }

    private final byte[] key;

    UnsubscribeTokens(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    String issue(String employeeId, List<NotificationKind> kinds) {
        String payload = employeeId + "|" + kinds.stream().map(Enum::name).collect(Collectors.joining(","));
        String body = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "v1." + body + "." + ENCODER.encodeToString(mac(body));
    }

    Optional<Unsubscribe> verify(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !"v1".equals(parts[0])) {
            return Optional.empty();
        }
        try {
            byte[] given = DECODER.decode(parts[2]);
            if (!MessageDigest.isEqual(given, mac(parts[1]))) {
                return Optional.empty();
            }
            String payload = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
            int bar = payload.lastIndexOf('|');
            if (bar <= 0) {
                return Optional.empty();
            }
            List<NotificationKind> kinds = Arrays.stream(payload.substring(bar + 1).split(","))
                    .map(NotificationKind::of).flatMap(Optional::stream).distinct().toList();
            return kinds.isEmpty() ? Optional.empty()
                    : Optional.of(new Unsubscribe(payload.substring(0, bar), kinds));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
