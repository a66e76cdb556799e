package dev.ladder.notification.email;

import dev.ladder.notification.delivery.OutboundChannel;
import dev.ladder.notification.delivery.OutboundMessage;
import dev.ladder.notification.delivery.SendOutcome;
import dev.ladder.notification.delivery.Transport;
import dev.ladder.notification.people.People;
import dev.ladder.notification.people.Person;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Sends an outbound e-mail message over SMTP. Its {@code Message-ID} is the message's id, the same on every attempt,
 * so a mail sent twice (a sender crashed after the server took it but before the attempt was recorded) can be
 * recognised as one. The address is read at send time: a person's newest address is the one used.
 */
@Component
class EmailTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(EmailTransport.class);
    private static final int MAX_ERROR = 300;

    private final JavaMailSender mail;
    private final People people;
    private final MailSettings settings;
    private final EmailComposer composer;

    EmailTransport(JavaMailSender mail, People people, MailSettings settings, UnsubscribeTokens tokens) {
        this.mail = mail;
        this.people = people;
        this.settings = settings;
        this.composer = new EmailComposer(settings.portalUrl(), tokens);
    }

    @Override
    public OutboundChannel channel() {
        return OutboundChannel.EMAIL;
    }

    @Override
    public SendOutcome send(OutboundMessage message) {
        Optional<Person> person = people.find(message.target());
        String address = person.map(Person::email).filter(e -> !e.isBlank()).orElse(null);
        if (address == null) {
            return new SendOutcome.Failed(null, "no e-mail address is known for the recipient");
        }
        EmailComposer.Email email = composer.compose(message, person.get().displayName());
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(settings.from(), true));
            helper.setTo(new InternetAddress(address, true));
            helper.setSubject(email.subject());
            helper.setText(email.text(), email.html());
            mime.setHeader("Message-ID", messageId(message));
            if (email.unsubscribeUrl() != null) {
                // RFC 8058: mail providers show an unsubscribe button that POSTs "List-Unsubscribe=One-Click"
                mime.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
                mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
            mime.setHeader("X-Ladder-Kinds", String.join(",",
                    message.items().stream().map(i -> i.kind()).distinct().toList()));
            mail.send(mime);
            return new SendOutcome.Delivered(250);
        } catch (MessagingException | MailParseException | MailPreparationException e) {
            return new SendOutcome.Failed(null, "cannot build the e-mail: " + shorten(e.getMessage()));
        } catch (MailAuthenticationException e) {
            return new SendOutcome.Retry(null, "SMTP authentication failed: " + shorten(e.getMessage()), null);
        } catch (MailException e) {
            return classify(e);
        }
    }

    /** A recipient the server refuses as invalid is a failure; anything else (down, busy, 4xx) is retried. */
    private static SendOutcome classify(MailException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0 && failed.getNextException() == null) {
                return new SendOutcome.Failed(null, "invalid recipient: " + shorten(t.getMessage()));
            }
        }
        log.debug("SMTP send failed, will retry", e);
        return new SendOutcome.Retry(null, "SMTP: " + shorten(rootMessage(e)), null);
    }

    String messageId(OutboundMessage message) {
        return "<" + message.id() + "@" + settings.messageIdDomain() + ">";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= MAX_ERROR ? line : line.substring(0, MAX_ERROR) + "…";
    }
}
