package dev.ladder.progress.team;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A team over time and ahead: how its members' readiness and levels were spread at the end of each of the last
 * twelve months, who is closest to their next level, and which certifications lapse in the next twelve months with
 * what each lapse would cost its holder.
 *
 * @param levelNames level id → name, for the levels that appear
 */
public record TeamTrends(String teamId, String teamName, List<Month> months, Map<String, String> levelNames,
                         List<Closest> closestToNext, List<Expiry> expiries) {

    /**
     * @param day     the month's last day (today for the current month): the day the members were judged on
     * @param members how many active members had started by then
     * @param readiness bucket ("0-24" … "100") → members
     * @param levels  level id → members
     */
    public record Month(String month, LocalDate day, int members, Map<String, Integer> readiness,
                        Map<String, Integer> levels) {
    }

    public record Closest(String employeeId, String displayName, String currentLevelName, String nextLevelId,
                         String nextLevelName, int readinessPercent, boolean atRisk) {
    }

    /**
     * A certification that stops counting on {@code lapsesOn}: the holder's standing the day before and on that day
     * (the rules engine's answer with that lapse), so {@code readinessCost} is what the lapse alone takes away.
     */
    public record Expiry(String employeeId, String displayName, String certificationId, String name,
                         LocalDate lapsesOn, long daysLeft, int readinessBefore, int readinessAfter,
                         int readinessCost, String levelBefore, String levelAfter, boolean levelLost,
                         boolean atRiskAfter) {
    }
}
