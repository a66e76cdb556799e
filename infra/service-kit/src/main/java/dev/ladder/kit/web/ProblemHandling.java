package dev.ladder.kit.web;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;

/**
 * Every error a client can cause becomes an RFC 9457 problem with a precise status and, for bad input, every
 * problem listed in {@code errors: [{field, message}]} so a form can show them all at once.
 */
@RestControllerAdvice
public class ProblemHandling extends ResponseEntityExceptionHandler {

    public static final String ERRORS = "errors";

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getAllErrors().stream()
                .map(error -> error instanceof FieldError field
                        ? new FieldProblem(field.getField(), field.getDefaultMessage())
                        : new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        ProblemDetail problem = invalid("The request has " + problems.size() + " invalid field(s).", problems);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        // a @Valid body of a method with constrained parameters (page, size) is validated here too, not in
        // handleMethodArgumentNotValid: its errors keep their field paths, as they would there
        List<FieldProblem> problems = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(error instanceof FieldError field ? field.getField()
                                : result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = invalid("The request has " + problems.size() + " invalid parameter(s).", problems);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimit.BodyTooLargeException tooLarge) {
                // a body sent without a length, cut off at the limit (RequestBodyLimit)
                return handleExceptionInternal(ex, RequestBodyLimit.tooLarge(tooLarge.maxBytes), headers,
                        HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        ProblemDetail problem;
        if (ex.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jsonPath(jackson);
            problem = invalid("The request body could not be read: '" + field + "' has the wrong type or format.",
                    List.of(new FieldProblem(field, jackson.getOriginalMessage())));
        } else {
            problem = invalid("The request body is not valid JSON"
                    + (ex.getCause() instanceof JacksonException jackson ? ": " + jackson.getOriginalMessage() : "."),
                    List.of());
        }
        problem.setTitle("Malformed request");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(UnprocessableException.class)
    ProblemDetail unprocessable(UnprocessableException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "The request cannot be carried out: " + ex.getMessage());
        problem.setProperty(ERRORS, ex.problems());
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail forbidden(RuntimeException ex) {
        String detail = ex instanceof ForbiddenException ? ex.getMessage() : "Your roles do not allow this request.";
        return ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
    }

    /**
     * PostgreSQL stores no NUL character (U+0000) and refuses text its encoding cannot hold: a value carrying one is
     * the client's mistake, so a 400, not a 500 — and the statement failed, so the transaction around it rolls back
     * and nothing of the request is stored. Any other database failure stays a server error.
     */
    @ExceptionHandler(DataAccessException.class)
    ProblemDetail unstorableText(DataAccessException ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNSTORABLE_TEXT.contains(sql.getSQLState())) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        "The request contains a character that cannot be stored (such as U+0000, NUL).");
                problem.setTitle("Invalid request");
                return problem;
            }
        }
        throw ex;
    }

    /** character_not_in_repertoire (a NUL, invalid UTF-8), untranslatable_character. */
    private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

    private static ProblemDetail invalid(String detail, List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty(ERRORS, problems);
        return problem;
    }

    private static String jsonPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
