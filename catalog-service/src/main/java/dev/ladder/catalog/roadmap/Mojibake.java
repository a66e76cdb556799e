package dev.ladder.catalog.roadmap;

import dev.ladder.catalog.roadmap.RoadmapFormatException.Problem;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Repairs UTF-8 text that was decoded as Mac OS Roman somewhere upstream ("‚Ç¨" for "€", "üìà" for "📈"):
 * each suspicious line is re-encoded as x-MacRoman and decoded as UTF-8, and the result is kept when it is valid UTF-8 with
 * fewer mojibake markers. Lines that still look mis-decoded afterwards are rejected — the catalog never stores
 * mojibake.
 */
public final class Mojibake {

    private static final Charset MAC_ROMAN = Charset.forName("x-MacRoman");
    /** Sequences that UTF-8 read as MacRoman (or Windows-1252 / Latin-1) typically produces (2 characters: linear). */
    private static final Pattern RESIDUE =
            Pattern.compile("‚Ç|‚Ä|√[†¢£§©®∂∏º±≠]|¬[†≤≥∞©]|üì"
                    + "|Ã[\\u0080-\\u00BF]|â€|Â[\\u00A0-\\u00BF]");

    private Mojibake() {
    }

    public static String repair(String text) {
        String[] lines = text.split("\n", -1);
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String fixed = macRomanToUtf8(lines[i]);
            if (fixed != null && markers(fixed) < markers(lines[i])) {
                lines[i] = fixed;
            }
            if (RESIDUE.matcher(lines[i]).find()) {
                problems.add(new Problem(i + 1, "text looks mis-decoded (mojibake) and cannot be repaired: '"
                        + lines[i].strip() + "'; save the document as UTF-8"));
            }
        }
        if (!problems.isEmpty()) {
            throw new RoadmapFormatException(problems);
        }
        return String.join("\n", lines);
    }

    /** Whether text still carries typical mis-decoding sequences (for documents that arrive as JSON). */
    public static boolean suspicious(String text) {
        return text != null && RESIDUE.matcher(text).find();
    }

    /** Number of non-ASCII characters Mac OS Roman can represent: what a mis-decoding multiplies. */
    static int markers(String line) {
        CharsetEncoder encoder = MAC_ROMAN.newEncoder();
        int count = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c > 127 && encoder.canEncode(c)) {
                count++;
            }
        }
        return count;
    }

    private static String macRomanToUtf8(String line) {
        if (line.chars().allMatch(c -> c < 128)) {
            return null;
        }
        try {
            ByteBuffer bytes = MAC_ROMAN.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(line));
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
