package dev.ladder.progress.overview;

import dev.ladder.kit.web.Page;

import java.util.Map;

/**
 * Every team and track of the organisation at a glance (admins): one row per team and track with its members'
 * level distribution, average readiness, who is at risk and how many certifications lapse within 90 days.
 * Unverified claims are profile-service's (its verification queue) and are not here: see README.
 * <p>The filter's options (the teams and tracks with active members) grow with the organisation too, so they are
 * lists of their own, paged: {@code GET /admin/overview/teams} and {@code /admin/overview/tracks}.
 *
 * @param rows   a page of the rows that match the filter, by team id (people in no team last), then track id
 * @param totals over every row that matches the filter, not only this page's
 */
public record OrganisationOverview(Page<Row> rows, Totals totals) {

    /** A team or track of the filter. */
    public record Option(String id, String name) {
    }

    /**
     * @param teamId            null for people in no team
     * @param levelDistribution level id → members, lowest level first
     * @param averageReadiness  of the evaluated members, one decimal; null if none is evaluated
     * @param notEvaluated      active members without progress yet (no catalog when they arrived)
     */
    public record Row(String teamId, String teamName, String trackId, String trackName, int members,
                      Map<String, Integer> levelDistribution, Map<String, String> levelNames,
                      Double averageReadiness, int atRisk, int expiringWithin90Days, int notEvaluated) {
    }

    public record Totals(int members, Double averageReadiness, int atRisk, int expiringWithin90Days) {
    }
}
