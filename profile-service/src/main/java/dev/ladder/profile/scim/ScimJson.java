package dev.ladder.profile.scim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.utils.JsonUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * SCIM documents are read and written with the SCIM SDK's own Jackson 2 mapper (its models carry its annotations,
 * dates and extension handling), not Spring's: bodies arrive as text and leave as {@code application/scim+json}.
 */
final class ScimJson {

    static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");

    private ScimJson() {
    }

    /** The body as a JSON object; anything else is a 400 {@code invalidSyntax}. */
    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "The request needs a JSON body");
        }
        JsonNode node;
        try {
            node = JsonUtils.getObjectReader().readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "The body is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "The body must be a JSON object");
        }
        return object;
    }

    /** The object as an SDK model; a value of the wrong type is a 400 {@code invalidValue}. */
    static <T> T as(ObjectNode node, Class<T> type) {
        try {
            return JsonUtils.nodeToValue(node, type);
        } catch (MismatchedInputException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "'" + path(e) + "' has the wrong type: "
                    + e.getOriginalMessage());
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "The body is not a valid SCIM resource: "
                    + e.getMessage());
        }
    }

    static ObjectNode tree(Object value) {
        return JsonUtils.valueToNode(value);
    }

    static String write(Object value) {
        try {
            return JsonUtils.getObjectWriter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a SCIM document", e);
        }
    }

    static ResponseEntity<String> respond(HttpStatus status, Object body, String etag) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(SCIM);
        if (etag != null) {
            response.header(HttpHeaders.ETAG, etag);
        }
        return response.body(write(body));
    }

    /** 201 with {@code Location} and {@code ETag} from the new resource's meta. */
    static ResponseEntity<String> created(Object body, com.unboundid.scim2.common.types.Meta meta) {
        return ResponseEntity.status(HttpStatus.CREATED).contentType(SCIM).location(meta.getLocation())
                .header(HttpHeaders.ETAG, meta.getVersion()).body(write(body));
    }

    private static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        e.getPath().forEach(ref -> {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        });
        return path.toString();
    }
}
