package dev.ladder.catalog.release;

import dev.ladder.catalog.track.TrackContent;
import dev.ladder.kit.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ladder.catalog.http.ConditionalGet.conditional;

/**
 * Fine-grained reads of the latest published version of a track. Cacheable like the track itself: the ETag changes
 * exactly when a new version is published.
 */
@RestController
@RequestMapping("/api/catalog")
@Tag(name = "catalog", description = "Published career tracks, levels and certifications")
class ReadingController {

    private final CatalogReader catalog;

    ReadingController(CatalogReader catalog) {
        this.catalog = catalog;
    }

    record SkillUse(String id, String name, List<String> levels) {
    }

    record Salary(String levelId, String levelName, String region, String regionName, String currency, long min,
                  Long max, boolean openEnded) {
    }

    @GetMapping("/tracks/{trackId}/levels")
    @Operation(summary = "Levels of the latest version, in rank order",
            responses = {@ApiResponse(responseCode = "200", description = "levels"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "404", description = "no published track")})
    ResponseEntity<List<TrackContent.Level>> levels(@PathVariable String trackId, WebRequest request) {
        return conditional(request, tag(trackId, "levels"), () -> release(trackId).levels());
    }

    @GetMapping("/tracks/{trackId}/levels/{levelId}")
    @Operation(summary = "One level of the latest version",
            responses = {@ApiResponse(responseCode = "200", description = "the level"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "404", description = "no such track or level")})
    ResponseEntity<TrackContent.Level> level(@PathVariable String trackId, @PathVariable String levelId,
                                             WebRequest request) {
        TrackContent.Level level = release(trackId).levels().stream().filter(l -> l.id().equals(levelId))
                .findFirst().orElseThrow(() -> new NotFoundException("No level '" + levelId + "' in " + trackId));
        return conditional(request, tag(trackId, "level-" + levelId), () -> level);
    }

    @GetMapping("/tracks/{trackId}/skills")
    @Operation(summary = "Skills of the latest version with the levels that require them",
            responses = {@ApiResponse(responseCode = "200", description = "skills"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "404", description = "no published track")})
    ResponseEntity<List<SkillUse>> skills(@PathVariable String trackId, WebRequest request) {
        return conditional(request, tag(trackId, "skills"), () -> {
            Map<String, SkillUse> byId = new LinkedHashMap<>();
            for (TrackContent.Level level : release(trackId).levels()) {
                for (TrackContent.Skill skill : level.skills()) {
                    byId.computeIfAbsent(skill.id(), id -> new SkillUse(id, skill.name(), new ArrayList<>()))
                            .levels().add(level.id());
                }
            }
            return List.copyOf(byId.values());
        });
    }

    @GetMapping("/tracks/{trackId}/certifications")
    @Operation(summary = "The certification pathway of the latest version",
            responses = {@ApiResponse(responseCode = "200", description = "certifications in pathway order"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "404", description = "no published track")})
    ResponseEntity<List<TrackContent.Certification>> certifications(@PathVariable String trackId,
                                                                    WebRequest request) {
        return conditional(request, tag(trackId, "certifications"),
                () -> release(trackId).certifications());
    }

    @GetMapping("/tracks/{trackId}/salaries")
    @Operation(summary = "Salary bands per level, optionally for one region (slug, e.g. europe)",
            responses = {@ApiResponse(responseCode = "200", description = "bands in level order"),
                    @ApiResponse(responseCode = "304", description = "not modified"),
                    @ApiResponse(responseCode = "404", description = "no published track, or no band for the region")})
    ResponseEntity<List<Salary>> salaries(@PathVariable String trackId,
                                          @RequestParam(required = false) String region, WebRequest request) {
        List<Salary> salaries = new ArrayList<>();
        for (TrackContent.Level level : release(trackId).levels()) {
            for (TrackContent.SalaryBand b : level.salaryBands()) {
                if (region == null || region.equals(b.region())) {
                    salaries.add(new Salary(level.id(), level.name(), b.region(), b.regionName(), b.currency(),
                            b.min(), b.max(), b.openEnded()));
                }
            }
        }
        if (salaries.isEmpty() && region != null) {
            throw new NotFoundException("No salary bands for region '" + region + "' in " + trackId);
        }
        return conditional(request, tag(trackId, "salaries-" + region), () -> salaries);
    }

    private String tag(String trackId, String view) {
        int version = catalog.latestVersion(trackId)
                .orElseThrow(() -> new NotFoundException("No published track '" + trackId + "'"));
        return CatalogETags.trackView(trackId, version, view);
    }

    private TrackRelease release(String trackId) {
        return catalog.track(trackId).orElseThrow(() -> new NotFoundException("No published track '" + trackId + "'"));
    }
}
