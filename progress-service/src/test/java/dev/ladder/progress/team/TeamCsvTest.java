package dev.ladder.progress.team;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team CSV against hostile names and ids, without Spring: read back with Commons CSV (RFC 4180), every record
 * has every column, every cell is exactly the value — formulas neutralised with a leading apostrophe, line breaks,
 * quotes and commas intact — and the numbers the export formats itself are left alone.
 */
class TeamCsvTest {

    static final List<String> HEADER = List.of("employeeId", "displayName", "currentLevel", "nextLevel",
            "readinessPercent", "readinessBucket", "atRisk", "skill:threat-modeling", "expiringCertifications");

    /** name in the team → the cell the CSV must hold. */
    static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")");
        NAMES.put("+1+1", "'+1+1");
        NAMES.put("-2", "'-2"); // a name, not a number: only what the export formats itself stays as it is
        NAMES.put("@SUM(A1)", "'@SUM(A1)");
        NAMES.put("\t=1+1", "'\t=1+1");
        NAMES.put("\r=cmd", "'\r=cmd");
        NAMES.put("\tplain after a tab", "'\tplain after a tab"); // OWASP: a leading TAB or CR always
        NAMES.put("  =1+1", "'  =1+1"); // a formula after spaces: importers that trim would run it
        NAMES.put("\n-3", "'\n-3");
        NAMES.put("a\n\nb\r\nc", "a\n\nb\r\nc"); // several line breaks, CR LF among them: one cell, unchanged
        NAMES.put("say \"hi\"", "say \"hi\"");
        NAMES.put("Berg, Bob", "Berg, Bob");
        NAMES.put("Ann-Marie O'Neil", "Ann-Marie O'Neil"); // a dash or a quote inside is nothing
        NAMES.put("", "");
    }

    @Test
    void hostileValuesReadBackAsExactlyTheNeutralisedTextOneRecordPerMember() throws IOException {
        List<TeamReadiness.Member> members = new ArrayList<>();
        List<TeamReadiness.Cell> cells = new ArrayList<>();
        int i = 0;
        for (String name : NAMES.keySet()) {
            String id = "e" + i++;
            members.add(new TeamReadiness.Member(id, name, "entry", "Entry Level", "mid", "Mid-Level", 33, false));
            cells.add(new TeamReadiness.Cell(id, 2, 3, true));
        }
        // catalog data can be hostile too: a level id, a certification id
        members.add(new TeamReadiness.Member("=cmd|' /C calc'!A0", "Eve", "-entry", "Entry", null, null, 100, true));
        TeamReadiness team = team(members, cells, List.of(
                new TeamReadiness.ExpiringCertification("e0", "x", "@cert", "C", LocalDate.of(2027, 1, 15), 51),
                new TeamReadiness.ExpiringCertification("e0", "x", "sec-plus", "S", LocalDate.of(2027, 2, 1), 68)));

        List<CSVRecord> records = parse(TeamCsv.of(team));

        assertThat(records).hasSize(1 + members.size());
        assertThat(records.get(0).toList()).isEqualTo(HEADER);
        assertThat(records).allSatisfy(r -> assertThat(r.size()).as("columns of %s", r).isEqualTo(HEADER.size()));
        i = 0;
        for (Map.Entry<String, String> name : NAMES.entrySet()) {
            CSVRecord row = records.get(1 + i);
            assertThat(row.get(1)).as("the name %s", name.getKey()).isEqualTo(name.getValue());
            assertThat(row.toList()).as("row %d", i).isEqualTo(List.of("e" + i, name.getValue(), "entry", "mid", "33",
                    "25-49", "false", "2/3", i == 0 ? "'@cert@2027-01-15 sec-plus@2027-02-01" : ""));
            i++;
        }
        assertThat(records.get(records.size() - 1).toList()).isEqualTo(List.of("'=cmd|' /C calc'!A0", "Eve",
                "'-entry", "", "100", "100", "true", "", ""));
    }

    @Test
    void everyFieldIsQuotedAndEveryRecordEndsWithCrLf() {
        TeamReadiness team = team(List.of(new TeamReadiness.Member("e1", "a\n\nb", "entry", "Entry", "mid", "Mid", 0,
                false)), List.of(), List.of());

        String csv = TeamCsv.of(team);

        assertThat(csv).startsWith("\"employeeId\",\"displayName\",\"currentLevel\",\"nextLevel\",\"readinessPercent\"")
                .endsWith("\r\n")
                .contains("\r\n\"e1\",\"a\n\nb\",\"entry\",\"mid\",\"0\",\"0-24\",\"false\",\"\"\r\n");
    }

    @Test
    void onlyAFormulaStartIsNeutralised() {
        assertThat(TeamCsv.text(null)).isEmpty();
        assertThat(TeamCsv.text("Alice Anders")).isEqualTo("Alice Anders");
        assertThat(TeamCsv.text("a=b+c-d@e")).isEqualTo("a=b+c-d@e");
        assertThat(TeamCsv.text("'=1")).isEqualTo("'=1"); // already text in a spreadsheet
        assertThat(TeamCsv.text("\u00a0=1+1")).isEqualTo("'\u00a0=1+1"); // no-break space, as the portal does
        assertThat(TeamCsv.text("\r")).isEqualTo("'\r");
        assertThat(TeamCsv.text("\nplain")).isEqualTo("\nplain");
    }

    static TeamReadiness team(List<TeamReadiness.Member> members, List<TeamReadiness.Cell> cells,
                              List<TeamReadiness.ExpiringCertification> expiring) {
        return new TeamReadiness("t", "=Team", "m", members, Map.of(), Map.of(), new TeamReadiness.SkillGapMatrix(
                cells.isEmpty() ? List.of() : List.of(new TeamReadiness.SkillRow("threat-modeling", "=Threat", cells))),
                expiring);
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(new StringReader(csv), CSVFormat.RFC4180)) {
            return parser.getRecords();
        }
    }
}
