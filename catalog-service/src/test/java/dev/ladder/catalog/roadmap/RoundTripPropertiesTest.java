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
import dev.ladder.contracts.catalog.CatalogVersionPublished.GroupKind;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Requirement;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementType;
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
import java.util.Map;
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
        // as a track, the rules v1 and renewal periods become explicit in the document and come back equal
        Roadmap explicit = TrackDocuments.toRoadmap(content);
        assertThat(TrackDocuments.fromRoadmap(explicit)).isEqualTo(content);
        assertThat(explicit.levels().get(1).requirements()).isEqualTo(content.levels().get(1).requirements());
        String exported = RoadmapMarkdown.write(explicit);
        assertThat(exported).contains("### Requirements", "- None", "All of {#mid-skills}: ",
                "Skill `advanced-knowledge-of-adversarial-machine-learning` at proficiency 3 or higher",
                "Experience of at least 6 years", "CompTIA Security+ — renews every 36 months");
        assertThat(TrackDocuments.fromRoadmap(RoadmapParser.parse(seed.trackId(), exported))).isEqualTo(content);
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
        assertThat(TrackDocuments.fromRoadmap(TrackDocuments.toRoadmap(again))).isEqualTo(content);
    }

    /**
     * A track as admins edit it, with everything the Markdown must carry beyond the seed's shape: requirement groups
     * of every kind (all-of, any-of, N-of-M) over certifications, skills at a minimum proficiency and years of
     * experience; renewal periods (also "does not expire" where an issuer's cycle is known); the expiry and
     * verification policies; ids that are not the slug of their name; ranks out of document order.
     */
    @Property(tries = 200)
    void generatedTracksWithRulesAndPoliciesSurviveMarkdown(@ForAll("tracks") TrackContent track) {
        String markdown = RoadmapMarkdown.write(TrackDocuments.toRoadmap(track));
        TrackContent again = TrackDocuments.fromRoadmap(RoadmapParser.parse(track.id(), markdown));
        assertThat(again).isEqualTo(track);
        assertThat(RoadmapMarkdown.write(TrackDocuments.toRoadmap(again))).isEqualTo(markdown);
    }

    @Example
    void aWellKnownCertificationThatDoesNotExpireSaysSo() {
        Roadmap seed = SeedRoadmap.parsed();
        TrackContent content = TrackDocuments.fromRoadmap(seed);
        List<TrackContent.Certification> certifications = new ArrayList<>(content.certifications());
        TrackContent.Certification cissp = certifications.get(3);
        certifications.set(3, new TrackContent.Certification(cissp.id(), cissp.name(), cissp.pathwayYears(), null));
        TrackContent lifetime = new TrackContent(content.id(), content.name(), content.summary(), content.levels(),
                certifications, content.sections(), content.pathwayPosition(), true, content.verification());

        String markdown = RoadmapMarkdown.write(TrackDocuments.toRoadmap(lifetime));

        assertThat(markdown).contains("(CISSP) — does not expire", RoadmapParser.DEMOTE_ON_EXPIRY);
        assertThat(TrackDocuments.fromRoadmap(RoadmapParser.parse(content.id(), markdown))).isEqualTo(lifetime);
    }

    @Provide
    Arbitrary<TrackContent> tracks() {
        return roadmaps().flatMap(roadmap -> {
            TrackContent base = TrackDocuments.fromRoadmap(roadmap, Map.of());
            List<String> skills = base.levels().stream().flatMap(l -> l.skills().stream())
                    .map(TrackContent.Skill::id).distinct().toList();
            List<String> certifications = base.certifications().stream().map(TrackContent.Certification::id)
                    .toList();
            Arbitrary<List<List<RequirementGroup>>> rules = Combinators.combine(base.levels().stream()
                    .map(l -> groups(l.id(), skills, certifications)).toList()).as(List::copyOf);
            Arbitrary<List<Integer>> renewals = Arbitraries.integers().between(1, 120).injectNull(0.4).list()
                    .ofSize(certifications.size());
            return Combinators.combine(rules, renewals, Arbitraries.of(true, false), Arbitraries.of(true, false),
                            Arbitraries.of(true, false))
                    .as((groups, months, demote, ownIds, ranked) -> track(base, groups, months, demote, ownIds,
                            ranked));
        });
    }

    /** {@code base} with the generated rules and periods; {@code ownIds}: ids that are not slugs of names. */
    private static TrackContent track(TrackContent base, List<List<RequirementGroup>> rules, List<Integer> months,
                                      boolean demote, boolean ownIds, boolean ranked) {
        java.util.function.UnaryOperator<String> id = s -> ownIds ? "x-" + s : s;
        List<TrackContent.Level> levels = new ArrayList<>();
        for (int i = 0; i < base.levels().size(); i++) {
            TrackContent.Level l = base.levels().get(i);
            List<RequirementGroup> groups = rules.get(i).stream().map(g -> new RequirementGroup(g.id(),
                    g.description(), g.kind(), g.required(), g.items().stream().map(r -> new Requirement(r.type(),
                    r.ref() == null ? null : id.apply(r.ref()), r.minProficiency(), r.minYears())).toList())).toList();
            levels.add(new TrackContent.Level(id.apply(l.id()), ranked ? (i + 1) * 10 : l.rank(), l.name(),
                    l.minYears(), l.maxYears(), l.jobTitles(), l.responsibilities(),
                    l.skills().stream().map(s -> new TrackContent.Skill(id.apply(s.id()), s.name())).toList(),
                    l.salaryBands().stream().map(b -> new TrackContent.SalaryBand(ownIds ? "zone-" + b.region()
                            : b.region(), b.regionName(), b.currency(), b.min(), b.max(), b.openEnded())).toList(),
                    l.kpis(), groups));
        }
        List<TrackContent.Certification> certifications = new ArrayList<>();
        for (int i = 0; i < base.certifications().size(); i++) {
            TrackContent.Certification c = base.certifications().get(i);
            certifications.add(new TrackContent.Certification(id.apply(c.id()), c.name(), c.pathwayYears(),
                    months.get(i)));
        }
        return new TrackContent(base.id(), base.name(), base.summary(), levels, certifications, base.sections(),
                base.pathwayPosition(), demote, base.verification());
    }

    private Arbitrary<List<RequirementGroup>> groups(String levelId, List<String> skills,
                                                     List<String> certifications) {
        List<Arbitrary<Requirement>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.integers().between(0, 20).map(years -> new Requirement(RequirementType.EXPERIENCE,
                null, null, years)));
        if (!skills.isEmpty()) {
            kinds.add(Combinators.combine(Arbitraries.of(skills), Arbitraries.integers().between(1, 5).injectNull(0.2))
                    .as((ref, level) -> new Requirement(RequirementType.SKILL, ref, level, null)));
        }
        if (!certifications.isEmpty()) {
            kinds.add(Arbitraries.of(certifications).map(ref -> new Requirement(RequirementType.CERTIFICATION, ref,
                    null, null)));
        }
        Arbitrary<Requirement> requirement = Arbitraries.oneOf(kinds);
        Arbitrary<RequirementGroup> group = Combinators.combine(requirement.list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.of(GroupKind.values()), Arbitraries.integers().between(1, 4),
                        Arbitraries.oneOf(sentence(), sentence().map(s -> "Either: " + s)).injectNull(0.2))
                .as((items, kind, n, description) -> new RequirementGroup("g", description, kind,
                        kind == GroupKind.ALL_OF ? items.size() : Math.min(n, items.size()), items));
        return group.list().ofMaxSize(3).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> new RequirementGroup(levelId + "-group-" + i, list.get(i).description(),
                        list.get(i).kind(), list.get(i).required(), list.get(i).items()))
                .toList());
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
