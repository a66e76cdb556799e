package dev.ladder.profile.csvimport;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the first-load CSV: UTF-8 (an optional byte order mark is skipped), RFC 4180 quoting, a header row naming
 * the columns (any order, case-insensitive; {@link #COLUMNS}), at most {@value #MAX_ROWS} data rows (more → 400). Row numbers
 * are the file's records: the header is row 1, the first person row 2.
 */
final class CsvRows {

    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ROWS = 5000;
    static final List<String> COLUMNS = List.of("username", "externalId", "email", "displayName", "jobTitle",
            "teamId", "teamName", "managerUsername", "deputyUsername", "trackId", "region", "startDate");
    static final List<String> REQUIRED = List.of("username", "displayName");

    private CsvRows() {
    }

    /** One person row: the cells by column (blank cells absent). */
    record Row(int number, Map<String, String> cells) {

        String get(String column) {
            return cells.get(column);
        }
    }

    record Parsed(List<Row> rows, List<ImportReport.Problem> problems) {
    }

    /** The file's rows, or the problems that make it unreadable (then no rows). */
    static Parsed parse(byte[] bytes) {
        List<ImportReport.Problem> problems = new ArrayList<>();
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new ImportReport.Problem(0, null, "The file is not UTF-8 text"));
            return new Parsed(List.of(), problems);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).setTrim(true).get();
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            records = new ArrayList<>();
            for (CSVRecord record : parser) {
                records.add(record);
                if (records.size() > MAX_ROWS + 1) {
                    throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                            HttpStatus.BAD_REQUEST, "More than " + MAX_ROWS + " rows: split the file"), null);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(new ImportReport.Problem(0, null, "Not a valid CSV file (RFC 4180): " + e.getMessage()));
            return new Parsed(List.of(), problems);
        }
        if (records.isEmpty()) {
            problems.add(new ImportReport.Problem(1, null, "The file is empty: a header row is required"));
            return new Parsed(List.of(), problems);
        }
        Map<String, String> canonical = new HashMap<>();
        COLUMNS.forEach(c -> canonical.put(c.toLowerCase(), c));
        CSVRecord header = records.get(0);
        List<String> columns = new ArrayList<>();
        for (String name : header) {
            String column = canonical.get(name.strip().toLowerCase());
            if (column == null) {
                problems.add(new ImportReport.Problem(1, name, "Unknown column; the columns are "
                        + String.join(",", COLUMNS)));
            } else if (columns.contains(column)) {
                problems.add(new ImportReport.Problem(1, name, "Column named twice"));
            }
            columns.add(column);
        }
        for (String required : REQUIRED) {
            if (!columns.contains(required)) {
                problems.add(new ImportReport.Problem(1, required, "Required column missing"));
            }
        }
        if (!problems.isEmpty()) {
            return new Parsed(List.of(), problems);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            CSVRecord record = records.get(i);
            int number = i + 1;
            if (record.size() != columns.size()) {
                problems.add(new ImportReport.Problem(number, null, "Has " + record.size() + " cells, the header "
                        + columns.size()));
                continue;
            }
            Map<String, String> cells = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                String value = record.get(c);
                if (value != null && !value.isBlank()) {
                    cells.put(columns.get(c), value.strip());
                }
            }
            rows.add(new Row(number, cells));
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add(new ImportReport.Problem(2, null, "The file has a header but no person rows"));
        }
        return new Parsed(rows, problems);
    }

    static LocalDate date(Row row, List<ImportReport.Problem> problems) {
        String text = row.get("startDate");
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(new ImportReport.Problem(row.number(), "startDate", "must be a date yyyy-MM-dd"));
            return null;
        }
    }
}
