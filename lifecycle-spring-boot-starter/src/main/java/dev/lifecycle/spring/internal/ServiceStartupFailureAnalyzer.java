package dev.lifecycle.spring.internal;

import dev.lifecycle.spring.ServiceStartupException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Describes a {@link ServiceStartupException} when the application fails to start: the services and beans at fault,
 * and what to do about it.
 */
class ServiceStartupFailureAnalyzer extends AbstractFailureAnalyzer<ServiceStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ServiceStartupException cause) {
        return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
    }
}
