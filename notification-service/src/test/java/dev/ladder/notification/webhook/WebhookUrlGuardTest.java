package dev.ladder.notification.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookUrlGuardTest {

    /** Host names resolved from a table, not DNS: the test runs offline and means exactly these addresses. */
    private static final Map<String, String[]> DNS = Map.of(
            "hooks.slack.com", new String[] {"54.230.1.1"},
            "intranet.example.com", new String[] {"10.1.2.3"},
            "mixed.example.com", new String[] {"93.184.216.34", "192.168.1.10"},
            "localhost", new String[] {"127.0.0.1", "::1"});

    private final WebhookUrlGuard guarded = new WebhookUrlGuard(false, WebhookUrlGuardTest::resolve);
    private final WebhookUrlGuard open = new WebhookUrlGuard(true, WebhookUrlGuardTest::resolve);

    @Test
    void publicHttpsAndHttpUrlsPass() {
        assertThat(guarded.problem("https://hooks.slack.com/services/T0/B0/xyz")).isEmpty();
        assertThat(guarded.problem("http://93.184.216.34:8080/hook")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.slack.com/x", "hooks.slack.com/x", "/relative", "https://", "not a url",
            "javascript:alert(1)", "file:///etc/passwd"})
    void onlyAbsoluteHttpUrlsWithAHost(String url) {
        assertThat(open.problem(url)).isPresent();
        assertThat(guarded.problem(url)).isPresent();
    }

    @Test
    void noUserInfoAndNotTooLong() {
        assertThat(open.problem("https://user:pw@hooks.slack.com/x")).contains(
                "must not contain a user name or password");
        assertThat(open.problem("https://hooks.slack.com/" + "a".repeat(2000))).contains(
                "must be at most 2000 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.1.2.3/", "http://localhost:8080/", "http://[::1]/",
            "http://10.0.0.1/", "http://172.16.5.4/", "http://192.168.0.1/", "http://169.254.169.254/latest/meta-data",
            "http://0.0.0.0/", "http://0.1.2.3/", "http://224.0.0.1/", "http://100.64.0.1/", "http://[fe80::1]/",
            "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:10.0.0.1]/",
            "http://[64:ff9b::a00:1]/", "http://[::]/", "http://intranet.example.com/hook",
            "http://mixed.example.com/hook"})
    void privateAndLocalAddressesAreRefusedWhenTheGuardIsOn(String url) {
        assertThat(guarded.problem(url)).hasValueSatisfying(p -> assertThat(p).contains("private or local"));
        assertThat(open.problem(url)).isEmpty();
    }

    @Test
    void anUnresolvableHostIsAProblemAtRegistrationAndTemporaryAtSendTime() {
        assertThat(guarded.problem("https://nowhere.invalid/x")).contains("host does not resolve");
        assertThat(guarded.refusal(URI.create("https://nowhere.invalid/x")))
                .hasValueSatisfying(r -> assertThat(r.temporary()).isTrue());
        assertThat(guarded.refusal(URI.create("http://10.0.0.1/x")))
                .hasValueSatisfying(r -> assertThat(r.temporary()).isFalse());
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] literal = DNS.get(host);
        if (literal == null) {
            if (host.matches("[0-9.]+") || host.contains(":")) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[literal.length];
        for (int i = 0; i < literal.length; i++) {
            addresses[i] = InetAddress.getByName(literal[i]);
        }
        return addresses;
    }
}
