package dev.lifecycle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lifecycle.core.RestartPolicy;
import dev.lifecycle.core.ServiceKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceTableTests {

    private static ServiceRecord controller(String id) {
        return new ServiceRecord(ServiceKey.of(id, Void.class), id, ctx -> null, ServiceRecord.NO_IDS, null,
                ServiceRecord.NO_IDS, ServiceSettings.defaults(Duration.ofSeconds(1),
                        Duration.ofSeconds(1), RestartPolicy.never()), 0);
    }

    @Test
    void findsEachServiceByAnEqualIdAfterGrowingAndRemoving() {
        ServiceTable table = new ServiceTable();
        List<ServiceRecord> all = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            ServiceRecord c = controller("service-" + i);
            table.add(c);
            all.add(c);
        }
        for (int i = 0; i < all.size(); i += 2) {
            table.remove(all.get(i));
        }

        assertThat(table.size()).isEqualTo(2_500);
        for (int i = 0; i < all.size(); i++) {
            // A new String, equal but not the same: found by equals, not only by reference.
            ServiceRecord found = table.get(new String("service-" + i));
            assertThat(found).isSameAs(i % 2 == 0 ? null : all.get(i));
        }
        assertThat(table.get("service-5000")).isNull();
    }

    @Test
    void aServiceInstalledAgainAfterItsRemovalTakesItsPlaceWithoutDuplicates() {
        ServiceTable table = new ServiceTable();
        ServiceRecord first = controller("db");
        table.add(first);
        table.add(controller("cache"));
        table.remove(first);
        // Removing what is not installed (the old controller again, or one never added) changes nothing.
        table.remove(first);
        table.remove(controller("cache"));
        ServiceRecord second = controller("db");
        table.add(second);

        assertThat(table.get("db")).isSameAs(second);
        assertThat(table.get("cache")).isNotNull();
        assertThat(table.size()).isEqualTo(2);
    }

    @Test
    void readersWithoutTheLockSeeEveryServiceAddedBeforeTheyLookAndNeverAnotherOne() throws Exception {
        long seed = 42L;
        int count = 50_000;
        ServiceTable table = new ServiceTable();
        List<ServiceRecord> controllers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            controllers.add(controller("s" + i));
        }
        AtomicInteger added = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = threads.submit(() -> {
                go.await();
                for (ServiceRecord c : controllers) {
                    table.add(c);
                    added.set(added.get() + 1);
                }
                return null;
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                Random random = new Random(seed + r);
                readers.add(threads.submit(() -> {
                    go.await();
                    int checks = 0;
                    while (added.get() < count) {
                        int known = added.get();
                        int i = random.nextInt(count);
                        ServiceRecord found = table.get("s" + i);
                        if (i < known) {
                            assertThat(found).as("s%d, added before the look-up", i).isSameAs(controllers.get(i));
                        } else {
                            assertThat(found).isIn(null, controllers.get(i));
                        }
                        checks++;
                    }
                    return checks;
                }));
            }
            go.countDown();
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(table.size()).isEqualTo(count);
    }
}
