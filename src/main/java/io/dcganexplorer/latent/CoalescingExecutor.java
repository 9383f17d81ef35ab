package io.dcganexplorer.latent;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * One worker thread with two kinds of work: ordinary tasks, run in order, and keyed "latest only"
 * tasks, where a newer task under the same key replaces one that has not started yet. A slider
 * that moves faster than the generator renders thus never builds a queue: when the worker comes
 * free, it renders the newest position and the superseded ones are cancelled.
 */
public final class CoalescingExecutor implements AutoCloseable {
    private final Object lock = new Object();
    private final Deque<Runnable> ordered = new ArrayDeque<>();
    private final Map<String, Pending<?>> latest = new LinkedHashMap<>();
    private final Thread worker;
    private boolean closed;

    private record Pending<T>(Supplier<T> work, CompletableFuture<T> future) {
        void run() {
            if (future.isDone()) {
                return;
            }
            try {
                future.complete(work.get());
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }
    }

    /**
     * @param name thread name
     * @param init runs first on the worker thread (e.g. per-thread engine set-up)
     */
    public CoalescingExecutor(String name, Runnable init) {
        worker = new Thread(() -> {
            init.run();
            loop();
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    /** Runs {@code work} after every ordinary task submitted before it. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Pending<T> p = new Pending<>(work, f);
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(new IllegalStateException("executor closed"));
                return f;
            }
            ordered.add(p::run);
            lock.notifyAll();
        }
        return f;
    }

    /**
     * Runs {@code work} unless a newer task under {@code key} arrives before it starts; the
     * superseded task's future is cancelled.
     */
    public <T> CompletableFuture<T> submitLatest(String key, Supplier<T> work) {
        CompletableFuture<T> f = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                f.completeExceptionally(new IllegalStateException("executor closed"));
                return f;
            }
            Pending<?> old = latest.put(key, new Pending<>(work, f));
            if (old != null) {
                old.future().cancel(false);
            }
            lock.notifyAll();
        }
        return f;
    }

    private void loop() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                while (!closed && ordered.isEmpty() && latest.isEmpty()) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (closed && ordered.isEmpty()) {
                    cancelAll();
                    return;
                }
                if (!ordered.isEmpty()) {
                    next = ordered.poll();
                } else {
                    var it = latest.values().iterator();
                    Pending<?> p = it.next();
                    it.remove();
                    next = p::run;
                }
            }
            next.run();
        }
    }

    private void cancelAll() {
        latest.values().forEach(p -> p.future().cancel(false));
        latest.clear();
    }

    /**
     * Stops taking work; ordinary tasks already submitted still run (clean-up goes there),
     * pending latest-only tasks are cancelled. Waits for the worker.
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        if (Thread.currentThread() != worker) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True when {@code t} only says the task was superseded or the executor closed. */
    public static boolean isSuperseded(Throwable t) {
        Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
        return c instanceof CancellationException;
    }
}
