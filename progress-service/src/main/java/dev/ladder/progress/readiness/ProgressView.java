package dev.ladder.progress.readiness;

import dev.ladder.progress.rules.GroupResult;
import dev.ladder.progress.rules.ItemResult;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An employee's place on their track and their readiness for the next level, requirement by requirement.
 * {@code atRisk}: the level held is no longer fully met (e.g. a certification expired) but kept by policy.
 * {@code asOf} is the evaluated day of a history query ({@code null}: now); {@code gaps} lists the unmet requirements.
 * The HTTP shape of an {@link EmployeeProgress}, shared by {@code GET /me}, {@code GET /employees/{id}} and what-if.
 */
public record ProgressView(String employeeId, String trackId, int catalogVersion, LevelView currentLevel,
                           LevelView nextLevel, int readinessPercent, List<GroupView> groups, List<GapView> gaps,
                           boolean atRisk, LocalDate asOf, Instant updatedAt) {

    public record LevelView(String id, String name, int rank) {
        static LevelView of(LevelRef level) {
            return level == null ? null : new LevelView(level.id(), level.name(), level.rank());
        }
    }

    /** {@code required} items must be met for the group to be met; readiness averages min(1, metCount/required). */
    public record GroupView(String id, String description, String kind, int required, int metCount, boolean met,
                            List<ItemView> items) {
        static GroupView of(GroupResult group) {
            return new GroupView(group.id(), group.description(), group.kind().name(), group.required(),
                    group.metCount(), group.met(), group.items().stream().map(ItemView::of).toList());
        }
    }

    /**
     * {@code type} is CERTIFICATION, SKILL or EXPERIENCE; {@code detail} says why it is (not) met; {@code status} is
     * MET, UNMET, EXPIRING (a certification lapsing within 90 days) or PENDING (not met: only an unverified claim
     * would meet it, which the track's verification policy does not count yet); {@code metOn} the day it was met.
     */
    public record ItemView(String type, String ref, String name, boolean met, String detail, String status,
                           LocalDate metOn) {
        static ItemView of(ItemResult item) {
            ItemResult.Status status = item.status() == null
                    ? (item.met() ? ItemResult.Status.MET : ItemResult.Status.UNMET) : item.status();
            return new ItemView(item.type().name(), item.ref(), item.name(), item.met(), item.detail(),
                    status.name(), item.metOn());
        }
    }

    /** An unmet requirement of a group that is not met yet: what is still missing for the next level. */
    public record GapView(String groupId, String type, String ref, String name, String detail) {
    }

    public static ProgressView of(EmployeeProgress progress, LocalDate asOf) {
        List<GapView> gaps = progress.groups().stream().filter(group -> !group.met())
                .flatMap(group -> group.items().stream().filter(item -> !item.met())
                        .map(item -> new GapView(group.id(), item.type().name(), item.ref(), item.name(),
                                item.detail())))
                .toList();
        return new ProgressView(progress.employeeId(), progress.trackId(), progress.catalogVersion(),
                LevelView.of(progress.currentLevel()), LevelView.of(progress.nextLevel()),
                progress.readinessPercent(), progress.groups().stream().map(GroupView::of).toList(), gaps,
                progress.atRisk(), asOf, progress.updatedAt());
    }
}
