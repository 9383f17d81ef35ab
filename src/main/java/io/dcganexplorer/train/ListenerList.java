package io.dcganexplorer.train;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The trainer's {@link TrainingListener}s. Other threads add and remove them while the training
 * thread calls them, hence the copy-on-write list; a listener that throws is reported and passed
 * over, since a broken view of the run must not end the run.
 */
final class ListenerList {
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();

    void add(TrainingListener l) {
        listeners.add(l);
    }

    void remove(TrainingListener l) {
        listeners.remove(l);
    }

    /** Calls {@code call} on every listener, in the order they were added. */
    void each(Consumer<TrainingListener> call) {
        for (TrainingListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                System.err.println("training listener failed: " + e);
            }
        }
    }

    void warn(String text) {
        each(l -> l.onWarning(text));
    }
}
