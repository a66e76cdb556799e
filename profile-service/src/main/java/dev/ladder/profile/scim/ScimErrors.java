package dev.ladder.profile.scim;

import com.unboundid.scim2.common.exceptions.ScimException;
import dev.ladder.kit.web.ConflictException;
import dev.ladder.kit.web.ForbiddenException;
import dev.ladder.kit.web.NotFoundException;
import dev.ladder.kit.web.UnprocessableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Every error of the SCIM controllers as a SCIM error (RFC 7644 §3.12), ahead of the kit's problem details;
 * the organisation's own refusals keep their meaning (409 conflict, 412 stale, 404, 422 → 400
 * {@code invalidValue}). What happens before a controller (401/403, unknown paths) is translated by
 * {@link ScimErrorFilter}.
 */
@RestControllerAdvice(basePackageClasses = ScimErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ScimErrors {

    private static final Logger log = LoggerFactory.getLogger(ScimErrors.class);

    @ExceptionHandler(ScimProblem.class)
    ResponseEntity<String> scim(ScimProblem problem) {
        return ScimJson.respond(HttpStatus.valueOf(problem.status()), problem.response(), null);
    }

    @ExceptionHandler(ScimException.class)
    ResponseEntity<String> sdk(ScimException e) {
        return scim(ScimProblem.of(e));
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<String> unprocessable(UnprocessableException e) {
        return scim(ScimProblem.badRequest(ScimProblem.INVALID_VALUE, e.getMessage()));
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<String> conflict(ConflictException e) {
        return scim(new ScimProblem(409, null, e.getMessage()));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<String> duplicate(DuplicateKeyException e) {
        return scim(ScimProblem.conflict("A resource with this id, userName, externalId or name exists already"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<String> integrity(DataIntegrityViolationException e) {
        return scim(ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "A value is not acceptable: "
                + e.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<String> notFound(NotFoundException e) {
        return scim(new ScimProblem(404, null, e.getMessage()));
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<String> forbidden(RuntimeException e) {
        return scim(new ScimProblem(403, null, "Only the provisioning client may use SCIM"));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        return scim(ScimProblem.badRequest(ScimProblem.INVALID_SYNTAX, "The request body could not be read"));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<String> parameter(MethodArgumentTypeMismatchException e) {
        return scim(ScimProblem.badRequest(ScimProblem.INVALID_VALUE, "Parameter '" + e.getName()
                + "' must be a number"));
    }

    /** Spring's own errors (412 from the organisation's optimistic lock, 405, 415, …) with their status. */
    @ExceptionHandler(org.springframework.web.ErrorResponseException.class)
    ResponseEntity<String> spring(org.springframework.web.ErrorResponseException e) {
        return fromErrorResponse(e);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> other(Exception e) {
        if (e instanceof ErrorResponse response) {
            return fromErrorResponse(response);
        }
        log.error("SCIM request failed", e);
        return scim(new ScimProblem(500, null, "The request failed; nothing was changed"));
    }

    private ResponseEntity<String> fromErrorResponse(ErrorResponse response) {
        ProblemDetail body = response.getBody();
        int status = response.getStatusCode().value();
        return scim(new ScimProblem(status, null, body.getDetail() != null ? body.getDetail()
                : HttpStatus.valueOf(status).getReasonPhrase()));
    }
}
