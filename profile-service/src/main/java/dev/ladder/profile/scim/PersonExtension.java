package dev.ladder.profile.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.unboundid.scim2.common.annotations.Attribute;
import com.unboundid.scim2.common.annotations.Schema;

/**
 * Ladder's extension of a SCIM User: the person's salary region, one of the salary regions of their track as the
 * catalog names them (e.g. {@code europe}); another value is a 400 {@code invalidValue} listing the allowed ones.
 * On PUT the extension absent = region unchanged (an HR system that does not know it changes nothing), present
 * without a region = cleared; PATCH works on the user as GET shows them.
 */
@Schema(id = PersonExtension.URN, name = "LadderUser", description = "What Ladder keeps about a person beyond the "
        + "core and enterprise attributes")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PersonExtension {

    public static final String URN = "urn:ladder:params:scim:schemas:extension:2.0:User";

    @Attribute(description = "The person's salary region: one of the salary regions of their track (a slug such as "
            + "europe)")
    private String region;

    public String getRegion() {
        return region;
    }

    public PersonExtension setRegion(String region) {
        this.region = region;
        return this;
    }
}
