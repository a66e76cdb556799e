package dev.ladder.catalog.web;

import dev.ladder.catalog.release.CatalogReader;
import dev.ladder.catalog.release.TrackRelease;
import dev.ladder.catalog.track.TrackContent;
import dev.ladder.kit.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Published catalog for any signed-in user. Published versions never change, so the ETag is derived from version
 * numbers alone and a revalidation costs one small query instead of loading and serialising the snapshot.
 */
@RestController
@RequestMapping("/api/catalog")
@Tag(name = "catalog", description = "Published career tracks, levels and certifications")
class CatalogController {

    /** Bump when the JSON shape of the responses changes, so clients do not revalidate into an old shape. */
    static final String REPRESENTATION = "r2";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofSeconds(60)).cachePrivate();

    private final CatalogReader catalog;

    CatalogController(CatalogReader catalog) {
        this.catalog = catalog;
    }

    record TrackSummary(String id, String name, int latestVersion) {
    }

    record CertificationSummary(String id, String name, String pathwayYears, Integer renewalMonths) {
    }

    @GetMapping("/tracks")
    @Operation(summary = "Tracks with their latest published version", responses = {
            @ApiResponse(responseCode = "200", description = "tracks"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "401", description = "not signed in")})
    ResponseEntity<List<TrackSummary>> tracks(WebRequest request) {
        List<TrackRelease.Summary> tracks = catalog.tracks();
        return conditional(request, etag("tracks", tracks), () -> tracks.stream()
                .map(t -> new TrackSummary(t.id(), t.name(), t.latestVersion())).toList());
    }

    @GetMapping("/tracks/{trackId}")
    @Operation(summary = "The latest published version of a track: levels, salary bands, KPIs, requirements and "
            + "every descriptive section of the roadmap", responses = {
            @ApiResponse(responseCode = "200", description = "the track"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "401", description = "not signed in"),
            @ApiResponse(responseCode = "404", description = "no published track")})
    ResponseEntity<TrackRelease> track(@PathVariable String trackId, WebRequest request) {
        int version = catalog.latestVersion(trackId).orElseThrow(() -> unknownTrack(trackId));
        if (notModified(request.getHeaderValues(HttpHeaders.IF_NONE_MATCH), trackTag(trackId, version))) {
            return notModifiedResponse(trackTag(trackId, version));
        }
        // tagged by the version actually loaded, in case a newer one was published in between
        TrackRelease release = catalog.track(trackId).orElseThrow(() -> unknownTrack(trackId));
        return ResponseEntity.ok().eTag(trackTag(trackId, release.version())).cacheControl(CACHE).body(release);
    }

    private static String trackTag(String trackId, int version) {
        return quoted(REPRESENTATION + "-" + trackId + "-v" + version);
    }

    @GetMapping("/certifications")
    @Operation(summary = "Certifications of all tracks, in pathway order", responses = {
            @ApiResponse(responseCode = "200", description = "certifications"),
            @ApiResponse(responseCode = "304", description = "not modified (If-None-Match)"),
            @ApiResponse(responseCode = "401", description = "not signed in")})
    ResponseEntity<List<CertificationSummary>> certifications(WebRequest request) {
        return conditional(request, etag("certifications", catalog.tracks()), () -> catalog.certifications()
                .stream().map(CatalogController::summary).toList());
    }

    private static CertificationSummary summary(TrackContent.Certification c) {
        return new CertificationSummary(c.id(), c.name(), c.pathwayYears(), c.renewalMonths());
    }

    private static NotFoundException unknownTrack(String trackId) {
        return new NotFoundException("No published track '" + trackId + "'");
    }

    static <T> ResponseEntity<T> conditional(WebRequest request, String etag, Supplier<T> body) {
        if (notModified(request.getHeaderValues(HttpHeaders.IF_NONE_MATCH), etag)) {
            return notModifiedResponse(etag);
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CACHE).body(body.get());
    }

    private static <T> ResponseEntity<T> notModifiedResponse(String etag) {
        return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(CACHE).build();
    }

    /** If-None-Match uses the weak comparison (RFC 9110 §13.1.2); "*" matches any current representation. */
    static boolean notModified(String[] ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.strip();
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A list view changes exactly when some track gets a new version (or a new track is published). */
    static String etag(String view, List<TrackRelease.Summary> tracks) {
        String versions = tracks.stream().map(t -> t.id() + ":" + t.latestVersion())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(versions.getBytes(StandardCharsets.UTF_8));
            return quoted(REPRESENTATION + "-" + view + "-" + HexFormat.of().formatHex(digest, 0, 12));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String quoted(String tag) {
        return "\"" + tag + "\"";
    }
}
