package dev.ladder.catalog.roadmap;

import java.util.Locale;

/** Stable ids derived from display names (SPEC: lowercase, non-alphanumerics → '-', trimmed, max 60 chars). */
public final class Slugs {

    public static final int MAX_LENGTH = 60;

    /**
     * Runs of non-alphanumerics collapse to one '-' so "ML frameworks (Scikit-learn, …)" reads
     * "ml-frameworks-scikit-learn-…"; truncation never leaves a trailing '-'.
     */
    public static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        slug = trimDashes(slug);
        if (slug.length() > MAX_LENGTH) {
            slug = trimDashes(slug.substring(0, MAX_LENGTH));
        }
        return slug;
    }

    private static String trimDashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '-') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '-') {
            end--;
        }
        return s.substring(start, end);
    }

    private Slugs() {
    }
}
