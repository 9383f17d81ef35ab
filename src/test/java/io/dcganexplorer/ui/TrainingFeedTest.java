package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrainingFeedTest {

    static StepMetrics step(long s) {
        return new StepMetrics(s, 0, 1, 1, 0.5f, 0.5f, 0.5f, 100, s);
    }

    @Test
    void manyStepsArriveInFewBatchesInOrderAndNoneIsLost() throws Exception {
        ExecutorService uiThread = Executors.newSingleThreadExecutor();
        List<TrainingFeed.Batch> batches = new CopyOnWriteArrayList<>();
        TrainingFeed feed = new TrainingFeed(uiThread, batches::add, 50);
        int n = 20_000;
        long t0 = System.nanoTime();
        Thread trainer = new Thread(() -> {
            feed.onStateChanged(TrainerState.RUNNING, "");
            for (int i = 1; i <= n; i++) {
                feed.onStep(step(i));
                if (i % 1000 == 0) {
                    feed.onSamples(i, new Pixels(1, 1, new int[] {i}));
                }
            }
            feed.onStateChanged(TrainerState.FINISHED, "done");
        });
        trainer.start();
        trainer.join();
        long producedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        // the last delivery is at most one interval after the last event
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!lastIsFinished(batches) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        uiThread.shutdown();
        uiThread.awaitTermination(5, TimeUnit.SECONDS);
        List<TrainingFeed.Event> all = new ArrayList<>();
        batches.forEach(b -> all.addAll(b.events()));
        List<Long> steps = all.stream().filter(e -> e instanceof TrainingFeed.Step)
                .map(e -> ((TrainingFeed.Step) e).metrics().step()).toList();
        assertEquals(n, steps.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i + 1, steps.get(i));
        }
        assertEquals(TrainerState.RUNNING, ((TrainingFeed.StateChanged) all.get(0)).state());
        assertEquals(TrainerState.FINISHED, ((TrainingFeed.StateChanged) all.get(all.size() - 1)).state());
        // at most one delivery per 50 ms (plus the first, which is immediate)
        long elapsedMs = producedMs + 100;
        assertTrue(batches.size() <= elapsedMs / 50 + 2, batches.size() + " batches in " + elapsedMs + " ms");
        // only the newest grid crosses: the last batch that has one has the grid of step 20000
        TrainingFeed.Grid last = null;
        for (TrainingFeed.Batch b : batches) {
            if (b.newestGrid() != null) {
                last = b.newestGrid();
            }
        }
        assertEquals(n, last.step());
    }

    private static boolean lastIsFinished(List<TrainingFeed.Batch> batches) {
        for (int i = batches.size() - 1; i >= 0; i--) {
            List<TrainingFeed.Event> ev = batches.get(i).events();
            if (!ev.isEmpty()) {
                return ev.get(ev.size() - 1) instanceof TrainingFeed.StateChanged s
                        && s.state() == TrainerState.FINISHED;
            }
        }
        return false;
    }

    @Test
    void deliveriesAreSpacedByTheInterval() throws Exception {
        List<Long> times = new CopyOnWriteArrayList<>();
        Executor direct = Runnable::run;
        java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
        TrainingFeed feed = new TrainingFeed(direct, b -> {
            times.add(System.nanoTime());
            delivered.addAndGet(b.events().size());
        }, 50);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        long s = 0;
        while (System.nanoTime() < end) {
            feed.onStep(step(++s));
        }
        // wait (on the condition, with a deadline) for the last scheduled delivery to carry the rest
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (delivered.get() < s && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        assertEquals(s, delivered.get(), "every step is delivered");
        assertTrue(times.size() >= 2 && times.size() <= 10, times.size() + " deliveries in 400 ms");
        for (int i = 1; i < times.size(); i++) {
            long gapMs = TimeUnit.NANOSECONDS.toMillis(times.get(i) - times.get(i - 1));
            assertTrue(gapMs >= 45, "deliveries " + gapMs + " ms apart");
        }
    }

    @Test
    void drainTakesEverythingAndTheGridOnlyOnce() {
        TrainingFeed feed = new TrainingFeed(r -> {}, b -> {}, 50);
        feed.onStep(step(1));
        feed.onSamples(1, new Pixels(1, 1, new int[] {7}));
        feed.onCheckpoint(1, java.nio.file.Path.of("c"));
        TrainingFeed.Batch b = feed.drain();
        assertEquals(3, b.events().size());
        assertEquals(1, b.newestGrid().step());
        TrainingFeed.Batch again = feed.drain();
        assertTrue(again.events().isEmpty());
        assertNull(again.newestGrid());
    }
}
