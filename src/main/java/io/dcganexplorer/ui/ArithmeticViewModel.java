package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * Vector arithmetic (paper Fig. 7) on the explorer's generator: three exemplar groups A, B, C,
 * each averaged, {@code Y = mean(A) - mean(B) + mean(C)}, shown as a 3x3 grid with G(Y) in the
 * centre and G(Y + u) around it; beside it the naive grid from the first member of each group.
 * The groups are saved in the run's {@code latents.json} (sets "A", "B", "C") and loaded when a
 * run opens. Holds no Node; state changes only on the explorer's UI executor.
 */
public final class ArithmeticViewModel {
    public static final List<String> GROUPS = List.of("A", "B", "C");
    /** The paper averages three exemplars per concept. */
    public static final int TARGET_MEMBERS = 3;

    private final ExploreViewModel explore;

    // Properties
    private final Map<String, ObservableList<float[]>> groups = Map.of("A", FXCollections.observableArrayList(),
            "B", FXCollections.observableArrayList(), "C", FXCollections.observableArrayList());
    private final Map<String, ReadOnlyObjectWrapper<Pixels>> meanImages = Map.of("A", new ReadOnlyObjectWrapper<>(),
            "B", new ReadOnlyObjectWrapper<>(), "C", new ReadOnlyObjectWrapper<>());
    private final DoubleProperty scale = new SimpleDoubleProperty(0.25);
    private final LongProperty noiseSeed = new SimpleLongProperty(1);
    private final ObservableList<Pixels> results = FXCollections.observableArrayList();
    private final ObservableList<Pixels> naiveResults = FXCollections.observableArrayList();
    // Read-only views made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final Map<String, ObservableList<float[]>> groupViews = Map.of(
            "A", FXCollections.unmodifiableObservableList(groups.get("A")),
            "B", FXCollections.unmodifiableObservableList(groups.get("B")),
            "C", FXCollections.unmodifiableObservableList(groups.get("C")));
    private final ObservableList<Pixels> resultsView = FXCollections.unmodifiableObservableList(results);
    private final ObservableList<Pixels> naiveResultsView = FXCollections.unmodifiableObservableList(naiveResults);
    private List<float[]> resultVectors = List.of();
    private final BooleanBinding canCompute;

    public ArithmeticViewModel(ExploreViewModel explore) {
        this.explore = explore;
        canCompute = Bindings.isNotEmpty(groups.get("A")).and(Bindings.isNotEmpty(groups.get("B")))
                .and(Bindings.isNotEmpty(groups.get("C"))).and(explore.readyProperty());
        for (String g : GROUPS) {
            groups.get(g).addListener((ListChangeListener<float[]>) c -> renderMean(g));
        }
        explore.sessionVersionProperty().addListener((obs, o, n) -> loadGroups());
    }

    /** The explorer whose generator and current z this panel uses. */
    public ExploreViewModel explore() {
        return explore;
    }

    /** The members of group {@code name} ("A", "B" or "C"). */
    public ObservableList<float[]> group(String name) {
        groupOf(name);
        return groupViews.get(name);
    }

    /** The rendered mean of group {@code name}; null while it is empty. */
    public ReadOnlyObjectProperty<Pixels> meanImageProperty(String name) {
        ReadOnlyObjectWrapper<Pixels> w = meanImages.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no group " + name);
        }
        return w.getReadOnlyProperty();
    }

    /** Half-width of the uniform noise around Y in the outer eight cells. */
    public DoubleProperty scaleProperty() {
        return scale;
    }

    public LongProperty noiseSeedProperty() {
        return noiseSeed;
    }

    /** The 3x3 result, row-major; G(Y) at index 4. */
    public ObservableList<Pixels> results() {
        return resultsView;
    }

    /** The same grid from single exemplars (the first member of each group). */
    public ObservableList<Pixels> naiveResults() {
        return naiveResultsView;
    }

    /** The latent vectors of {@link #results()} after the last compute (copies). */
    public List<float[]> resultVectors() {
        return resultVectors.stream().map(float[]::clone).toList();
    }

    public BooleanBinding canComputeProperty() {
        return canCompute;
    }

    /** The mean z of a group (null while empty). */
    public float[] mean(String name) {
        List<float[]> g = groupOf(name);
        return g.isEmpty() ? null : Latent.mean(new ArrayList<>(g));
    }

    // Commands

    /** Adds the explorer's current z to group {@code name}. */
    public void addCurrent(String name) {
        float[] z = explore.currentZProperty().get();
        if (z != null) {
            groupOf(name).add(z.clone());
        }
    }

    public void clear(String name) {
        groupOf(name).clear();
    }

    /** Renders the averaged and the naive 3x3 grids. */
    public CompletableFuture<Void> compute() {
        if (!canCompute.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("every group needs a member"));
        }
        float[] y = Latent.arithmetic(mean("A"), mean("B"), mean("C"));
        float[] naive = Latent.arithmetic(groupOf("A").get(0), groupOf("B").get(0), groupOf("C").get(0));
        float s = (float) scale.get();
        List<float[]> averaged = Latent.noiseGrid(y, s, noiseSeed.get());
        List<float[]> single = Latent.noiseGrid(naive, s, noiseSeed.get());
        List<float[]> all = new ArrayList<>(averaged);
        all.addAll(single);
        CompletableFuture<Void> done = new CompletableFuture<>();
        explore.render(all).whenComplete((images, e) -> explore.ui().execute(() -> {
            if (e != null) {
                explore.reportError("could not compute the arithmetic: " + ExploreViewModel.rootMessage(e));
                done.completeExceptionally(e);
                return;
            }
            resultVectors = List.copyOf(averaged);
            results.setAll(images.subList(0, 9));
            naiveResults.setAll(images.subList(9, 18));
            done.complete(null);
        }));
        return done;
    }

    /** Saves the three groups as sets "A", "B", "C" in the run's latents.json, off the UI thread. */
    public CompletableFuture<Void> saveGroups() {
        Path dir = explore.runDirectoryProperty().get();
        int dim = explore.latentDimProperty().get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        Map<String, List<float[]>> copy = Map.of("A", List.copyOf(groupOf("A")), "B", List.copyOf(groupOf("B")),
                "C", List.copyOf(groupOf("C")));
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            try {
                LatentStore store = LatentStore.open(dir, dim);
                for (String g : GROUPS) {
                    store.putSet(g, copy.get(g));
                }
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, explore.background());
        f.whenComplete((v, e) -> explore.ui().execute(() -> {
            if (e == null) {
                explore.reportMessage("saved groups A, B, C to " + dir.resolve(LatentStore.FILE));
            } else {
                explore.reportError("could not save the groups: " + ExploreViewModel.rootMessage(e));
            }
        }));
        return f;
    }

    /** Replaces the groups with those saved in the run (if any); called when a generator loads. */
    public CompletableFuture<Void> loadGroups() {
        Path dir = explore.runDirectoryProperty().get();
        int dim = explore.latentDimProperty().get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (dir == null || dim == 0) {
            done.complete(null);
            return done;
        }
        explore.background().execute(() -> {
            Map<String, List<float[]>> loaded = new java.util.HashMap<>();
            String failure = null;
            try {
                LatentStore store = LatentStore.open(dir, dim);
                for (String g : GROUPS) {
                    if (store.sets().containsKey(g)) {
                        loaded.put(g, store.set(g));
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = "could not read the saved groups: " + e.getMessage();
            }
            String f = failure;
            explore.ui().execute(() -> {
                if (f != null) {
                    explore.reportError(f);
                } else if (dir.equals(explore.runDirectoryProperty().get())) {
                    for (String g : GROUPS) {
                        List<float[]> members = loaded.get(g);
                        if (members != null) {
                            groupOf(g).setAll(members);
                        } else if (!groupOf(g).isEmpty() && groupOf(g).get(0).length != dim) {
                            groupOf(g).clear();
                        }
                    }
                }
                done.complete(null);
            });
        });
        return done;
    }

    private ObservableList<float[]> groupOf(String name) {
        ObservableList<float[]> g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no group " + name + "; the groups are A, B and C");
        }
        return g;
    }

    private void renderMean(String name) {
        float[] m = mean(name);
        if (m == null) {
            meanImages.get(name).set(null);
            return;
        }
        explore.render(List.of(m)).whenComplete((images, e) -> explore.ui().execute(() -> {
            if (e == null && java.util.Arrays.equals(m, mean(name))) {
                meanImages.get(name).set(images.get(0));
            }
        }));
    }
}
