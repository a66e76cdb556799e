package dev.ladder.progress.support;

import dev.ladder.kit.web.Page;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on the one paging shape ({@link Page}), for the tests of lists and of lists inside answers. */
public final class Pages {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** {@code {items, page, size, total}} with these numbers. */
    public static void assertPage(JsonNode page, int number, int size, long total) {
        assertThat(page.path("page").asInt()).as("page of %s", page).isEqualTo(number);
        assertThat(page.path("size").asInt()).as("size of %s", page).isEqualTo(size);
        assertThat(page.path("total").asLong()).as("total of %s", page).isEqualTo(total);
        assertThat(page.path("items").isArray()).isTrue();
    }

    /** A 400 RFC 9457 problem naming the parameter, as for every other constraint on a parameter. */
    public static void assertInvalid(HttpResponse<String> response, String parameter) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly(parameter);
    }

    private Pages() {
    }
}
