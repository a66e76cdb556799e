package dev.ladder.catalog.roadmap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SlugAndSalaryPropertiesTest {

    @Property
    void slugsAreShortLowercaseDashSeparatedAndStable(@ForAll String text) {
        String slug = Slugs.slug(text);
        assertThat(slug).matches("([a-z0-9]+(-[a-z0-9]+)*)?").hasSizeLessThanOrEqualTo(Slugs.MAX_LENGTH);
        assertThat(Slugs.slug(slug)).isEqualTo(slug);
    }

    @Property
    void slugsJoinTheWordsOfShortNamesWithSingleDashes(@ForAll("words") List<String> words,
                                                        @ForAll("separators") String separator) {
        String name = String.join(separator, words);
        assertThat(Slugs.slug(name)).isEqualTo(String.join("-", words).toLowerCase(Locale.ROOT));
    }

    @Provide
    Arbitrary<List<String>> words() {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(6).list().ofMinSize(1).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(" ", ", ", " (", ") ", " - ", "/", " & ", "_");
    }

    @Property
    void formattedSalaryRangesParseBack(@ForAll @LongRange(max = 5_000_000) long a,
                                        @ForAll @LongRange(max = 5_000_000) long b,
                                        @ForAll("symbols") String symbol, @ForAll boolean openEnded) {
        long min = Math.min(a, b);
        long max = Math.max(a, b);
        NumberFormat grouping = NumberFormat.getIntegerInstance(Locale.US);
        String line = "Some Region: " + symbol + grouping.format(min) + " - " + symbol + grouping.format(max)
                + (openEnded ? "+" : "");
        Roadmap.SalaryBand band = RoadmapParser.salary(line);
        assertThat(band.region()).isEqualTo("some-region");
        assertThat(band.currency()).isEqualTo(switch (symbol) {
            case "$" -> "USD";
            case "€" -> "EUR";
            default -> "GBP";
        });
        assertThat(band.min()).isEqualTo(min);
        // "$180,000 - $300,000+" keeps the number and marks the band open-ended
        assertThat(band.max()).isEqualTo(max);
        assertThat(band.openEnded()).isEqualTo(openEnded);
    }

    @Provide
    Arbitrary<String> symbols() {
        return Arbitraries.of("$", "€", "£");
    }

    @Property
    void unknownCertificationIdsAreSlugsOrAcronyms(@ForAll("certificationNames") String name) {
        assertThat(CertificationIds.idFor(name)).matches("[a-z0-9]+(-[a-z0-9]+)*");
    }

    @Provide
    Arbitrary<String> certificationNames() {
        Arbitrary<String> words = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(2).ofMaxLength(8)
                .list().ofMinSize(1).ofMaxSize(4).map(ws -> String.join(" ", ws));
        Arbitrary<String> acronym = Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(2).ofMaxLength(6);
        return Combinators.combine(words, acronym, Arbitraries.of(true, false))
                .as((w, acr, withAcronym) -> withAcronym ? w + " (" + acr + ")" : w);
    }
}
