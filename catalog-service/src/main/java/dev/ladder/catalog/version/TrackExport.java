package dev.ladder.catalog.version;

import dev.ladder.catalog.roadmap.RoadmapMarkdown;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.catalog.track.TrackDocuments;
import dev.ladder.kit.web.FieldProblem;
import dev.ladder.kit.web.UnprocessableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * A track's content as a downloadable document: roadmap Markdown (which the Markdown import reads back into an equal
 * track) or the JSON model (which the JSON import reads back). Shared by the export of published versions and of
 * drafts, so both speak the same formats.
 */
public final class TrackExport {

    public static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown;charset=UTF-8");

    private TrackExport() {
    }

    /** 422 unless {@code format} is one this export writes. */
    public static void checkFormat(String format) {
        if (!"markdown".equals(format) && !"json".equals(format)) {
            throw new UnprocessableException(List.of(new FieldProblem("format",
                    "unknown format '" + format + "' (markdown or json)")));
        }
    }

    /** @param filename without extension, e.g. {@code my-track-v3} or {@code my-track-draft-r7} */
    public static ResponseEntity<String> export(TrackContent content, String format, String filename,
                                                JsonMapper json) {
        checkFormat(format);
        return "markdown".equals(format)
                ? ResponseEntity.ok().contentType(MARKDOWN)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + ".md\"")
                        .body(RoadmapMarkdown.write(TrackDocuments.toRoadmap(content)))
                : ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + ".json\"")
                        .body(json.writeValueAsString(content));
    }
}
