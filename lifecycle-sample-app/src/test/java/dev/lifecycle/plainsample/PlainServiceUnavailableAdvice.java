package dev.lifecycle.plainsample;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request whose service is not running with {@code 503}, a {@code Retry-After} header and a problem
 * detail naming the service, as the sample's {@code ServiceUnavailableAdvice} does (without its restart times, which
 * plain services do not have).
 */
@RestControllerAdvice
class PlainServiceUnavailableAdvice {

    @ExceptionHandler(PlainServiceNotRunningException.class)
    ResponseEntity<ProblemDetail> serviceNotRunning(PlainServiceNotRunningException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setProperty("service", ex.id());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }
}
