package dev.ladder.catalog.roadmap;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Certification ids are what employees and external credential issuers put on the achievements topic, so they must
 * be short and stable: well-known names map to agreed ids (SPEC), a trailing acronym "(OSCP)" is used as is, and
 * anything else falls back to the slug of the name.
 */
public final class CertificationIds {

    private static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("comptia security+", "comptia-security-plus"),
            Map.entry("certified ethical hacker (ceh)", "ceh"),
            Map.entry("google it support certificate", "google-it-support"),
            Map.entry("certified information systems security professional (cissp)", "cissp"),
            Map.entry("aws certified security - specialty", "aws-security-specialty"),
            Map.entry("certified ai security specialist (cais)", "cais"),
            Map.entry("offensive security certified professional (oscp)", "oscp"),
            Map.entry("machine learning security professional (mlsp)", "mlsp"),
            Map.entry("certified information security manager (cism)", "cism"),
            Map.entry("sans giac certifications", "giac"),
            Map.entry("vendor-specific security certifications", "vendor-security"),
            Map.entry("executive leadership programs", "executive-leadership-program"));

    /**
     * Renewal cycles of well-known certifications, in months, as their issuers publish them (CompTIA, EC-Council,
     * ISC2, ISACA and AWS certifications last three years). Absent = never expires or unknown: OSCP is a lifetime
     * certification, vendor programmes and GIAC families differ per credential.
     */
    private static final Map<String, Integer> RENEWAL_MONTHS = Map.of(
            "comptia-security-plus", 36, "ceh", 36, "cissp", 36, "cism", 36, "aws-security-specialty", 36);

    /*
     * Linear although it starts with ".*": only a '(' can end that, and what may follow a '(' is at most 13
     * characters and whitespace up to the end, so each '(' costs little and is tried once.
     */
    private static final Pattern TRAILING_ACRONYM = Pattern.compile(".*\\(([A-Za-z][A-Za-z0-9+]{1,11})\\)\\s*$");

    public static String idFor(String name) {
        String normalized = name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        String known = KNOWN.get(normalized);
        if (known != null) {
            return known;
        }
        Matcher acronym = TRAILING_ACRONYM.matcher(name.strip());
        if (acronym.matches()) {
            return Slugs.slug(acronym.group(1).replace("+", " plus"));
        }
        return Slugs.slug(name.replace("+", " plus"));
    }

    /** @return months until renewal, null when the certification never expires or its cycle is unknown */
    public static Integer renewalMonths(String id) {
        return RENEWAL_MONTHS.get(id);
    }

    private CertificationIds() {
    }
}
