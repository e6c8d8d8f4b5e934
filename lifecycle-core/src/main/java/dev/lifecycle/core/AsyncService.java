package dev.lifecycle.core;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Service} whose start completes asynchronously: the service is RUNNING when the returned stage completes,
 * FAILED when it completes exceptionally or outlives the start timeout (the registry then cancels it).
 *
 * <p>When the service must stop while its start is in flight (see {@link Service}), the registry cancels the future
 * the stage's {@code toCompletableFuture()} returned, with {@code cancel(true)}, and the service goes down at once,
 * without a stop: no value was published. A value the service's code produces after that never reaches the
 * registry; the code that completes the future learns it from {@code complete} returning {@code false}, and must
 * release the value itself.
 *
 * @param <T> the type of the value the service publishes
 * @since 0.1
 */
@FunctionalInterface
public interface AsyncService<T> extends Service<T> {

    /**
     * Begins starting the service.
     *
     * @param context this service's context
     * @return a stage completing with the value dependents receive
     * @throws Exception fails the service
     */
    CompletionStage<@Nullable T> startAsync(ServiceContext context) throws Exception;

    /**
     * Starts the service by waiting for {@link #startAsync}; the registry itself never calls this for an
     * {@code AsyncService}.
     */
    @Override
    default @Nullable T start(ServiceContext context) throws Exception {
        return startAsync(context).toCompletableFuture().get();
    }
}
