package dev.ladder.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ladder.keycloak.TokenClient;

/**
 * One read of a service's {@code /actuator/prometheus}, as Prometheus scrapes it: through the real endpoint, with a
 * client-credentials token of the realm's scraper client {@code ladder-metrics} (its service account has the realm
 * role {@code metrics}). Parses the text exposition format into samples a test can ask about.
 */
public final class Scrape {

    public static final String PATH = "/actuator/prometheus";
    /** The local realm's scraper client and its published secret (local use only, like every local secret). */
    public static final String CLIENT_ID = "ladder-metrics";
    public static final String CLIENT_SECRET = "ladder-metrics-secret";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = samples;
    }

    /** A real token of the scraper client. */
    public static String token() {
        return new TokenClient(LadderInfra.issuerUri()).clientCredentialsToken(CLIENT_ID, CLIENT_SECRET);
    }

    /** Scrapes {@code baseUrl} (e.g. {@code http://localhost:8083}) with the scraper's token; fails unless 200. */
    public static Scrape of(String baseUrl) {
        HttpResponse<String> response = get(baseUrl, token());
        if (response.statusCode() != 200) {
            throw new AssertionError("scrape of " + baseUrl + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return parse(response.body());
    }

    /** The status a scrape with {@code bearerToken} (null: none) gets. */
    public static int status(String baseUrl, String bearerToken) {
        return get(baseUrl, bearerToken).statusCode();
    }

    /**
     * The sum of the samples named {@code name} (Prometheus form, e.g. {@code ladder_applied_events_total}) whose
     * labels include {@code labels} (key, value, key, value…); 0 when there is none — a counter not yet
     * incremented is not exposed.
     */
    public double sum(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** Whether a sample named {@code name} with these labels is exposed at all. */
    public boolean has(String name, String... labels) {
        return !matching(name, labels).isEmpty();
    }

    private List<Sample> matching(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(wanted.entrySet())).toList();
    }

    private static HttpResponse<String> get(String baseUrl, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                .timeout(Duration.ofSeconds(30)).header("Accept", "text/plain;version=0.0.4");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("scrape of " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The text format: {@code name{key="value",…} value}; comments and blank lines skipped. */
    static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            Map<String, String> labels = new HashMap<>();
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                int end = labels(line, brace + 1, labels);
                rest = line.substring(end + 1).trim();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).trim();
            }
            String value = rest.split(" ")[0];
            samples.add(new Sample(name, labels, parseValue(value)));
        }
        return new Scrape(samples);
    }

    /** Reads {@code key="value",…} from {@code at} up to the closing brace; returns the brace's index. */
    private static int labels(String line, int at, Map<String, String> labels) {
        int i = at;
        while (line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            String key = line.substring(i, equals).trim();
            StringBuilder value = new StringBuilder();
            int j = equals + 2; // past ="
            while (line.charAt(j) != '"') {
                if (line.charAt(j) == '\\') {
                    j++;
                    value.append(line.charAt(j) == 'n' ? '\n' : line.charAt(j));
                } else {
                    value.append(line.charAt(j));
                }
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        return i;
    }

    private static double parseValue(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
