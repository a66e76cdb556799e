package dev.ladder.catalog.roadmap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MojibakeTest {

    @Test
    void theRawSeedIsRepairedToTheCleanOne() throws IOException {
        String raw;
        try (InputStream in = getClass().getResourceAsStream("/ai-ml-security-specialist.raw.md")) {
            raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(raw).contains("‚Ç¨60,000");
        String repaired = Mojibake.repair(raw);

        assertThat(repaired).isEqualTo(SeedRoadmap.markdown()).doesNotContain("‚Ç¨").contains("€60,000", "📈");
        assertThat(RoadmapParser.parse(SeedRoadmap.TRACK_ID, repaired)).isEqualTo(SeedRoadmap.parsed());
    }

    @Test
    void cleanTextIsLeftAlone() {
        String text = "Köln, Zürich: €60,000 – ISC², naïve café 📈 (ISC)²";
        assertThat(Mojibake.repair(text)).isEqualTo(text);
    }

    @Test
    void unrepairableMojibakeIsRejectedWithItsLine() {
        // Windows-1252 mojibake of "€" cannot be undone through Mac OS Roman
        assertThatThrownBy(() -> Mojibake.repair("# T\n- Europe: â€60,000"))
                .isInstanceOf(RoadmapFormatException.class)
                .hasMessageContaining("line 2").hasMessageContaining("mojibake");
    }
}
