package dev.ladder.catalog.seed;

import dev.ladder.catalog.roadmap.Mojibake;
import dev.ladder.catalog.roadmap.Roadmap;
import dev.ladder.catalog.roadmap.RoadmapParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Imports the configured seed roadmaps before the service reports ready. A seed that cannot be read or parsed fails
 * startup: running without the catalog every other service depends on would only move the failure elsewhere.
 */
@Component
class SeedImporter implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedImporter.class);

    private final SeedProperties properties;
    private final RoadmapImport roadmapImport;
    private final ResourceLoader resources;

    SeedImporter(SeedProperties properties, RoadmapImport roadmapImport, ResourceLoader resources) {
        this.properties = properties;
        this.roadmapImport = roadmapImport;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.enabled()) {
            return;
        }
        for (SeedProperties.Track track : properties.tracks()) {
            String markdown = Mojibake.repair(read(resources.getResource(track.location())));
            Roadmap roadmap = RoadmapParser.parse(track.id(), markdown);
            roadmapImport.importIfAbsent(roadmap, track.location()).ifPresentOrElse(
                    release -> log.info("Imported seed track {} from {} and published version {}", track.id(),
                            track.location(), release.version()),
                    () -> log.info("Seed track {} already exists; left as is", track.id()));
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed roadmap " + resource.getDescription(), e);
        }
    }
}
