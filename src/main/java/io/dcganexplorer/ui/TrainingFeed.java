package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import io.dcganexplorer.train.TrainingListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Carries training events from the training thread to the UI in batches. The listener methods,
 * called on the training thread, only append to a lock-free queue (the newest sample grid goes
 * into an {@link AtomicReference}, older ones are on disk) and, if no delivery is pending,
 * schedule one. A delivery runs on the UI executor no sooner than {@code minInterval} after the
 * previous one ended, whatever the step rate, and hands over everything that arrived since the last one, in order.
 *
 * <p>No JavaFX here: the app passes {@code Platform::runLater}, tests a plain executor.
 */
public final class TrainingFeed implements TrainingListener {

    /** One thing the trainer reported, in the order it happened. */
    public sealed interface Event permits Step, SamplesWritten, CheckpointWritten, StateChanged, Warning {}

    public record Step(StepMetrics metrics) implements Event {}

    /** A fixed-noise grid for {@code step} was written to samples/. */
    public record SamplesWritten(long step) implements Event {}

    public record CheckpointWritten(long step, Path dir) implements Event {}

    public record StateChanged(TrainerState state, String message) implements Event {}

    /** A warning that does not stop training (e.g. a dataset smaller than one batch). */
    public record Warning(String message) implements Event {}

    /** The newest fixed-noise grid. */
    public record Grid(long step, Pixels pixels) {}

    /**
     * What arrived since the previous batch.
     *
     * @param events every event, oldest first
     * @param newestGrid the newest sample grid, or null if none arrived
     */
    public record Batch(List<Event> events, Grid newestGrid) {}

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dcgan-ui-feed");
        t.setDaemon(true);
        return t;
    });

    private final ConcurrentLinkedQueue<Event> queue = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Grid> grid = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong lastDelivery = new AtomicLong(Long.MIN_VALUE / 2);
    private final Executor ui;
    private final Consumer<Batch> sink;
    private final long minIntervalNanos;

    /**
     * @param ui runs deliveries (the FX thread in the app)
     * @param sink receives each batch on {@code ui}
     * @param minIntervalMillis least time between two deliveries (50 ms: at most 20 a second)
     */
    public TrainingFeed(Executor ui, Consumer<Batch> sink, long minIntervalMillis) {
        this.ui = Objects.requireNonNull(ui);
        this.sink = Objects.requireNonNull(sink);
        this.minIntervalNanos = TimeUnit.MILLISECONDS.toNanos(minIntervalMillis);
    }

    // Training thread side

    @Override
    public void onStep(StepMetrics metrics) {
        offer(new Step(metrics));
    }

    @Override
    public void onSamples(long step, Pixels pixels) {
        grid.set(new Grid(step, pixels));
        offer(new SamplesWritten(step));
    }

    @Override
    public void onCheckpoint(long step, Path checkpointDir) {
        offer(new CheckpointWritten(step, checkpointDir));
    }

    @Override
    public void onStateChanged(TrainerState state, String message) {
        offer(new StateChanged(state, message));
    }

    @Override
    public void onWarning(String message) {
        offer(new Warning(message));
    }

    private void offer(Event e) {
        queue.add(e);
        schedule();
    }

    /** Schedules one delivery unless one is pending, no sooner than the interval after the last. */
    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            long wait = lastDelivery.get() + minIntervalNanos - System.nanoTime();
            if (wait <= 0) {
                ui.execute(this::deliver);
            } else {
                TIMER.schedule(() -> ui.execute(this::deliver), wait, TimeUnit.NANOSECONDS);
            }
        }
    }

    // UI side

    private void deliver() {
        Batch b = drain();
        if (!b.events().isEmpty() || b.newestGrid() != null) {
            sink.accept(b);
        }
        // The interval counts from the end of this delivery, so the UI thread always gets
        // minInterval to itself between two, however long a big batch took.
        lastDelivery.set(System.nanoTime());
        scheduled.set(false);
        // Events that came while this one ran found a delivery pending and did not schedule.
        if (!queue.isEmpty() || grid.get() != null) {
            schedule();
        }
    }

    /** Takes everything queued so far; also usable directly, without the scheduled deliveries. */
    public Batch drain() {
        List<Event> events = new ArrayList<>();
        for (Event e; (e = queue.poll()) != null;) {
            events.add(e);
        }
        return new Batch(events, grid.getAndSet(null));
    }
}
