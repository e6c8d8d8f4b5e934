package dev.lifecycle.sample.web;

import dev.lifecycle.core.ServiceNotRunningException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request that needs a service that is not running (typically while the services restart after a change
 * of settings) with {@code 503 Service Unavailable}, a {@code Retry-After} header and a problem detail naming the
 * service, its state and why, instead of an error page with a stack trace.
 *
 * <pre>
 * HTTP/1.1 503
 * Retry-After: 1
 * Content-Type: application/problem+json
 *
 * {"type":"about:blank","title":"Service Unavailable","status":503,
 *  "detail":"Service 'repository' is not RUNNING: it is WAITING (blocked by configurator, ...)",
 *  "instance":"/api/notes","service":"repository","state":"WAITING"}
 * </pre>
 */
@RestControllerAdvice
public class ServiceUnavailableAdvice {

    /** The {@code Retry-After} value, in seconds: a restart after a change of settings takes well under a second. */
    static final String RETRY_AFTER_SECONDS = "1";

    @ExceptionHandler(ServiceNotRunningException.class)
    ResponseEntity<ProblemDetail> serviceNotRunning(ServiceNotRunningException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setProperty("service", ex.id());
        problem.setProperty("state", ex.state().name());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }
}
