package dev.ladder.profile.csvimport;

import dev.ladder.kit.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The admin's CSV first load: preview (writes nothing) and import (all or nothing), as text/csv or multipart. */
@RestController
@RequestMapping("/api/profiles/admin/import")
class CsvImportController {

    private final CsvImport imports;

    CsvImportController(CsvImport imports) {
        this.imports = imports;
    }

    @Operation(summary = "Check a CSV of people and teams: every row's problems and what would change (admin)")
    @PostMapping(path = "/preview", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ImportReport preview(@RequestHeader(value = "Content-Length", required = false) Long length,
                         @RequestBody(required = false) byte[] csv) {
        return imports.preview(Caller.current(), body(length, csv));
    }

    @PostMapping(path = "/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport previewFile(@RequestParam("file") MultipartFile file) {
        return imports.preview(Caller.current(), bytes(file));
    }

    @Operation(summary = "Import a CSV of people and teams in one transaction; any problem → 422, nothing written (admin)")
    @PostMapping(consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ImportReport apply(@RequestHeader(value = "Content-Length", required = false) Long length,
                       @RequestBody(required = false) byte[] csv) {
        return imports.apply(Caller.current(), body(length, csv));
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportReport applyFile(@RequestParam("file") MultipartFile file) {
        return imports.apply(Caller.current(), bytes(file));
    }

    private static byte[] body(Long length, byte[] csv) {
        if (length != null && length > CsvRows.MAX_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = csv == null ? new byte[0] : csv;
        if (bytes.length > CsvRows.MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static byte[] bytes(MultipartFile file) {
        if (file.getSize() > CsvRows.MAX_BYTES) {
            throw tooLarge();
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ErrorResponseException tooLarge() {
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, ProblemDetail.forStatusAndDetail(
                HttpStatus.CONTENT_TOO_LARGE, "The file is larger than 1 MB: split it"), null);
    }
}
