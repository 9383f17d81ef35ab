package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.GroupMean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The arithmetic panel's three exemplar groups A, B and C, the vector that stands for each (its
 * {@link GroupMean}) and that vector rendered; saved in the run's {@code latents.json} as sets "A",
 * "B", "C" and loaded again when a generator loads. Part of {@link ArithmeticViewModel}; holds no
 * Node and changes only on the explorer's UI executor.
 */
final class ExemplarGroups {
    /** The groups' names, in the order of {@code Y = mean(A) - mean(B) + mean(C)}. */
    static final List<String> NAMES = List.of("A", "B", "C");

    private final OpenGenerator generator;
    private final SavedLatents latents;
    private final CurrentLatent current;

    private final Map<String, ObservableList<float[]>> groups = Map.of("A", FXCollections.observableArrayList(),
            "B", FXCollections.observableArrayList(), "C", FXCollections.observableArrayList());
    private final Map<String, ReadOnlyObjectWrapper<Pixels>> meanImages = Map.of("A", new ReadOnlyObjectWrapper<>(),
            "B", new ReadOnlyObjectWrapper<>(), "C", new ReadOnlyObjectWrapper<>());
    private final ObjectProperty<GroupMean> groupMean = new SimpleObjectProperty<>(GroupMean.PLAIN);
    // Read-only views made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final Map<String, ObservableList<float[]>> groupViews = Map.of(
            "A", FXCollections.unmodifiableObservableList(groups.get("A")),
            "B", FXCollections.unmodifiableObservableList(groups.get("B")),
            "C", FXCollections.unmodifiableObservableList(groups.get("C")));

    ExemplarGroups(OpenGenerator generator, SavedLatents latents, CurrentLatent current) {
        this.generator = generator;
        this.latents = latents;
        this.current = current;
        for (String g : NAMES) {
            groups.get(g).addListener((ListChangeListener<float[]>) c -> renderMean(g));
        }
        generator.sessionVersionProperty().addListener((obs, o, n) -> load());
        groupMean.addListener((obs, o, n) -> {
            if (n == null) {
                groupMean.set(o);
                return;
            }
            NAMES.forEach(this::renderMean);
        });
    }

    /** The members of group {@code name}, read-only. */
    ObservableList<float[]> view(String name) {
        of(name);
        return groupViews.get(name);
    }

    /** The members of group {@code name}, to change; throws for a name other than A, B or C. */
    ObservableList<float[]> of(String name) {
        ObservableList<float[]> g = groups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no group " + name + "; the groups are A, B and C");
        }
        return g;
    }

    /** The rendered mean of group {@code name}; null while it is empty. */
    ReadOnlyObjectProperty<Pixels> meanImageProperty(String name) {
        ReadOnlyObjectWrapper<Pixels> w = meanImages.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no group " + name);
        }
        return w.getReadOnlyProperty();
    }

    /** How each group becomes one vector (see {@link ArithmeticViewModel#groupMeanProperty()}). */
    ObjectProperty<GroupMean> groupMeanProperty() {
        return groupMean;
    }

    /** The vector that stands for a group, as {@link #groupMeanProperty()} says (null while empty). */
    float[] mean(String name) {
        List<float[]> g = of(name);
        return g.isEmpty() ? null : groupMean.get().of(new ArrayList<>(g));
    }

    /** Adds the explorer's current z to group {@code name}. */
    void addCurrent(String name) {
        float[] z = current.currentZProperty().get();
        if (z != null) {
            of(name).add(z.clone());
        }
    }

    /** Replaces the members of each group, in the order of {@link #NAMES}. */
    void setAll(List<List<float[]>> members) {
        for (int i = 0; i < NAMES.size(); i++) {
            of(NAMES.get(i)).setAll(members.get(i));
        }
    }

    /** Saves the three groups as sets "A", "B", "C" in the run's latents.json, off the UI thread. */
    CompletableFuture<Void> save() {
        Path dir = generator.runDirectoryProperty().get();
        int dim = generator.latentDimProperty().get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        Map<String, List<float[]>> copy = Map.of("A", List.copyOf(of("A")), "B", List.copyOf(of("B")),
                "C", List.copyOf(of("C")));
        return latents.save("groups A, B, C", store -> {
            for (String g : NAMES) {
                store.putSet(g, copy.get(g));
            }
        });
    }

    /** Replaces the groups with those saved in the run (if any). */
    CompletableFuture<Void> load() {
        return latents.loadSetsInto(groups, "groups A, B and C");
    }

    private void renderMean(String name) {
        float[] m = mean(name);
        if (m == null) {
            meanImages.get(name).set(null);
            return;
        }
        generator.render(List.of(m)).whenComplete((images, e) -> generator.ui().execute(() -> {
            if (e == null && Arrays.equals(m, mean(name))) {
                meanImages.get(name).set(images.get(0));
            }
        }));
    }
}
