package dev.ladder.notification.summary;

import dev.ladder.contracts.progress.MilestoneReached;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;

/** Who advanced in which team (table {@code team_news}), kept for the weekly summary. */
@Repository
public class TeamNews {

    private final JdbcClient jdbc;

    TeamNews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** In the milestone's consuming transaction; the same milestone twice is one row. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void advanced(String teamId, MilestoneReached milestone, String title) {
        if (teamId == null) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO team_news (id, team_id, employee_id, kind, title, occurred_at)
                        VALUES (:id, :team, :employee, :kind, :title, :at) ON CONFLICT (id) DO NOTHING""")
                .param("id", milestone.milestoneId())
                .param("team", teamId)
                .param("employee", milestone.employeeId())
                .param("kind", milestone.kind().name())
                .param("title", title)
                .param("at", Timestamp.from(milestone.occurredAt()))
                .update();
    }
}
