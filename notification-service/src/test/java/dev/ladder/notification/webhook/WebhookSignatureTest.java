package dev.ladder.notification.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import dev.ladder.notification.delivery.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our HMAC code against the independent Standard Webhooks reference verifier (com.standardwebhooks). */
class WebhookSignatureTest {

    private final WebhookBodies bodies = new WebhookBodies(JsonMapper.builder().build(), "https://ladder.example.com");

    @ParameterizedTest
    @EnumSource(WebhookFormat.class)
    void theReferenceLibraryVerifiesTheSignatureOfEveryFormat(WebhookFormat format) throws Exception {
        String secret = WebhookSignature.newSecret();
        OutboundMessage message = Messages.grouped("endpoint", 3);
        String body = bodies.render(format, message);
        String id = message.id().toString();
        long timestamp = Instant.now().getEpochSecond();

        String signature = WebhookSignature.sign(id, timestamp, body, List.of(secret));

        assertThatCode(() -> new Webhook(secret).verify(body, headers(id, timestamp, signature)))
                .doesNotThrowAnyException();
        assertThat(signature).isEqualTo(new Webhook(secret).sign(id, timestamp, body));
    }

    @Test
    void duringARotationBothSecretsVerifyAndNoOtherDoes() {
        String previous = WebhookSignature.newSecret();
        String current = WebhookSignature.newSecret();
        String body = bodies.render(WebhookFormat.JSON, Messages.single("endpoint"));
        long timestamp = Instant.now().getEpochSecond();

        String signature = WebhookSignature.sign("msg_1", timestamp, body, List.of(current, previous));

        assertThat(signature.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        for (String secret : List.of(current, previous)) {
            assertThatCode(() -> new Webhook(secret).verify(body, headers("msg_1", timestamp, signature)))
                    .doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> new Webhook(WebhookSignature.newSecret())
                .verify(body, headers("msg_1", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void aTamperedBodyTimestampOrIdFails() {
        String secret = WebhookSignature.newSecret();
        String body = bodies.render(WebhookFormat.SLACK, Messages.single("endpoint"));
        long timestamp = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign("msg_1", timestamp, body, List.of(secret));
        Webhook verifier = new Webhook(secret);

        assertThatThrownBy(() -> verifier.verify(body.replace("Alice", "Mallory"),
                headers("msg_1", timestamp, signature))).isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(body, headers("msg_1", timestamp - 1, signature)))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> verifier.verify(body, headers("msg_2", timestamp, signature)))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void secretsAreWhsecAndThirtyTwoRandomBytes() {
        String one = WebhookSignature.newSecret();
        String two = WebhookSignature.newSecret();
        assertThat(one).startsWith("whsec_").isNotEqualTo(two);
        assertThat(Base64.getDecoder().decode(one.substring("whsec_".length()))).hasSize(32);
    }

    static Map<String, List<String>> headers(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(Long.toString(timestamp)),
                "webhook-signature", List.of(signature));
    }
}
