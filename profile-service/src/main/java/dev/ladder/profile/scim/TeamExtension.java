package dev.ladder.profile.scim;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.unboundid.scim2.common.annotations.Attribute;
import com.unboundid.scim2.common.annotations.Schema;
import com.unboundid.scim2.common.types.Manager;

/**
 * Ladder's extension of a SCIM Group: who leads the team. A user's enterprise {@code manager} puts them in a team
 * that manager leads, so an HR system that provisions teams over SCIM sets their managers here.
 */
@Schema(id = TeamExtension.URN, name = "LadderTeam", description = "Who leads a Ladder team")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TeamExtension {

    public static final String URN = "urn:ladder:params:scim:schemas:extension:2.0:Team";

    @Attribute(description = "The team's manager: the id of an active User")
    private Manager manager;

    @Attribute(description = "The manager's deputy, who acts for them: the id of an active User")
    private Manager deputy;

    public Manager getManager() {
        return manager;
    }

    public TeamExtension setManager(Manager manager) {
        this.manager = manager;
        return this;
    }

    public Manager getDeputy() {
        return deputy;
    }

    public TeamExtension setDeputy(Manager deputy) {
        this.deputy = deputy;
        return this;
    }
}
