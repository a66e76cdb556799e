package dev.ladder.progress.team;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One row per member: level, readiness, risk, one column per skill of the gap matrix ("assessed/required", a side
 * left empty when unknown or not required) and the certifications expiring within 90 days.
 * <p>
 * RFC 4180 with Apache Commons CSV: CRLF after every record, every field in double quotes (a quote inside doubled),
 * so a value with commas, quotes or any number of line breaks stays one cell. Text that came from people or the
 * catalog (ids, names, level and certification ids) goes through {@link #text} against CSV/formula injection;
 * what this class formats itself from numbers (readiness percent and bucket, at risk, "assessed/required") is
 * written as it is, so a spreadsheet still reads it as a number (the quotes are CSV syntax, not part of the value).
 */
final class TeamCsv {

    /** RFC 4180 (comma, double quote, CRLF records), every field quoted. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    /**
     * A cell a spreadsheet would run as a formula (OWASP "CSV Injection"): one starting with = + - @, TAB or CR — and
     * also one where = + - @ comes only after leading white space (line breaks included), because importers that
     * trim cells (LibreOffice's "Trim spaces", Excel pasting) would otherwise turn " =1+1" into a formula again. The
     * few real values this changes (a name beginning with a space and a dash) only gain a visible apostrophe.
     * {@code (?U)}: Unicode white space (a no-break space too), as JavaScript's {@code \s} in the portal's own CSV.
     */
    private static final Pattern FORMULA = Pattern.compile("(?U)^[\\t\\r]|^\\s*[=+\\-@]");

    static String of(TeamReadiness team) {
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(csv, FORMAT)) {
            List<String> header = new ArrayList<>(List.of("employeeId", "displayName", "currentLevel", "nextLevel",
                    "readinessPercent", "readinessBucket", "atRisk"));
            // "skill:" comes first, so a skill id cannot start the cell; text() anyway, should that ever change
            team.skillGaps().skills().forEach(skill -> header.add(text("skill:" + skill.skillId())));
            header.add("expiringCertifications");
            printer.printRecord(header);
            for (TeamReadiness.Member member : team.members()) {
                List<String> row = new ArrayList<>(List.of(text(member.employeeId()), text(member.displayName()),
                        text(member.currentLevelId()), text(member.nextLevelId()),
                        // numbers this export formats itself: 0-100, a bucket like "25-49", true/false
                        String.valueOf(member.readinessPercent()), TeamReadiness.bucket(member.readinessPercent()),
                        String.valueOf(member.atRisk())));
                for (TeamReadiness.SkillRow skill : team.skillGaps().skills()) {
                    row.add(skill.members().stream().filter(c -> c.employeeId().equals(member.employeeId()))
                            .findFirst().map(TeamCsv::cell).orElse(""));
                }
                // the cell starts with a certification id (catalog data), so it is text as a whole
                row.add(text(team.expiringCertifications().stream()
                        .filter(c -> c.employeeId().equals(member.employeeId()))
                        .map(c -> c.certificationId() + "@" + c.expiresOn()).collect(Collectors.joining(" "))));
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail; the API declares it
        }
        return csv.toString();
    }

    /**
     * A text cell made safe for spreadsheets: a value {@link #FORMULA} matches gets a leading single quote (OWASP's
     * advice), which spreadsheets show as text; anything else is written unchanged. Null is an empty cell.
     */
    static String text(String value) {
        if (value == null) {
            return "";
        }
        return FORMULA.matcher(value).find() ? "'" + value : value;
    }

    /** Two proficiencies (1-5) around a slash: never starts with a formula character. */
    private static String cell(TeamReadiness.Cell cell) {
        if (cell.assessed() == null && cell.required() == null) {
            return "";
        }
        return (cell.assessed() == null ? "" : cell.assessed()) + "/" + (cell.required() == null ? ""
                : cell.required());
    }

    private TeamCsv() {
    }
}
