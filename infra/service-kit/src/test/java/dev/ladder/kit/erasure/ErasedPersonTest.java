package dev.ladder.kit.erasure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ErasedPersonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ErasedPerson erin = ErasedPerson.of("e-42", "sub-7f1c2d3e", null, " ")
            .with("Erin Erasable", "erin@example.com");

    @Test
    void keepsTheNonBlankIdentifiers() {
        assertThat(erin.identifiers()).containsExactlyInAnyOrder("e-42", "sub-7f1c2d3e", "Erin Erasable",
                "erin@example.com");
    }

    @Test
    void replacesWholeValuesAndLongIdentifiersInsideTexts() {
        assertThat(erin.scrub("e-42")).isEqualTo("erased");
        assertThat(erin.scrub("verified by Erin Erasable")).isEqualTo("verified by erased");
        // a short identifier only as a whole value: "e-42" inside a longer text may be anything
        assertThat(erin.scrub("see e-421")).isEqualTo("see e-421");
        assertThat(erin.scrub((String) null)).isNull();
    }

    @Test
    void scrubsJsonStringValuesNotTheText() {
        String payload = """
                {"employeeId":"o-1","verifiedBy":"e-42","note":"by Erin Erasable","count":42,
                 "nested":[{"by":"sub-7f1c2d3e"},"erin@example.com",null],"e-42":"key"}""";
        String scrubbed = erin.scrubJson(JSON, payload);
        assertThat(JSON.readTree(scrubbed)).isEqualTo(JSON.readTree("""
                {"employeeId":"o-1","verifiedBy":"erased","note":"by erased","count":42,
                 "nested":[{"by":"erased"},"erased",null],"erased":"key"}"""));
    }

    @Test
    void hashesIdsWithSha256() {
        assertThat(ErasedPerson.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
