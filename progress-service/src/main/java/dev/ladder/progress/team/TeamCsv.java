package dev.ladder.progress.team;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One row per member: level, readiness, risk, one column per skill of the gap matrix ("assessed/required", a side
 * left empty when unknown or not required) and the certifications expiring within 90 days. RFC 4180 quoting.
 */
final class TeamCsv {

    static String of(TeamReadiness team) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new java.util.ArrayList<>(List.of("employeeId", "displayName", "currentLevel",
                "nextLevel", "readinessPercent", "readinessBucket", "atRisk"));
        team.skillGaps().skills().forEach(skill -> header.add("skill:" + skill.skillId()));
        header.add("expiringCertifications");
        line(csv, header);
        for (TeamReadiness.Member member : team.members()) {
            List<String> row = new java.util.ArrayList<>(List.of(member.employeeId(), member.displayName(),
                    member.currentLevelId(), member.nextLevelId() == null ? "" : member.nextLevelId(),
                    String.valueOf(member.readinessPercent()), TeamReadiness.bucket(member.readinessPercent()),
                    String.valueOf(member.atRisk())));
            for (TeamReadiness.SkillRow skill : team.skillGaps().skills()) {
                row.add(skill.members().stream().filter(c -> c.employeeId().equals(member.employeeId()))
                        .findFirst().map(TeamCsv::cell).orElse(""));
            }
            row.add(team.expiringCertifications().stream().filter(c -> c.employeeId().equals(member.employeeId()))
                    .map(c -> c.certificationId() + "@" + c.expiresOn()).collect(Collectors.joining(" ")));
            line(csv, row);
        }
        return csv.toString();
    }

    private static String cell(TeamReadiness.Cell cell) {
        if (cell.assessed() == null && cell.required() == null) {
            return "";
        }
        return (cell.assessed() == null ? "" : cell.assessed()) + "/" + (cell.required() == null ? ""
                : cell.required());
    }

    private static void line(StringBuilder csv, List<String> values) {
        csv.append(values.stream().map(TeamCsv::quote).collect(Collectors.joining(","))).append("\r\n");
    }

    private static String quote(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would be a formula in a spreadsheet
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+")
                ? "'" + value : value;
        return safe.matches(".*[\",\\r\\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private TeamCsv() {
    }
}
