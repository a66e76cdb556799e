package dev.ladder.profile.certification;

/** An evidence file to download. */
public record EvidenceContent(byte[] content, String contentType, String filename) {
}
