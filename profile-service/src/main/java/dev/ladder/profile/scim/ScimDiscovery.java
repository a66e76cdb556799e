package dev.ladder.profile.scim;

import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.AttributeDefinition;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.SchemaUtils;
import org.springframework.stereotype.Component;

import java.beans.IntrospectionException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/**
 * The discovery documents (RFC 7644 §4): what this service provider supports — PATCH, equality filters on a few
 * attributes with at most {@value ScimSupport#MAX_RESULTS} results a page, ETags — and does not (bulk, sorting,
 * password changes); the two resource types; and the schemas with only the attributes Ladder keeps. Ladder's own
 * extensions are described from their classes: {@link TeamExtension} ({@code manager}, {@code deputy}) and
 * {@link PersonExtension} ({@code region}, {@code startDate}, {@code trackId} — all strings; see there why the
 * start date is not a {@code dateTime}).
 */
@Component
class ScimDiscovery {

    private static final Set<String> USER_ATTRIBUTES = Set.of("userName", "name", "displayName", "title", "active",
            "emails", "groups");
    private static final Set<String> GROUP_ATTRIBUTES = Set.of("displayName", "members");
    private static final Set<String> ENTERPRISE_ATTRIBUTES = Set.of("manager");

    private final List<SchemaResource> schemas;

    ScimDiscovery() throws IntrospectionException {
        schemas = List.of(
                only(SchemaUtils.getSchema(UserResource.class), USER_ATTRIBUTES),
                only(SchemaUtils.getSchema(GroupResource.class), GROUP_ATTRIBUTES),
                only(SchemaUtils.getSchema(EnterpriseUserExtension.class), ENTERPRISE_ATTRIBUTES),
                SchemaUtils.getSchema(TeamExtension.class),
                SchemaUtils.getSchema(PersonExtension.class));
    }

    ServiceProviderConfigResource serviceProviderConfig(String base) {
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(null, new PatchConfig(true),
                new BulkConfig(false, 0, 0), new FilterConfig(true, ScimSupport.MAX_RESULTS),
                new ChangePasswordConfig(false), new SortConfig(false), new ETagConfig(true),
                List.of(new AuthenticationScheme("OAuth Bearer Token",
                        "A client-credentials access token of the ladder-provisioner Keycloak client (realm role "
                                + "provisioner, audience ladder-api)",
                        URI.create("https://www.rfc-editor.org/rfc/rfc6750"), null, "oauthbearertoken", true)));
        config.setMeta(meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
        return config;
    }

    List<ResourceTypeResource> resourceTypes(String base) {
        ResourceTypeResource user = new ResourceTypeResource("User", "User",
                "A person of the organisation (a Ladder employee)", URI.create("/Users"),
                URI.create(ScimSupport.USER_SCHEMA), List.of(new ResourceTypeResource.SchemaExtension(
                URI.create(ScimSupport.ENTERPRISE_SCHEMA), false),
                new ResourceTypeResource.SchemaExtension(URI.create(PersonExtension.URN), false)));
        user.setMeta(meta("ResourceType", base + "/ResourceTypes/User"));
        ResourceTypeResource group = new ResourceTypeResource("Group", "Group", "A Ladder team",
                URI.create("/Groups"), URI.create(ScimSupport.GROUP_SCHEMA), List.of(
                new ResourceTypeResource.SchemaExtension(URI.create(TeamExtension.URN), false)));
        group.setMeta(meta("ResourceType", base + "/ResourceTypes/Group"));
        return List.of(user, group);
    }

    ResourceTypeResource resourceType(String name, String base) {
        return resourceTypes(base).stream().filter(t -> t.getId().equals(name)).findFirst()
                .orElseThrow(() -> ScimProblem.notFound("ResourceType", name));
    }

    List<SchemaResource> schemas(String base) {
        return schemas.stream().map(s -> withMeta(s, base)).toList();
    }

    SchemaResource schema(String id, String base) {
        return schemas.stream().filter(s -> s.getId().equals(id)).findFirst().map(s -> withMeta(s, base))
                .orElseThrow(() -> ScimProblem.notFound("Schema", id));
    }

    static <T> ListResponse<T> all(List<T> items) {
        return new ListResponse<>(items.size(), items, 1, items.size());
    }

    private static SchemaResource only(SchemaResource schema, Set<String> names) {
        List<AttributeDefinition> attributes = schema.getAttributes().stream()
                .filter(a -> names.contains(a.getName())).toList();
        return new SchemaResource(schema.getId(), schema.getName(), schema.getDescription(), attributes);
    }

    private static SchemaResource withMeta(SchemaResource schema, String base) {
        SchemaResource copy = new SchemaResource(schema.getId(), schema.getName(), schema.getDescription(),
                schema.getAttributes());
        copy.setMeta(meta("Schema", base + "/Schemas/" + schema.getId()));
        return copy;
    }

    private static Meta meta(String resourceType, String location) {
        return new Meta().setResourceType(resourceType).setLocation(URI.create(location));
    }
}
