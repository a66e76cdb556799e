package dev.ladder.profile.team;

public record Team(String id, String name, String managerId) {
}
