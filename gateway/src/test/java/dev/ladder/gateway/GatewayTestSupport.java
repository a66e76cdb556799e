package dev.ladder.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ladder.testkit.LadderInfra;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against the real Keycloak from the testkit, with the four services replaced by stubs that
 * record what the gateway forwarded. All subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class GatewayTestSupport {

    static final ServiceStub CATALOG = ServiceStub.start();
    static final ServiceStub PROFILE = ServiceStub.start();
    static final ServiceStub PROGRESS = ServiceStub.start();
    static final ServiceStub NOTIFICATION = ServiceStub.start();

    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        registry.add("LADDER_ISSUER_URI", LadderInfra::issuerUri);
        registry.add("LADDER_CATALOG_URL", CATALOG::baseUrl);
        registry.add("LADDER_PROFILE_URL", PROFILE::baseUrl);
        registry.add("LADDER_PROGRESS_URL", PROGRESS::baseUrl);
        registry.add("LADDER_NOTIFICATION_URL", NOTIFICATION::baseUrl);
        registry.add("LADDER_REDIS_URL", LadderInfra::redisUrl);
    }

    @BeforeEach
    void clearStubs() {
        CATALOG.clear();
        PROFILE.clear();
        PROGRESS.clear();
        NOTIFICATION.clear();
    }

    String gateway(String path) {
        return "http://localhost:" + port + path;
    }

    /**
     * The whole OIDC code flow over HTTP, as a browser does it from the portal's "Sign in" (the page runs signed out
     * and sends the browser to the login start); returns the logged-in browser.
     */
    Browser login(String user) {
        Browser browser = new Browser();
        HttpResponse<String> loginPage = browser.follow(
                browser.get(gateway("/oauth2/authorization/keycloak"), "Accept", "text/html"));
        assertThat(loginPage.uri().toString()).startsWith(LadderInfra.issuerUri());
        assertThat(loginPage.statusCode()).isEqualTo(200);

        HttpResponse<String> submitted = browser.postForm(loginFormAction(loginPage.body()),
                Map.of("username", user, "password", user, "credentialId", ""), "Accept", "text/html");
        assertThat(Browser.isRedirect(submitted)).as("Keycloak accepted the login: %s", submitted.body()).isTrue();
        assertThat(Browser.location(submitted).toString()).startsWith(gateway("/login/oauth2/code/keycloak"));

        HttpResponse<String> portal = browser.follow(submitted);
        assertThat(portal.statusCode()).isEqualTo(200);
        assertThat(portal.uri().toString()).startsWith(gateway("/"));
        return browser;
    }

    private static String loginFormAction(String html) {
        Matcher forms = FORM.matcher(html);
        while (forms.find()) {
            if (forms.group().contains("kc-form-login")) {
                Matcher action = ACTION.matcher(forms.group());
                if (action.find()) {
                    return action.group(1).replace("&amp;", "&");
                }
            }
        }
        throw new AssertionError("no Keycloak login form in:\n" + html);
    }

    static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    /** The claims of a JWT, unverified (the tests only look at what the gateway forwarded). */
    static JsonNode claims(String jwt) {
        String payload = jwt.split("\\.")[1];
        return json(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }
}
