package dev.lifecycle.sample.web;

import dev.lifecycle.core.ServiceNotRunningException;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request that needs a service that is not running (typically while the services restart after a change
 * of settings) with {@code 503 Service Unavailable}, a {@code Retry-After} header and a problem detail naming the
 * service, its state and why, instead of an error page with a stack trace. {@code Retry-After} is the time until the
 * last scheduled restart among the services holding the request back (the service and what it waits on), rounded
 * up to whole seconds; one second when none is scheduled (a restart after a change of settings takes well under one).
 *
 * <pre>
 * HTTP/1.1 503
 * Retry-After: 1
 * Content-Type: application/problem+json
 *
 * {"type":"about:blank","title":"Service Unavailable","status":503,
 *  "detail":"Service 'repository' is not RUNNING: it is WAITING (blocked by database, ...)",
 *  "instance":"/api/notes","service":"repository","state":"WAITING"}
 * </pre>
 */
@RestControllerAdvice
public class ServiceUnavailableAdvice {

    private final ServiceRegistry registry;
    private final Clock clock;

    ServiceUnavailableAdvice(ServiceRegistry registry, ObjectProvider<Clock> clock) {
        this.registry = registry;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @ExceptionHandler(ServiceNotRunningException.class)
    ResponseEntity<ProblemDetail> serviceNotRunning(ServiceNotRunningException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setProperty("service", ex.id());
        problem.setProperty("state", ex.state().name());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(ex.id())))
                .body(problem);
    }

    /** Seconds until the last restart scheduled among {@code id} and what it waits on, transitively; at least 1. */
    long retryAfterSeconds(String id) {
        Instant latest = null;
        Set<String> seen = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        next.add(id);
        while (!next.isEmpty()) {
            String current = next.poll();
            Optional<ServiceSnapshot> snapshot = seen.add(current) ? registry.snapshot(current) : Optional.empty();
            if (snapshot.isEmpty()) {
                continue;
            }
            Instant restart = snapshot.get().nextRestartAt();
            if (restart != null && (latest == null || restart.isAfter(latest))) {
                latest = restart;
            }
            next.addAll(snapshot.get().waitingOn());
        }
        if (latest == null) {
            return 1;
        }
        Duration wait = Duration.between(clock.instant(), latest);
        return Math.max(1, wait.getSeconds() + (wait.getNano() > 0 ? 1 : 0));
    }
}
