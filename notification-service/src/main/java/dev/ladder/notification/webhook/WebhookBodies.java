package dev.ladder.notification.webhook;

import dev.ladder.notification.delivery.OutboundItem;
import dev.ladder.notification.delivery.OutboundMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * The request body of a webhook message in each {@link WebhookFormat}. Links are the portal's hash paths
 * ({@code #/verification}) made absolute with the portal's public URL. A grouped message (a burst, a digest) is one
 * request listing every item; chat formats show at most {@link #CHAT_ITEMS} and say how many more there were (Slack
 * allows 50 blocks per message).
 */
public final class WebhookBodies {

    /** The most items a chat message (Slack, Teams) lists one by one. */
    static final int CHAT_ITEMS = 40;
    static final String OPEN = "Open in Ladder";
    /** Slack: header text is plain text of at most 150 characters; a section's text at most 3,000. */
    private static final int SLACK_HEADER = 150;
    private static final int SLACK_SECTION = 3000;
    private static final int FALLBACK_TEXT = 1000;

    private final JsonMapper json;
    private final String portalUrl;

    /** @param portalUrl the portal's public base URL, e.g. {@code https://ladder.example.com} */
    public WebhookBodies(JsonMapper json, String portalUrl) {
        this.json = json;
        this.portalUrl = portalUrl.endsWith("/") ? portalUrl.substring(0, portalUrl.length() - 1) : portalUrl;
    }

    public String render(WebhookFormat format, OutboundMessage message) {
        ObjectNode body = switch (format) {
            case SLACK -> slack(message);
            case TEAMS -> teams(message);
            case JSON -> generic(message);
        };
        return json.writeValueAsString(body);
    }

    /** A portal link as an absolute URL: hash paths ({@code #/x}) and paths ({@code /x}) under the portal. */
    String absolute(String link) {
        if (link == null || link.isBlank()) {
            return portalUrl + "/";
        }
        String lower = link.toLowerCase();
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return link;
        }
        if (link.startsWith("#")) {
            return portalUrl + "/" + link;
        }
        return portalUrl + (link.startsWith("/") ? "" : "/") + link;
    }

    // --- Slack: https://api.slack.com/messaging/webhooks, Block Kit

    private ObjectNode slack(OutboundMessage message) {
        List<OutboundItem> items = message.items();
        ObjectNode body = json.createObjectNode();
        ArrayNode blocks = json.createArrayNode();
        if (!message.grouped() && items.size() == 1) {
            OutboundItem item = items.get(0);
            body.put("text", cut(item.title() + ": " + item.message(), FALLBACK_TEXT));
            blocks.add(slackHeader(item.title()));
            blocks.add(slackSection(cut(escapeSlack(item.message()), SLACK_SECTION - 200)
                    + "\n" + slackLink(item.link())));
        } else {
            String heading = heading(message);
            body.put("text", cut(heading + ": " + String.join("; ", items.stream().map(OutboundItem::title)
                    .limit(CHAT_ITEMS).toList()), FALLBACK_TEXT));
            blocks.add(slackHeader(heading));
            for (OutboundItem item : shown(items)) {
                blocks.add(slackSection("*" + cut(escapeSlack(item.title()), 300) + "*\n"
                        + cut(escapeSlack(item.message()), SLACK_SECTION - 600) + "\n" + slackLink(item.link())));
            }
            if (items.size() > CHAT_ITEMS) {
                ObjectNode more = blocks.addObject().put("type", "context");
                more.putArray("elements").addObject().put("type", "mrkdwn")
                        .put("text", "…and " + (items.size() - CHAT_ITEMS) + " more " + slackLink(null));
            }
        }
        body.set("blocks", blocks);
        return body;
    }

    private ObjectNode slackHeader(String text) {
        ObjectNode header = json.createObjectNode().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(text, SLACK_HEADER)).put("emoji", true);
        return header;
    }

    private ObjectNode slackSection(String mrkdwn) {
        ObjectNode section = json.createObjectNode().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return section;
    }

    private String slackLink(String link) {
        return "<" + escapeSlack(absolute(link)) + "|" + OPEN + ">";
    }

    /** Slack's control characters in mrkdwn: {@code & < >} (https://api.slack.com/reference/surfaces/formatting). */
    static String escapeSlack(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // --- Microsoft Teams Workflows: a message with one Adaptive Card attachment

    private ObjectNode teams(OutboundMessage message) {
        List<OutboundItem> items = message.items();
        ObjectNode body = json.createObjectNode().put("type", "message");
        ObjectNode attachment = body.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode blocks = card.putArray("body");
        String openUrl;
        if (!message.grouped() && items.size() == 1) {
            OutboundItem item = items.get(0);
            teamsText(blocks, item.title()).put("size", "Medium").put("weight", "Bolder");
            teamsText(blocks, item.message());
            openUrl = absolute(item.link());
        } else {
            teamsText(blocks, heading(message)).put("size", "Medium").put("weight", "Bolder");
            for (OutboundItem item : shown(items)) {
                teamsText(blocks, item.title()).put("weight", "Bolder").put("separator", true);
                teamsText(blocks, item.message() + " [" + OPEN + "](" + absolute(item.link()) + ")");
            }
            if (items.size() > CHAT_ITEMS) {
                teamsText(blocks, "…and " + (items.size() - CHAT_ITEMS) + " more").put("isSubtle", true)
                        .put("separator", true);
            }
            List<String> links = items.stream().map(OutboundItem::link).distinct().toList();
            openUrl = absolute(links.size() == 1 ? links.get(0) : null);
        }
        card.putArray("actions").addObject()
                .put("type", "Action.OpenUrl")
                .put("title", OPEN)
                .put("url", openUrl);
        return body;
    }

    private static ObjectNode teamsText(ArrayNode blocks, String text) {
        return blocks.addObject().put("type", "TextBlock").put("text", text == null ? "" : text).put("wrap", true);
    }

    // --- Ladder's own JSON

    private ObjectNode generic(OutboundMessage message) {
        ObjectNode body = json.createObjectNode()
                .put("type", "ladder.notifications")
                .put("id", message.id().toString())
                .put("grouping", message.grouping().name());
        ArrayNode notifications = body.putArray("notifications");
        for (OutboundItem item : message.items()) {
            notifications.addObject()
                    .put("key", item.key())
                    .put("kind", item.kind())
                    .put("title", item.title())
                    .put("message", item.message())
                    .put("link", absolute(item.link()))
                    .put("createdAt", item.createdAt() == null ? null : item.createdAt().toString());
        }
        return body;
    }

    // --- shared

    private static String heading(OutboundMessage message) {
        int count = message.items().size();
        String what = count + (count == 1 ? " notification" : " notifications");
        return switch (message.grouping()) {
            case NOW, CRITICAL -> "Ladder: " + what;
            case DAILY -> "Ladder daily digest: " + what;
            case WEEKLY -> "Ladder weekly digest: " + what;
        };
    }

    private static List<OutboundItem> shown(List<OutboundItem> items) {
        return items.size() > CHAT_ITEMS ? items.subList(0, CHAT_ITEMS) : items;
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
