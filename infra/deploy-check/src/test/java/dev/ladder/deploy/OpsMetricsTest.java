package dev.ladder.deploy;

import dev.ladder.kit.metrics.LadderMeters;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard in {@code infra/ops} use only series Ladder's meters expose: every {@code ladder_*}
 * name in a PromQL expression must be one of {@link LadderMeters}' Prometheus names (which the kit's
 * {@code LadderMetersTest} checks against a real Prometheus registry). A renamed meter fails here, not silently in an
 * alert that never fires. And every meter is on the dashboard, so a new one is not forgotten there.
 */
class OpsMetricsTest {

    static final String RULES = "infra/ops/prometheus/ladder-alerts.yml";
    static final String DASHBOARD = "infra/ops/grafana/ladder-dashboard.json";
    static final String SCRAPE_CONFIG = "infra/ops/prometheus/prometheus.yml";

    /** Quoted text (label values, regular expressions) is not a metric name, whatever it holds. */
    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    /** A PromQL identifier: metric names, label names, functions, keywords. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    static final Set<String> KNOWN = LadderMeters.ALL.stream().flatMap(m -> m.prometheusNames().stream())
            .collect(Collectors.toCollection(TreeSet::new));

    @Test
    void theAlertRulesNameOnlyLadderSeriesThatExist() {
        List<String> expressions = ruleExpressions();

        assertThat(expressions).hasSizeGreaterThanOrEqualTo(5);
        assertThat(unknown(expressions)).as("ladder_* names in " + RULES + " that no meter exposes (known: "
                + KNOWN + ")").isEmpty();
    }

    @Test
    void theAlertRulesCoverWhatIssue14AsksFor() {
        String rules = String.join("\n", ruleExpressions());

        assertThat(rules).contains("ladder_kafka_consumer_lag_records", "ladder_kafka_dead_letters_records_total",
                "ladder_outbox_oldest_age_seconds", "ladder_notifications_deliveries_total", "up{");
        for (JsonNode rule : rules()) {
            assertThat(rule.path("alert").asString()).as("every rule is an alert").startsWith("Ladder");
            assertThat(rule.path("annotations").path("summary").asString()).as(rule.path("alert").asString())
                    .isNotBlank();
        }
    }

    @Test
    void theDashboardNamesOnlyLadderSeriesThatExistAndShowsEveryMeter() {
        List<String> expressions = new ArrayList<>();
        collectExpressions(Repo.JSON.readTree(Repo.read(DASHBOARD)), expressions);

        assertThat(expressions).isNotEmpty();
        assertThat(unknown(expressions)).as("ladder_* names in " + DASHBOARD + " that no meter exposes (known: "
                + KNOWN + ")").isEmpty();
        Set<String> used = ladderNames(expressions);
        for (LadderMeters.Definition meter : LadderMeters.ALL) {
            assertThat(meter.prometheusNames()).as(meter.name() + " on the dashboard").containsAnyElementsOf(used);
        }
    }

    @Test
    void theScrapeConfigurationUsesTheScraperClientOnTheActuatorsPrometheusEndpoint() {
        JsonNode config = Repo.yaml(Repo.path(SCRAPE_CONFIG));

        assertThat(config.path("rule_files").valueStream().map(JsonNode::asString)).contains("ladder-alerts.yml");
        assertThat(config.path("scrape_configs").valueStream()).isNotEmpty().allSatisfy(job -> {
            assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            assertThat(job.path("oauth2").path("client_id").asString()).isEqualTo("ladder-metrics");
            assertThat(job.path("oauth2").has("client_secret")).as("the secret is never written here").isFalse();
        });
    }

    /** The tokenizer: identifiers outside quotes that start with {@code ladder_}. */
    static Set<String> ladderNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher identifiers = IDENTIFIER.matcher(QUOTED.matcher(expression).replaceAll(" "));
            while (identifiers.find()) {
                if (identifiers.group().startsWith("ladder_")) {
                    names.add(identifiers.group());
                }
            }
        }
        return names;
    }

    @Test
    void theTokenizerFindsNamesOutsideQuotesOnly() {
        assertThat(ladderNames(List.of("sum by (topic) (rate(ladder_x_total{topic=\"ladder_not_a_metric\"}[5m]))"
                + " / ladder_y", "up{job=~'ladder_z'}"))).containsExactly("ladder_x_total", "ladder_y");
    }

    private static Set<String> unknown(List<String> expressions) {
        Set<String> unknown = ladderNames(expressions);
        unknown.removeAll(KNOWN);
        return unknown;
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        Repo.yaml(Repo.path(RULES)).path("groups").valueStream()
                .forEach(group -> group.path("rules").valueStream().forEach(rules::add));
        return rules;
    }

    private static List<String> ruleExpressions() {
        return rules().stream().map(rule -> rule.path("expr").asString()).toList();
    }

    /** Every {@code expr} anywhere in the dashboard (panels, rows, templating). */
    private static void collectExpressions(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("expr") && field.getValue().isString()) {
                    expressions.add(field.getValue().asString());
                } else {
                    collectExpressions(field.getValue(), expressions);
                }
            });
        } else if (node.isArray()) {
            node.valueStream().forEach(child -> collectExpressions(child, expressions));
        }
    }
}
