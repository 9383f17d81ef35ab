package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * View-model tests without JavaFX: the "UI thread" is the test thread draining a queue, background
 * work runs on fresh daemon threads, as in the app (never on the UI queue).
 */
final class QueueHarness {
    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    final Executor ui = uiQueue::add;
    final Executor background = r -> {
        Thread t = new Thread(r, "test-background");
        t.setDaemon(true);
        t.start();
    };

    /** Runs queued UI work until {@code done} holds; fails after a minute. */
    void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            Runnable r = uiQueue.poll(50, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
            assertTrue(System.nanoTime() < deadline, "timed out");
        }
    }

    /** Runs queued UI work until {@code f} completes; returns its value (or throws its failure). */
    <T> T await(CompletableFuture<T> f) throws Exception {
        pumpUntil(f::isDone);
        return f.get();
    }
}
