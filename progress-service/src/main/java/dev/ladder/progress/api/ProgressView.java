package dev.ladder.progress.api;

import dev.ladder.progress.readiness.EmployeeProgress;
import dev.ladder.progress.readiness.LevelRef;
import dev.ladder.progress.rules.GroupResult;
import dev.ladder.progress.rules.ItemResult;

import java.time.Instant;
import java.util.List;

/** An employee's place on their track and their readiness for the next level, requirement by requirement. */
public record ProgressView(String employeeId, String trackId, int catalogVersion, LevelView currentLevel,
                           LevelView nextLevel, int readinessPercent, List<GroupView> groups, Instant updatedAt) {

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

    /** {@code type} is CERTIFICATION, SKILL or EXPERIENCE; {@code detail} says why it is (not) met. */
    public record ItemView(String type, String ref, String name, boolean met, String detail) {
        static ItemView of(ItemResult item) {
            return new ItemView(item.type().name(), item.ref(), item.name(), item.met(), item.detail());
        }
    }

    static ProgressView of(EmployeeProgress progress) {
        return new ProgressView(progress.employeeId(), progress.trackId(), progress.catalogVersion(),
                LevelView.of(progress.currentLevel()), LevelView.of(progress.nextLevel()),
                progress.readinessPercent(), progress.groups().stream().map(GroupView::of).toList(),
                progress.updatedAt());
    }
}
