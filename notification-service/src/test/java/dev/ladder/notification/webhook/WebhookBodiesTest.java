package dev.ladder.notification.webhook;

import dev.ladder.notification.delivery.Grouping;
import dev.ladder.notification.delivery.OutboundChannel;
import dev.ladder.notification.delivery.OutboundItem;
import dev.ladder.notification.delivery.OutboundMessage;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookBodiesTest {

    private static final String PORTAL = "https://ladder.example.com";

    private final JsonMapper json = JsonMapper.builder().build();
    private final WebhookBodies bodies = new WebhookBodies(json, PORTAL + "/");

    @Test
    void slackShowsOneItemWithAHeaderAndALinkIntoThePortal() {
        JsonNode body = render(WebhookFormat.SLACK, Messages.single("e"));

        assertThat(body.get("text").asString()).startsWith("Alice Anders claims Security+ #1: ");
        JsonNode blocks = body.get("blocks");
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).get("type").asString()).isEqualTo("header");
        assertThat(blocks.get(0).get("text").get("type").asString()).isEqualTo("plain_text");
        assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("Alice Anders claims Security+ #1");
        assertThat(blocks.get(1).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).get("text").get("text").asString())
                .contains("waiting for your verification")
                .endsWith("<" + PORTAL + "/#/verification|Open in Ladder>");
    }

    @Test
    void slackGroupsABurstIntoOneMessageAndStaysWithinFiftyBlocks() {
        JsonNode body = render(WebhookFormat.SLACK, Messages.grouped("e", 45));

        JsonNode blocks = body.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).get("text").get("text").asString()).isEqualTo("Ladder: 45 notifications");
        List<JsonNode> sections = blocks.valueStream().filter(b -> b.get("type").asString().equals("section"))
                .toList();
        assertThat(sections).hasSize(WebhookBodies.CHAT_ITEMS);
        assertThat(sections.get(0).get("text").get("text").asString())
                .startsWith("*Alice Anders claims Security+ #1*\n");
        JsonNode last = blocks.get(blocks.size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("context");
        assertThat(last.get("elements").get(0).get("text").asString()).startsWith("…and 5 more");
    }

    @Test
    void slackEscapesItsControlCharacters() {
        OutboundMessage message = new OutboundMessage(UUID.randomUUID(), OutboundChannel.WEBHOOK, "e", Grouping.NOW,
                1, Messages.AT, List.of(new OutboundItem("k", "CLAIM_PENDING", "A & B", "<!channel> <b>hi</b>",
                        "#/verification", Messages.AT)));

        String text = render(WebhookFormat.SLACK, message).get("blocks").get(1).get("text").get("text").asString();

        assertThat(text).startsWith("&lt;!channel&gt; &lt;b&gt;hi&lt;/b&gt;").doesNotContain("<!channel>");
    }

    @Test
    void teamsIsAMessageWithAnAdaptiveCard() {
        JsonNode body = render(WebhookFormat.TEAMS, Messages.single("e"));

        assertThat(body.get("type").asString()).isEqualTo("message");
        JsonNode attachment = body.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("$schema").asString()).isEqualTo("http://adaptivecards.io/schemas/adaptive-card.json");
        assertThat(card.get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asString()).isEqualTo("1.4");
        assertThat(card.get("body").get(0).get("type").asString()).isEqualTo("TextBlock");
        assertThat(card.get("body").get(0).get("text").asString()).isEqualTo("Alice Anders claims Security+ #1");
        JsonNode action = card.get("actions").get(0);
        assertThat(action.get("type").asString()).isEqualTo("Action.OpenUrl");
        assertThat(action.get("title").asString()).isEqualTo("Open in Ladder");
        assertThat(action.get("url").asString()).isEqualTo(PORTAL + "/#/verification");
    }

    @Test
    void teamsListsAGroupedMessagesItems() {
        JsonNode card = render(WebhookFormat.TEAMS, Messages.grouped("e", 3)).get("attachments").get(0)
                .get("content");

        List<String> texts = card.get("body").valueStream().map(b -> b.get("text").asString()).toList();
        assertThat(texts.get(0)).isEqualTo("Ladder: 3 notifications");
        assertThat(texts).contains("Alice Anders claims Security+ #1", "Alice Anders claims Security+ #3");
    }

    @Test
    void jsonCarriesEveryItemWithAbsoluteLinks() {
        OutboundMessage message = Messages.grouped("e", 2);
        JsonNode body = render(WebhookFormat.JSON, message);

        assertThat(body.get("type").asString()).isEqualTo("ladder.notifications");
        assertThat(body.get("id").asString()).isEqualTo(message.id().toString());
        assertThat(body.get("grouping").asString()).isEqualTo("NOW");
        JsonNode first = body.get("notifications").get(0);
        assertThat(first.propertyNames()).containsExactly("key", "kind", "title", "message", "link", "createdAt");
        assertThat(first.get("key").asString()).isEqualTo("key-1");
        assertThat(first.get("kind").asString()).isEqualTo("CLAIM_PENDING");
        assertThat(first.get("link").asString()).isEqualTo(PORTAL + "/#/verification");
        assertThat(first.get("createdAt").asString()).isEqualTo("2026-03-02T09:15:31Z");
        assertThat(body.get("notifications")).hasSize(2);
    }

    @Test
    void linksBecomeAbsolute() {
        assertThat(bodies.absolute("#/progress")).isEqualTo(PORTAL + "/#/progress");
        assertThat(bodies.absolute("/x")).isEqualTo(PORTAL + "/x");
        assertThat(bodies.absolute(null)).isEqualTo(PORTAL + "/");
        assertThat(bodies.absolute("https://elsewhere.example/a")).isEqualTo("https://elsewhere.example/a");
    }

    private JsonNode render(WebhookFormat format, OutboundMessage message) {
        return json.readTree(bodies.render(format, message));
    }
}
