package dev.lifecycle.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadyQueueTests {

    /** A task that records which producer made it and its place in that producer's sequence. */
    private static final class Numbered extends Task {
        final int producer;
        final int number;

        Numbered(int producer, int number) {
            this.producer = producer;
            this.number = number;
        }

        @Override
        public void run() {
        }
    }

    @Test
    void tasksComeOutInTheOrderTheirChainsWentIn() {
        ReadyQueue queue = new ReadyQueue();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.poll()).isNull();

        List<Numbered> first = chain(queue, 0, 0, 3);
        Numbered taken = (Numbered) queue.poll();
        List<Numbered> second = chain(queue, 0, 3, 2);

        assertThat(taken).isSameAs(first.get(0));
        assertThat(List.of(queue.poll(), queue.poll(), queue.poll(), queue.poll())).containsExactly(first.get(1),
                first.get(2), second.get(0), second.get(1));
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void producersAndConsumersOnSeveralThreadsTakeEveryTaskOnceInEachProducersOrder() throws Exception {
        long seed = 20261122L;
        int producers = 3;
        int consumers = 3;
        int perProducer = 30_000;
        ReadyQueue queue = new ReadyQueue();
        ExecutorService threads = Executors.newFixedThreadPool(producers + consumers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger produced = new AtomicInteger();
        ConcurrentHashMap<Numbered, Boolean> taken = new ConcurrentHashMap<>();
        try {
            List<Future<?>> producing = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Random random = new Random(seed + p);
                producing.add(threads.submit(() -> {
                    go.await();
                    for (int n = 0; n < perProducer; ) {
                        int size = Math.min(perProducer - n, 1 + random.nextInt(8));
                        chain(queue, producer, n, size);
                        n += size;
                    }
                    produced.addAndGet(perProducer);
                    return null;
                }));
            }
            List<Future<List<Numbered>>> consuming = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                consuming.add(threads.submit(() -> {
                    go.await();
                    List<Numbered> mine = new ArrayList<>();
                    while (true) {
                        Task task = queue.poll();
                        if (task != null) {
                            mine.add((Numbered) task);
                        } else if (produced.get() == producers * perProducer && queue.isEmpty()) {
                            return mine;
                        }
                    }
                }));
            }
            go.countDown();
            for (Future<?> f : producing) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<List<Numbered>> f : consuming) {
                List<Numbered> mine = f.get(60, TimeUnit.SECONDS);
                // What one consumer took from one producer comes in that producer's order.
                int[] last = new int[producers];
                java.util.Arrays.fill(last, -1);
                for (Numbered task : mine) {
                    assertThat(task.number).isGreaterThan(last[task.producer]);
                    last[task.producer] = task.number;
                    assertThat(taken.put(task, Boolean.TRUE)).as("taken twice").isNull();
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(taken).hasSize(producers * perProducer);
        assertThat(queue.poll()).isNull();
    }

    private static List<Numbered> chain(ReadyQueue queue, int producer, int from, int size) {
        List<Numbered> tasks = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Numbered task = new Numbered(producer, from + i);
            if (!tasks.isEmpty()) {
                tasks.get(tasks.size() - 1).next = task;
            }
            tasks.add(task);
        }
        queue.add(tasks.get(0), tasks.get(tasks.size() - 1));
        return tasks;
    }
}
