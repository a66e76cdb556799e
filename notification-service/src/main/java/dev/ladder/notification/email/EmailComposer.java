package dev.ladder.notification.email;

import dev.ladder.notification.delivery.Grouping;
import dev.ladder.notification.delivery.NotificationKind;
import dev.ladder.notification.delivery.OutboundItem;
import dev.ladder.notification.delivery.OutboundMessage;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An outbound message's e-mail: subject, plain text and HTML from the templates in {@code resources/mail}, links
 * back into the portal, and the one-click unsubscribe link for the non-critical kinds it carries (none when all are
 * critical). Names and texts are escaped by the HTML template, never pasted in.
 */
final class EmailComposer {

    /** Items listed in one e-mail; a larger burst or digest ends with "…and N more in Ladder". */
    static final int MAX_ITEMS = 50;
    static final String PREFERENCES_LINK = "#/settings";
    static final String UNSUBSCRIBE_PATH = "/api/notifications/unsubscribe?token=";

    record Email(String subject, String text, String html, String unsubscribeUrl) {
    }

    record Item(String title, String message, String link) {
    }

    private final TemplateEngine html;
    private final TemplateEngine text;
    private final String portalUrl;
    private final UnsubscribeTokens tokens;

    EmailComposer(String portalUrl, UnsubscribeTokens tokens) {
        this.portalUrl = portalUrl;
        this.tokens = tokens;
        this.html = engine(TemplateMode.HTML, ".html");
        this.text = engine(TemplateMode.TEXT, ".txt");
    }

    Email compose(OutboundMessage message, String recipientName) {
        List<OutboundItem> items = message.items();
        List<NotificationKind> optional = items.stream().map(i -> NotificationKind.of(i.kind()).orElse(null))
                .filter(Objects::nonNull).filter(k -> !k.critical()).distinct().toList();
        String unsubscribeUrl = optional.isEmpty() ? null
                : portalUrl + UNSUBSCRIBE_PATH
                  + URLEncoder.encode(tokens.issue(message.target(), optional), StandardCharsets.UTF_8);
        String subject = subject(message);
        Context context = new Context(Locale.ENGLISH);
        context.setVariable("subject", subject);
        context.setVariable("greeting", recipientName == null || recipientName.isBlank()
                ? "Hello," : "Hello " + recipientName + ",");
        context.setVariable("intro", intro(message));
        context.setVariable("items", items.stream().limit(MAX_ITEMS)
                .map(i -> new Item(i.title(), i.message(), link(i.link()))).toList());
        context.setVariable("more", Math.max(0, items.size() - MAX_ITEMS));
        context.setVariable("preferencesLink", link(PREFERENCES_LINK));
        context.setVariable("unsubscribeLink", unsubscribeUrl);
        context.setVariable("unsubscribeLabel", optional.size() == 1
                ? "Unsubscribe from these e-mails" : "Unsubscribe from e-mail about these kinds");
        return new Email(subject, text.process("notifications", context), html.process("notifications", context),
                unsubscribeUrl);
    }

    /** One item: its title. A group of one kind: that kind's plural. Digests and mixed bursts: a count. */
    static String subject(OutboundMessage message) {
        List<OutboundItem> items = message.items();
        int n = items.size();
        if (message.grouping() == Grouping.DAILY) {
            return "Your daily Ladder digest: " + count(n);
        }
        if (message.grouping() == Grouping.WEEKLY) {
            return "Your weekly Ladder digest: " + count(n);
        }
        if (n == 1) {
            return items.get(0).title();
        }
        List<String> kinds = items.stream().map(OutboundItem::kind).distinct().toList();
        if (kinds.size() > 1) {
            return count(n) + " from Ladder";
        }
        return switch (kinds.get(0)) {
            case "REPORT_ADVANCED" -> n + " people in your team advanced a level";
            case "CLAIM_PENDING" -> n + " claims wait for your verification";
            case "REPORT_CERTIFICATION_EXPIRING" -> n + " certifications in your team expire within 30 days";
            case "SKILL_SELF_ASSESSED" -> n + " self-assessments wait for your confirmation";
            case "CERTIFICATION_EXPIRING" -> n + " of your certifications expire soon";
            case "CERTIFICATION_EXPIRED" -> n + " of your certifications expired";
            default -> count(n) + " from Ladder";
        };
    }

    private static String intro(OutboundMessage message) {
        return switch (message.grouping()) {
            case DAILY -> "Here is what happened since your last daily digest.";
            case WEEKLY -> "Here is what happened since your last weekly digest.";
            case NOW, CRITICAL -> message.items().size() > 1 ? "Several things happened at once:" : null;
        };
    }

    private static String count(int n) {
        return n == 1 ? "1 notification" : n + " notifications";
    }

    /** Only the portal's own hash paths become links; anything else points at the portal's start. */
    private String link(String hashPath) {
        return hashPath != null && hashPath.startsWith("#/") ? portalUrl + "/" + hashPath : portalUrl + "/";
    }

    private static TemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
