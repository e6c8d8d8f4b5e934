package dev.lifecycle.core;

import java.time.Duration;

/** The {@link ServiceContext} of one start cycle of one service. */
final class CycleContext implements ServiceContext {

    private final Engine engine;
    private final Controller controller;
    private final int generation;

    CycleContext(Engine engine, Controller controller, int generation) {
        this.engine = engine;
        this.controller = controller;
        this.generation = generation;
    }

    @Override
    public ServiceKey<?> key() {
        return controller.key;
    }

    @Override
    public void fail(Throwable cause) {
        java.util.Objects.requireNonNull(cause, "cause");
        if (generation < 0) {
            return;
        }
        engine.lockedRun(batch -> engine.machine.requestFailure(controller, generation, cause, batch));
    }

    @Override
    public Duration startTimeout() {
        return controller.startTimeout;
    }

    @Override
    public Duration stopTimeout() {
        return controller.stopTimeout;
    }

    @Override
    public String toString() {
        return "ServiceContext[" + controller.id + "#" + generation + "]";
    }
}
