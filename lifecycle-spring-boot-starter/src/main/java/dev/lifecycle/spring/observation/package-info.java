/**
 * What the services' starts and stops show to Spring's and Micrometer's observability: Micrometer observations of
 * each start, each stop and the start-up (their contexts, conventions and documentation, and the tracing handler that
 * links a start's span to the spans of its requirements' starts), and the steps of Spring's
 * {@code ApplicationStartup}.
 */
@NullMarked
package dev.lifecycle.spring.observation;

import org.jspecify.annotations.NullMarked;
