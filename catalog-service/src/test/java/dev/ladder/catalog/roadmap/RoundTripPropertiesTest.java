package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.DescriptiveSection.Item;
import dev.ladder.catalog.roadmap.Roadmap.Certification;
import dev.ladder.catalog.roadmap.Roadmap.Level;
import dev.ladder.catalog.roadmap.Roadmap.PathwayStep;
import dev.ladder.catalog.roadmap.Roadmap.SalaryBand;
import dev.ladder.catalog.roadmap.Roadmap.Skill;
import dev.ladder.catalog.rules.LevelRulesV1;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.contracts.catalog.CatalogVersionPublished.VerificationPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** import → export → import gives an equal catalog, for the seed and for generated tracks, in Markdown and JSON. */
class RoundTripPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Example
    void theSeedSurvivesMarkdownAndJson() {
        Roadmap seed = SeedRoadmap.parsed();
        assertThat(RoadmapParser.parse(seed.trackId(), RoadmapMarkdown.write(seed))).isEqualTo(seed);
        TrackContent content = TrackDocuments.fromRoadmap(seed, LevelRulesV1.derive(seed));
        assertThat(JSON.readValue(JSON.writeValueAsString(content), TrackContent.class)).isEqualTo(content);
        assertThat(TrackDocuments.toRoadmap(content)).isEqualTo(seed);
        // nothing dropped: 4 levels, 12 certifications and every other H2 of the document as a section
        assertThat(seed.sections()).hasSize(20);
        assertThat(seed.pathwayPosition()).isEqualTo(2);
    }

    @Property(tries = 200)
    void generatedTracksSurviveMarkdown(@ForAll("roadmaps") Roadmap roadmap) {
        String markdown = RoadmapMarkdown.write(roadmap);
        Roadmap again = RoadmapParser.parse(roadmap.trackId(), markdown);
        assertThat(again).isEqualTo(roadmap);
        assertThat(RoadmapMarkdown.write(again)).isEqualTo(markdown);
    }

    @Example
    void theVerificationPolicySurvivesMarkdownAndJson() {
        Roadmap seed = SeedRoadmap.parsed();
        assertThat(seed.verification()).isEqualTo(VerificationPolicy.DEFAULT);
        Roadmap strict = new Roadmap(seed.trackId(), seed.name(), seed.summary(), seed.levels(), seed.pathway(),
                seed.sections(), seed.pathwayPosition(), new VerificationPolicy(false, false));
        String markdown = RoadmapMarkdown.write(strict);
        assertThat(markdown).contains("Verification policy: unverified certifications do not count; "
                + "self-assessed skills do not count.");
        assertThat(RoadmapParser.parse(seed.trackId(), markdown)).isEqualTo(strict);
        TrackContent content = TrackDocuments.fromRoadmap(strict, LevelRulesV1.derive(strict));
        assertThat(content.verification()).isEqualTo(new VerificationPolicy(false, false));
        assertThat(JSON.readValue(JSON.writeValueAsString(content), TrackContent.class)).isEqualTo(content);
        // a draft without the field (written before policies existed) gets the default
        String withoutPolicy = JSON.writeValueAsString(content).replaceFirst(
                ",?\"verification\":\\{[^}]*\\}", "");
        assertThat(withoutPolicy).doesNotContain("verification");
        assertThat(JSON.readValue(withoutPolicy, TrackContent.class).verification())
                .isEqualTo(VerificationPolicy.DEFAULT);
    }

    @Property(tries = 100)
    void generatedTracksSurviveJson(@ForAll("roadmaps") Roadmap roadmap) {
        TrackContent content = TrackDocuments.fromRoadmap(roadmap, LevelRulesV1.derive(roadmap));
        TrackContent again = JSON.readValue(JSON.writeValueAsString(content), TrackContent.class);
        assertThat(again).isEqualTo(content);
        assertThat(TrackDocuments.toRoadmap(again)).isEqualTo(roadmap);
    }

    @Provide
    Arbitrary<Roadmap> roadmaps() {
        Arbitrary<List<Level>> levels = Arbitraries.integers().between(1, 4).flatMap(n ->
                Combinators.combine(IntStream.range(0, n).mapToObj(this::level).toList()).as(List::copyOf));
        Arbitrary<List<PathwayStep>> pathway = Arbitraries.integers().between(0, 3).flatMap(n ->
                Combinators.combine(IntStream.range(0, n).mapToObj(this::step).toList()).as(List::copyOf));
        Arbitrary<List<DescriptiveSection>> sections = section(2).list().ofMaxSize(4);
        // the verification policy: every combination, so the non-default ones go through the Markdown too
        Arbitrary<VerificationPolicy> verification = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.of(true, false)).as(VerificationPolicy::new);
        return Combinators.combine(words(4), sentence().injectNull(0.3), levels, pathway, sections,
                        Arbitraries.integers().between(0, 4), verification)
                .as((name, summary, ls, ps, ss, position, policy) -> new Roadmap("generated", name, summary, ls, ps,
                        ss, position, policy));
    }

    private Arbitrary<Level> level(int index) {
        String[] names = {"Entry Level", "Mid-Level", "Senior-Level", "Executive"};
        Arbitrary<List<Skill>> skills = words(5).list().ofMinSize(1).ofMaxSize(4).uniqueElements()
                .map(list -> IntStream.range(0, list.size())
                        .mapToObj(i -> new Skill(Slugs.slug("s" + i + " " + list.get(i)), "S" + i + " " + list.get(i)))
                        .toList());
        Arbitrary<List<SalaryBand>> bands = salary().list().ofMaxSize(3).map(list -> {
            List<SalaryBand> unique = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                SalaryBand b = list.get(i);
                unique.add(new SalaryBand("region-" + i, "Region " + i, b.currency(), b.min(), b.max(),
                        b.openEnded()));
            }
            return unique;
        });
        return Combinators.combine(Arbitraries.integers().between(0, 20), Arbitraries.integers().between(0, 5)
                                .injectNull(0.3), sentence().list().ofMinSize(1).ofMaxSize(3),
                        sentence().list().ofMinSize(1).ofMaxSize(3), skills, bands, sentence().list().ofMaxSize(3))
                .as((min, span, titles, duties, ss, bs, kpis) -> new Level(
                        Slugs.slug(names[index]).replaceFirst("-level$", ""), index + 1, names[index], min,
                        span == null ? null : min + span, titles, duties, ss, bs, kpis));
    }

    private Arbitrary<SalaryBand> salary() {
        return Combinators.combine(Arbitraries.of("USD", "EUR", "GBP", "CHF", "JPY"),
                        Arbitraries.longs().between(0, 5_000_000), Arbitraries.longs().between(0, 1_000_000)
                                .injectNull(0.2), Arbitraries.of(true, false))
                .as((currency, min, span, open) -> new SalaryBand("r", "R", currency, min,
                        span == null ? null : min + span, open));
    }

    private Arbitrary<PathwayStep> step(int index) {
        return words(3).list().ofMinSize(1).ofMaxSize(3).uniqueElements().map(names -> new PathwayStep(index * 2 + 1,
                index == 2 ? null : index * 2 + 2, IntStream.range(0, names.size())
                .mapToObj(i -> {
                    String name = "Cert " + index + i + " " + names.get(i);
                    return new Certification(CertificationIds.idFor(name), name);
                }).toList()));
    }

    private Arbitrary<DescriptiveSection> section(int depth) {
        Arbitrary<Item> item = Combinators.combine(itemText(), itemText().list().ofMaxSize(2))
                .as((text, nested) -> new Item(text, nested.stream().map(Item::of).toList()));
        Arbitrary<List<DescriptiveSection>> children = depth >= 4 ? Arbitraries.just(List.of())
                : Arbitraries.lazy(() -> section(depth + 1)).list().ofMaxSize(2);
        return Combinators.combine(words(4), Arbitraries.of(true, false), sentence().list().ofMaxSize(2),
                        item.list().ofMaxSize(3), children, sentence().list().ofMaxSize(1))
                .as((heading, ordered, paragraphs, items, kids, closing) -> new DescriptiveSection("Part " + heading,
                        ordered && !items.isEmpty(), paragraphs, items, kids, items.isEmpty() ? List.of() : closing));
    }

    private Arbitrary<String> itemText() {
        return Arbitraries.oneOf(sentence(), sentence().map(s -> "**" + s + "**: [link](https://example.org/x)"),
                Arbitraries.just("Website: https://ppml.ai"), Arbitraries.just("€ ² 📈 (ISC)²"));
    }

    private static Arbitrary<String> sentence() {
        return words(6).map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".");
    }

    private static Arbitrary<String> words(int max) {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8).list().ofMinSize(1)
                .ofMaxSize(max).map(w -> String.join(" ", w));
    }
}
