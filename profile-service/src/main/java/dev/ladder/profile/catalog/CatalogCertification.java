package dev.ladder.profile.catalog;

/** A certification of the local catalog copy; {@code renewalMonths} null = it does not expire by rule. */
public record CatalogCertification(String id, String name, Integer renewalMonths) {
}
