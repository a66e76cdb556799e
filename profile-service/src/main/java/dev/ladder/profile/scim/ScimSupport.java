package dev.ladder.profile.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterType;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.time.Instant;
import java.util.Calendar;
import java.util.Comparator;
import java.util.GregorianCalendar;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/** What Users and Groups share: filters, versions (ETags), PATCH application, validation, paging. */
final class ScimSupport {

    static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    /** The most resources one list answer holds (ServiceProviderConfig {@code filter.maxResults}). */
    static final int MAX_RESULTS = 200;
    static final int DEFAULT_COUNT = 100;
    /**
     * The most operations one PATCH applies (after a {@code remove} of several members is split into one each): far
     * above what HR systems send (Entra ID batches group membership changes in tens), and it bounds the work of one
     * request, each removal by filter being a pass over the resource.
     */
    static final int MAX_PATCH_OPERATIONS = 1000;

    private ScimSupport() {
    }

    /** 1-based start and page size as asked (RFC 7644 §3.4.2.4): below 1 → 1; count capped, negative → 0. */
    record Window(int startIndex, int count) {

        static Window of(Integer startIndex, Integer count) {
            int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
            int size = count == null ? DEFAULT_COUNT : Math.max(0, Math.min(count, MAX_RESULTS));
            return new Window(start, size);
        }

        long offset() {
            return startIndex - 1L;
        }
    }

    /**
     * {@code filter} reduced to one supported attribute equal to a string ({@code attributes}: lower-case name →
     * canonical name); anything else is a 400 {@code invalidFilter}.
     */
    static ScimStore.Match match(String filter, Map<String, String> attributes, String schema) {
        if (filter == null || filter.isBlank()) {
            return ScimStore.Match.ALL;
        }
        Filter parsed;
        try {
            parsed = Filter.fromString(filter);
        } catch (BadRequestException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_FILTER, "Cannot parse the filter: " + e.getMessage());
        }
        String supported = "supported: " + String.join(", ", attributes.values().stream()
                .map(a -> a + " eq \"…\"").sorted().toList());
        if (parsed.getFilterType() != FilterType.EQUAL) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_FILTER, "Unsupported filter '" + filter + "'; "
                    + supported);
        }
        String attribute = parsed.getAttributePath().toString();
        if (attribute.regionMatches(true, 0, schema + ":", 0, schema.length() + 1)) {
            attribute = attribute.substring(schema.length() + 1);
        }
        String canonical = attributes.get(attribute.toLowerCase());
        JsonNode value = parsed.getComparisonValue();
        if (canonical == null || value == null || !value.isTextual()) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_FILTER, "Unsupported filter '" + filter + "'; "
                    + supported);
        }
        return new ScimStore.Match(canonical, value.textValue());
    }

    static String etag(String version) {
        return "W/\"" + version + "\"";
    }

    /** {@code If-Match} absent, {@code *} or naming the current version (weak or strong); else 412. */
    static void checkIfMatch(String ifMatch, String currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        for (String tag : ifMatch.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.replace("\"", "").equals(currentVersion)) {
                return;
            }
        }
        throw ScimProblem.preconditionFailed(etag(currentVersion));
    }

    /**
     * Applies a PatchOp document (RFC 7644 §3.5.2) to {@code target}: ops add/replace/remove, with and without
     * path. Tolerates what Entra ID sends: op names in any case, and {@code remove} of {@code members} with the
     * members to remove as the value (turned into one {@code members[value eq "…"]} removal each).
     */
    static void patch(ObjectNode body, ObjectNode target) {
        JsonNode operations = field(body, "Operations");
        if (!(operations instanceof ArrayNode ops) || ops.isEmpty()) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX,
                    "A PATCH needs a non-empty 'Operations' array (schema " + PATCH_SCHEMA + ")");
        }
        ArrayNode normalised = JsonUtils.getJsonNodeFactory().arrayNode();
        for (JsonNode op : ops) {
            if (normalised.size() > MAX_PATCH_OPERATIONS) {
                break;
            }
            if (!(op instanceof ObjectNode operation) || !(field(operation, "op") instanceof TextNode name)) {
                throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "Each operation needs an 'op'");
            }
            String kind = name.textValue().toLowerCase();
            JsonNode path = field(operation, "path");
            JsonNode value = field(operation, "value");
            if (kind.equals("remove") && path != null && path.isTextual()
                    && path.textValue().equalsIgnoreCase("members") && value instanceof ArrayNode members) {
                for (JsonNode member : members) {
                    String id = member.path("value").asText(null);
                    if (id == null) {
                        throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "members to remove need a 'value'");
                    }
                    normalised.addObject().put("op", "remove")
                            .put("path", "members[value eq " + JsonUtils.getJsonNodeFactory().textNode(id) + "]");
                }
                continue;
            }
            ObjectNode copy = normalised.addObject();
            copy.put("op", kind);
            if (path != null) {
                copy.set("path", path);
            }
            if (value != null) {
                copy.set("value", value);
            }
        }
        if (normalised.size() > MAX_PATCH_OPERATIONS) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE,
                    "A PATCH applies at most " + MAX_PATCH_OPERATIONS + " operations; send the rest in another");
        }
        ObjectNode request = JsonUtils.getJsonNodeFactory().objectNode();
        request.putArray("schemas").add(PATCH_SCHEMA);
        request.set("Operations", normalised);
        PatchRequest patch = ScimJson.as(request, PatchRequest.class);
        try {
            patch.apply(new GenericScimResource(target));
        } catch (ScimException e) {
            throw ScimProblem.of(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "The PATCH cannot be applied: "
                    + e.getMessage());
        }
        // Entra ID sends booleans as strings ("False")
        JsonNode active = target.get("active");
        if (active != null && active.isTextual()) {
            String text = active.textValue().strip();
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "active must be true or false");
            }
            target.set("active", BooleanNode.valueOf(Boolean.parseBoolean(text.toLowerCase())));
        }
    }

    /** The value of a SCIM attribute of {@code node}, whose names are case-insensitive. */
    static JsonNode field(ObjectNode node, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Bean Validation of a request record of the organisation (its own rules), reported with the SCIM attribute
     * names ({@code names}: record component → SCIM attribute) as one 400 {@code invalidValue}.
     */
    static void validate(Validator validator, Object request, Map<String, String> names) {
        Set<? extends ConstraintViolation<?>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            List<String> problems = violations.stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(v -> names.getOrDefault(v.getPropertyPath().toString(), v.getPropertyPath().toString())
                            + ": " + v.getMessage())
                    .toList();
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, String.join("; ", problems));
        }
    }

    static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
