package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run's fixed-noise grids by step: which steps have one, which is selected and shown, and
 * whether the view follows the newest. A part of {@link TrainingViewModel}; used on the UI thread.
 *
 * <p>Only the most recent grids are kept in memory; one looked back at is read from the run's
 * {@code samples/} folder on the background executor, so a long run costs no more memory than a
 * short one and the UI thread never reads a file.
 */
final class SampleHistory {
    private static final int CACHED_GRIDS = 24;

    private final Executor background;
    private final Executor ui;
    private final Supplier<Path> runDirectory;
    private final Consumer<String> error;
    /** Access order, so the grids looked at last are the ones kept. */
    private final Map<Long, Pixels> grids = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Pixels> e) {
            return size() > CACHED_GRIDS;
        }
    };
    /** True while the grid view shows the newest grid and should move on with new ones. */
    private boolean follow = true;

    private final ObservableList<Long> sampleSteps = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper selectedSample = new ReadOnlyIntegerWrapper(this, "selectedSample", -1);
    private final ReadOnlyObjectWrapper<Pixels> shownSample = new ReadOnlyObjectWrapper<>(this, "shownSample");
    private final ReadOnlyLongWrapper shownSampleStep = new ReadOnlyLongWrapper(this, "shownSampleStep", -1);

    /**
     * @param runDirectory the run whose {@code samples/} holds grids not in memory; null for none
     * @param error where a grid that cannot be read is reported
     */
    SampleHistory(Executor background, Executor ui, Supplier<Path> runDirectory, Consumer<String> error) {
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.runDirectory = Objects.requireNonNull(runDirectory);
        this.error = Objects.requireNonNull(error);
    }

    // Properties

    ObservableList<Long> sampleSteps() {
        return FXCollections.unmodifiableObservableList(sampleSteps);
    }

    ReadOnlyIntegerProperty selectedSampleProperty() {
        return selectedSample.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<Pixels> shownSampleProperty() {
        return shownSample.getReadOnlyProperty();
    }

    ReadOnlyLongProperty shownSampleStepProperty() {
        return shownSampleStep.getReadOnlyProperty();
    }

    // Commands

    /** Shows grid {@code index} of {@link #sampleSteps()}; the last one follows new grids. */
    void select(int index) {
        if (index < 0 || index >= sampleSteps.size()) {
            return;
        }
        selectedSample.set(index);
        follow = index == sampleSteps.size() - 1;
        long s = sampleSteps.get(index);
        Pixels p = grids.get(s);
        if (p != null) {
            show(s, p);
            return;
        }
        Path file = sampleFile(s);
        if (file == null) {
            return;
        }
        background.execute(() -> {
            try {
                Pixels read = PngFiles.read(file);
                ui.execute(() -> {
                    grids.put(s, read);
                    // The user may have moved on while the file was read: show it only if still wanted.
                    if (selectedSample.get() >= 0 && selectedSample.get() < sampleSteps.size()
                            && sampleSteps.get(selectedSample.get()) == s) {
                        show(s, read);
                    }
                });
            } catch (IOException | RuntimeException e) {
                ui.execute(() -> error.accept("could not read sample grid " + file + ": " + e.getMessage()));
            }
        });
    }

    /** A grid was written to disk; its pixels come later (or only from the file). */
    void addStep(long s) {
        int i = Collections.binarySearch(sampleSteps, s);
        if (i < 0) {
            sampleSteps.add(-i - 1, s);
        }
    }

    /** The newest grid from training: kept, and shown while following. */
    void addGrid(long s, Pixels p) {
        grids.put(s, p);
        addStep(s);
        if (follow) {
            selectedSample.set(sampleSteps.size() - 1);
            show(s, p);
        }
    }

    /** The grids of an opened run, read from its folder; {@link #selectNewest()} shows one. */
    void setSteps(List<Long> steps) {
        sampleSteps.setAll(steps);
    }

    /** Shows the newest grid, if there is one, and follows new ones. */
    void selectNewest() {
        if (!sampleSteps.isEmpty()) {
            select(sampleSteps.size() - 1);
        }
    }

    /** Forgets the run's grids and follows again. */
    void clear() {
        grids.clear();
        sampleSteps.clear();
        selectedSample.set(-1);
        follow = true;
        shownSample.set(null);
        shownSampleStep.set(-1);
    }

    private void show(long s, Pixels p) {
        shownSample.set(p);
        shownSampleStep.set(s);
    }

    private Path sampleFile(long s) {
        Path dir = runDirectory.get();
        return dir == null ? null : dir.resolve("samples").resolve(String.format(Locale.ROOT, "step-%06d.png", s));
    }
}
