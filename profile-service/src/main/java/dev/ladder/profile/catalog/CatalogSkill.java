package dev.ladder.profile.catalog;

import java.util.List;

/** A skill of a track with the requirements (level, group, minimum proficiency) it serves. */
public record CatalogSkill(String id, String name, List<Requirement> requirements) {

    public record Requirement(String levelId, int levelRank, String levelName, String groupId, String groupKind,
                              int groupRequired, Integer minProficiency) {
    }
}
