package dev.lifecycle.spring.internal;

import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link Lifecycle} bean adopted as a service: start starts the bean (unless it runs already), stop stops it, and
 * join waits for a {@link SmartLifecycle}'s asynchronous stop to call back, within the stop timeout. Publishes no
 * value.
 */
final class LifecycleBeanService implements Service<Void> {

    private final String beanName;
    private final Lifecycle bean;
    private volatile @Nullable CountDownLatch stopping;

    LifecycleBeanService(String beanName, Lifecycle bean) {
        this.beanName = beanName;
        this.bean = bean;
    }

    @Override
    public @Nullable Void start(ServiceContext context) {
        if (!bean.isRunning()) {
            bean.start();
        }
        return null;
    }

    @Override
    public void stop(ServiceContext context) {
        if (!bean.isRunning()) {
            return;
        }
        if (bean instanceof SmartLifecycle smart) {
            CountDownLatch latch = new CountDownLatch(1);
            stopping = latch;
            smart.stop(latch::countDown);
        }
        else {
            bean.stop();
        }
    }

    @Override
    public void join(ServiceContext context) throws InterruptedException, TimeoutException {
        CountDownLatch latch = stopping;
        if (latch == null) {
            return;
        }
        stopping = null;
        if (!latch.await(context.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("Bean '" + beanName + "' did not call back from stop(Runnable) within "
                    + context.stopTimeout());
        }
    }

    @Override
    public String toString() {
        return "LifecycleBeanService[" + beanName + "]";
    }
}
