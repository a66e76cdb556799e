package dev.ladder.catalog.roadmap;

/** The document is not a roadmap the catalog understands; the message names the section and line at fault. */
public class RoadmapFormatException extends RuntimeException {

    public RoadmapFormatException(String message) {
        super(message);
    }
}
