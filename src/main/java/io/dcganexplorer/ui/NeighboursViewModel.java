package io.dcganexplorer.ui;

import io.dcganexplorer.eval.NeighbourIndex;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.CoalescingExecutor;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Engines;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Neighbours panel's model: the nearest training images of the current z's image, in pixel
 * space and in the discriminator's feature space ({@link NeighbourIndex}). The index of the open
 * checkpoint is opened (or built the first time, with progress and Cancel) when the panel is
 * {@link #activeProperty() active}; it lives on its own worker thread ({@code dcgan-neighbours}),
 * which also answers the queries, newest first. Holds no Node; state changes on the explorer's
 * {@code ui} executor.
 */
public final class NeighboursViewModel {
    /** Neighbours shown per space unless changed. */
    public static final int DEFAULT_K = 6;

    /** One neighbour as shown: the training image, its index in the dataset and its distance. */
    public record Item(Pixels image, int index, double distance) {
        /** "#index distance", as under the image. */
        public String caption() {
            return String.format(Locale.ROOT, "#%d  %.3f", index, distance);
        }
    }

    private final OpenGenerator generator;
    private final CurrentLatent current;
    private final CoalescingExecutor worker = new CoalescingExecutor("dcgan-neighbours",
            Engines::disableGradOnThisThread);
    /** The open index; touched only on the worker. */
    private NeighbourIndex index;
    /** The checkpoint the index is (being) opened for; UI state. */
    private Path indexFor;
    private AtomicBoolean cancel = new AtomicBoolean();
    /** Training images in the open index; UI state. */
    private int indexSize;

    // Properties
    private final BooleanProperty active = new SimpleBooleanProperty();
    private final IntegerProperty k = new SimpleIntegerProperty(DEFAULT_K);
    private final ReadOnlyBooleanWrapper building = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<Item> pixels = FXCollections.observableArrayList();
    private final ObservableList<Item> features = FXCollections.observableArrayList();
    private final ObservableList<Item> pixelsView = FXCollections.unmodifiableObservableList(pixels);
    private final ObservableList<Item> featuresView = FXCollections.unmodifiableObservableList(features);

    /** The panel of the explorer {@code vm}. */
    public NeighboursViewModel(ExploreViewModel vm) {
        this.generator = vm.generator();
        this.current = vm.current();
        active.addListener((obs, o, n) -> refresh());
        generator.checkpointProperty().addListener((obs, o, n) -> refresh());
        current.currentImageProperty().addListener((obs, o, n) -> query());
        k.addListener((obs, o, n) -> query());
    }

    /** Whether the panel is shown: the index is opened (or built) only then. */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Neighbours per space, 1 to 16. */
    public IntegerProperty kProperty() {
        return k;
    }

    /** True while the index is being built or read. */
    public ReadOnlyBooleanProperty buildingProperty() {
        return building.getReadOnlyProperty();
    }

    /** True once the open checkpoint's index is open and queries are answered. */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** The build's fraction done, or -1 while it reads a cache. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What the panel is doing or found (build progress with time left, a query's time, an error). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The nearest training images in pixel space, nearest first. */
    public ObservableList<Item> pixelNeighbours() {
        return pixelsView;
    }

    /** The nearest training images in D-feature space, nearest first. */
    public ObservableList<Item> featureNeighbours() {
        return featuresView;
    }

    // Commands

    /** Stops a build in progress; nothing is cached, and {@link #rebuild()} starts again. */
    public void cancel() {
        cancel.set(true);
    }

    /** Opens (or builds) the index of the open checkpoint again, after a cancel or an error. */
    public void rebuild() {
        indexFor = null;
        refresh();
    }

    /**
     * Stops a build, then closes the index and the worker on the worker itself, so that the caller
     * (the FX thread) never waits for it (the window is closing).
     */
    public void close() {
        cancel.set(true);
        worker.submit(() -> {
            closeIndex();
            worker.close(); // on the worker: returns at once, and the worker ends after this task
            return null;
        });
    }

    // Internals

    /** Opens the index of the open checkpoint when the panel is active and it is not open yet. */
    private void refresh() {
        Path cp = generator.checkpointProperty().get();
        Path run = generator.runDirectoryProperty().get();
        if (!active.get() || cp == null || run == null || cp.equals(indexFor)) {
            return;
        }
        indexFor = cp;
        cancel.set(true); // a build for another checkpoint stops
        AtomicBoolean mine = new AtomicBoolean();
        cancel = mine;
        ready.set(false);
        building.set(true);
        progress.set(-1);
        status.set("opening the neighbour index of " + cp.getFileName() + " ...");
        pixels.clear();
        features.clear();
        long[] shownAt = {0};
        worker.submit(() -> {
            closeIndex();
            try {
                index = open(run, cp, mine, shownAt);
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
            return index.size();
        }).whenComplete((n, e) -> generator.ui().execute(() -> opened(cp, n, e)));
    }

    /** On the worker: the index of {@code cp}, its progress shown in the panel. */
    private NeighbourIndex open(Path run, Path cp, AtomicBoolean cancelled, long[] shownAt)
            throws java.io.IOException {
        return NeighbourIndex.forRun(RunDirectory.open(run), cp, new NeighbourIndex.Progress() {
            @Override
            public void say(String line) {
                generator.ui().execute(() -> status.set(line));
            }

            @Override
            public void building(int done, int total, double seconds) {
                long now = System.nanoTime();
                if (done < total && now - shownAt[0] < 100_000_000L) {
                    return; // a tenth of a second between updates is enough for a bar
                }
                shownAt[0] = now;
                String text = String.format(Locale.ROOT, "indexing the training images: %d of %d (left ~%s)",
                        done, total, io.dcganexplorer.train.Durations.clock(seconds / done * (total - done)));
                generator.ui().execute(() -> {
                    progress.set((double) done / total);
                    status.set(text);
                });
            }
        }, cancelled::get);
    }

    private void opened(Path cp, Integer n, Throwable e) {
        if (!cp.equals(indexFor)) {
            return; // superseded by another checkpoint
        }
        building.set(false);
        if (e != null) {
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            indexFor = null; // so that Build index tries again
            status.set(c instanceof CancellationException ? "cancelled: no index was built"
                    : "could not open the neighbour index: " + c.getMessage());
            return;
        }
        indexSize = n;
        ready.set(true);
        status.set(n + " training images indexed");
        query();
    }

    /** Searches the neighbours of the current image, replacing a query that has not started. */
    private void query() {
        Pixels image = current.currentImageProperty().get();
        DcganConfig cfg = generator.configProperty().get();
        if (!ready.get() || image == null || cfg == null || image.width() != cfg.imageSize()) {
            return;
        }
        int want = Math.max(1, Math.min(16, k.get()));
        Path cp = indexFor;
        worker.submitLatest("query", () -> {
            long t0 = System.nanoTime();
            NeighbourIndex.Neighbours n;
            try {
                n = index.search(ImageGrids.chw(image, cfg.channels()), want);
                return new Found(items(n.pixels(), cfg), items(n.features(), cfg), (System.nanoTime() - t0) / 1e6,
                        n.imagesCompared(), n.exact());
            } catch (java.io.IOException ex) {
                throw new java.io.UncheckedIOException(ex);
            }
        }).whenComplete((found, e) -> {
            if (e != null && CoalescingExecutor.isSuperseded(e)) {
                return;
            }
            generator.ui().execute(() -> {
                if (!cp.equals(indexFor)) {
                    return;
                }
                if (e != null) {
                    status.set("could not search: " + OpenGenerator.rootMessage(e));
                } else if (current.currentImageProperty().get() == image) {
                    pixels.setAll(found.pixels());
                    features.setAll(found.features());
                    status.set(String.format(Locale.ROOT, "%d training images; searched in %.0f ms (pixels: %s)",
                            indexSize, found.millis(), found.exact() ? "proven nearest, " + found.compared()
                                    + " compared in full" : "the nearest of the " + found.compared()
                                    + " likeliest by their 32x32 pixels"));
                }
            });
        });
    }

    private record Found(List<Item> pixels, List<Item> features, double millis, int compared, boolean exact) {}

    /** On the worker: the neighbours' images. */
    private List<Item> items(List<NeighbourIndex.Neighbour> list, DcganConfig cfg) throws java.io.IOException {
        List<Item> out = new ArrayList<>();
        for (NeighbourIndex.Neighbour nb : list) {
            out.add(new Item(ImageGrids.image(index.image(nb.index()), 0, cfg.channels(), cfg.imageSize()), nb.index(),
                    nb.distance()));
        }
        return out;
    }

    private void closeIndex() {
        if (index != null) {
            index.close();
            index = null;
        }
    }
}
