package dev.ladder.catalog.version;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VersionDiffTest {

    @Test
    void listsChangedAddedAndRemovedLeavesByPath() {
        var before = Map.of("name", "A", "levels", List.of(Map.of("id", "entry", "kpis", List.of("x"))));
        var after = Map.of("name", "B", "levels", List.of(Map.of("id", "entry", "kpis", List.of("x", "y"))),
                "extra", 1);

        List<VersionDiff.Change> changes = VersionDiff.diff(JsonMapper.builder().build(), before, after);

        assertThat(changes).extracting(VersionDiff.Change::path)
                .containsExactlyInAnyOrder("name", "levels[0].kpis[1]", "extra");
        assertThat(changes).filteredOn(c -> c.path().equals("extra")).first()
                .satisfies(c -> assertThat(c.before()).isNull());
    }
}
