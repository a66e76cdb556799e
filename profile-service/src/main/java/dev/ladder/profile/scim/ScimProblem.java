package dev.ladder.profile.scim;

import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;

/**
 * A SCIM error (RFC 7644 §3.12) raised by the SCIM feature: HTTP status, optional {@code scimType} and a detail.
 * Unchecked, so the transaction of the request rolls back.
 */
public class ScimProblem extends RuntimeException {

    public static final String INVALID_FILTER = "invalidFilter";
    public static final String INVALID_VALUE = "invalidValue";
    public static final String INVALID_SYNTAX = "invalidSyntax";
    public static final String UNIQUENESS = "uniqueness";
    public static final String MUTABILITY = "mutability";
    public static final String TOO_MANY = "tooMany";

    private final int status;
    private final String scimType;

    public ScimProblem(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    public static ScimProblem badRequest(String scimType, String detail) {
        return new ScimProblem(400, scimType, detail);
    }

    public static ScimProblem notFound(String resourceType, String id) {
        return new ScimProblem(404, null, "No " + resourceType + " " + id);
    }

    public static ScimProblem conflict(String detail) {
        return new ScimProblem(409, UNIQUENESS, detail);
    }

    public static ScimProblem preconditionFailed(String current) {
        return new ScimProblem(412, null, "Someone changed this resource since you read it: its version is now "
                + current + ". Read it again and resend your change with the new ETag in If-Match.");
    }

    /** The SDK's own checked exception (filter and path parsing, PATCH application), as a SCIM problem. */
    public static ScimProblem of(ScimException e) {
        ErrorResponse error = e.getScimError();
        int status = error.getStatus() == null ? 400 : error.getStatus();
        return new ScimProblem(status, error.getScimType(), error.getDetail() != null ? error.getDetail()
                : e.getMessage());
    }

    public int status() {
        return status;
    }

    public String scimType() {
        return scimType;
    }

    public ErrorResponse response() {
        ErrorResponse error = new ErrorResponse(status);
        error.setScimType(scimType);
        error.setDetail(getMessage());
        return error;
    }
}
