package dev.ladder.profile.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.unboundid.scim2.common.annotations.Attribute;
import com.unboundid.scim2.common.annotations.Schema;

/**
 * Ladder's extension of a SCIM User: what HR knows about a person beyond the core and enterprise attributes, checked
 * by the organisation's own rules (those of the admin API), each refusal a 400 {@code invalidValue}.
 * <ul>
 * <li>{@code trackId}: the person's career track — one the local catalog copy knows (or their current track, or the
 * default track). A person is always on exactly one track, so it cannot be cleared: absent (or empty) inside a
 * present extension = unchanged. Without it at creation: the default track.</li>
 * <li>{@code startDate}: when they started, an ISO date {@code YYYY-MM-DD}, not in the future. A SCIM
 * {@code string}, not a {@code dateTime}: it is a calendar date without time or zone (a SCIM {@code dateTime} is
 * an {@code xsd:dateTime} and needs both), and the SDK derives the type from the Java field — only
 * {@code Date}/{@code Calendar} become {@code dateTime}, a {@code LocalDate} would be described as complex.</li>
 * <li>{@code region}: the salary region, one of the salary regions of the person's track — the new one when the
 * same request changes the track — as the catalog names them (e.g. {@code europe}).</li>
 * </ul>
 * On PUT the extension absent = all three unchanged (an HR system that does not know it changes nothing); present
 * without {@code startDate} or {@code region} = that one cleared, without {@code trackId} = track unchanged. PATCH
 * works on the user as GET shows them (GET always carries the extension, with the track).
 */
@Schema(id = PersonExtension.URN, name = "LadderUser", description = "What Ladder keeps about a person beyond the "
        + "core and enterprise attributes")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersonExtension {

    public static final String URN = "urn:ladder:params:scim:schemas:extension:2.0:User";

    @Attribute(description = "The person's career track: the id of a track Ladder's catalog knows. A person is "
            + "always on exactly one track: it cannot be removed (absent = unchanged; at creation: the default track)")
    private String trackId;

    @Attribute(description = "When the person started: an ISO date YYYY-MM-DD (e.g. 2021-04-01), not in the future")
    private String startDate;

    @Attribute(description = "The person's salary region: one of the salary regions of their track (a slug such as "
            + "europe)")
    private String region;

    public String getTrackId() {
        return trackId;
    }

    public PersonExtension setTrackId(String trackId) {
        this.trackId = trackId;
        return this;
    }

    public String getStartDate() {
        return startDate;
    }

    public PersonExtension setStartDate(String startDate) {
        this.startDate = startDate;
        return this;
    }

    public String getRegion() {
        return region;
    }

    public PersonExtension setRegion(String region) {
        this.region = region;
        return this;
    }
}
