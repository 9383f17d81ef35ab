package io.dcganexplorer.ui;

import io.dcganexplorer.latent.LatentStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The open run's latents.json: the names of its saved vectors and sets, and the reads and writes
 * of it that every explore panel goes through, all off the UI thread. Holds no Node.
 */
public final class SavedLatents {
    private final OpenGenerator generator;
    private final ObservableList<String> savedVectors = FXCollections.observableArrayList();
    private final ObservableList<String> savedSets = FXCollections.observableArrayList();
    // Made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<String> savedVectorsView = FXCollections.unmodifiableObservableList(savedVectors);
    private final ObservableList<String> savedSetsView = FXCollections.unmodifiableObservableList(savedSets);

    SavedLatents(OpenGenerator generator) {
        this.generator = generator;
    }

    /** Names of the z vectors saved in the run's latents.json (not directions, not members of sets). */
    public ObservableList<String> savedVectors() {
        return savedVectorsView;
    }

    /** Names of the sets saved in the run's latents.json. */
    public ObservableList<String> savedSets() {
        return savedSetsView;
    }

    /** Shows the names an open read (see {@link OpenGenerator.Landed}). */
    void setNames(List<String> vectors, List<String> sets) {
        savedVectors.setAll(vectors);
        savedSets.setAll(sets);
    }

    /** Lists {@code name} at once, before its write lands. */
    void addVectorName(String name) {
        if (!savedVectors.contains(name)) {
            savedVectors.add(name);
        }
    }

    /** Lists {@code name} at once, before its write lands. */
    void addSetName(String name) {
        if (!savedSets.contains(name)) {
            savedSets.add(name);
        }
    }

    /** Saves an edit of the run's latents.json off the UI thread; reports "saved WHAT" or the error. */
    CompletableFuture<Void> save(String what, LatentStore.Edit edit) {
        Path dir = generator.runDirectoryProperty().get();
        int dim = generator.latentDimProperty().get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        if (io.dcganexplorer.train.ShippedDemo.isExtractedPath(dir)) {
            // the demo is read-only: what the panels hold stays for this session, and saying so once a save is enough
            if (what != null) {
                generator.reportMessage("not saved: the shipped demo is read-only (" + what + " stays until another "
                        + "run opens; Train from demo starts a run of your own, where saves are kept)");
            }
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<List<List<String>>> f = CompletableFuture.supplyAsync(() -> {
            try {
                List<List<String>> names = new ArrayList<>();
                LatentStore.update(dir, dim, store -> {
                    edit.apply(store);
                    names.add(namedVectors(store));
                    names.add(List.copyOf(store.sets().keySet()));
                });
                return names;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, generator.background());
        f.whenComplete((names, e) -> generator.ui().execute(() -> {
            if (e != null) {
                generator.reportError("could not save to " + dir.resolve(LatentStore.FILE) + ": "
                        + OpenGenerator.rootMessage(e));
                return;
            }
            if (dir.equals(generator.runDirectoryProperty().get())) {
                setNames(names.get(0), names.get(1));
            }
            if (what != null) {
                generator.reportMessage("saved " + what + " to " + dir.resolve(LatentStore.FILE));
            }
        }));
        return f.thenApply(names -> null);
    }

    /**
     * Replaces each of {@code groups} (by name) with the set of that name saved in the run, if any;
     * a group of vectors of another size is emptied. Called by the panels when a generator loads.
     */
    CompletableFuture<Void> loadSetsInto(Map<String, ObservableList<float[]>> groups, String what) {
        Path dir = generator.runDirectoryProperty().get();
        int dim = generator.latentDimProperty().get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (dir == null || dim == 0) {
            done.complete(null);
            return done;
        }
        generator.background().execute(() -> {
            Map<String, List<float[]>> loaded = new HashMap<>();
            String failure = null;
            try {
                LatentStore store = LatentStore.read(dir, dim);
                for (String g : groups.keySet()) {
                    if (store.sets().containsKey(g)) {
                        loaded.put(g, store.set(g));
                    }
                }
            } catch (IOException | RuntimeException e) {
                failure = "could not read the saved " + what + ": " + e.getMessage();
            }
            String f = failure;
            generator.ui().execute(() -> {
                if (f != null) {
                    generator.reportError(f);
                } else if (dir.equals(generator.runDirectoryProperty().get())) {
                    groups.forEach((g, members) -> {
                        if (loaded.containsKey(g)) {
                            members.setAll(loaded.get(g));
                        } else if (!members.isEmpty() && members.get(0).length != dim) {
                            members.clear();
                        }
                    });
                }
                done.complete(null);
            });
        });
        return done;
    }

    /** One read of latents.json; may throw what reading the file throws. */
    interface Read<T> {
        T apply(LatentStore store) throws IOException;
    }

    /** Reads from the run's latents.json off the UI thread; errors are reported and fail the future. */
    <T> CompletableFuture<T> read(Read<T> read) {
        Path dir = generator.runDirectoryProperty().get();
        int dim = generator.latentDimProperty().get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return read.apply(LatentStore.read(dir, dim));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, generator.background());
        f.whenComplete((v, e) -> {
            if (e != null) {
                generator.ui().execute(() -> generator.reportError("could not read " + dir.resolve(LatentStore.FILE)
                        + ": " + OpenGenerator.rootMessage(e)));
            }
        });
        return f;
    }

    /** Vectors saved by name: neither directions nor members of a set. */
    static List<String> namedVectors(LatentStore store) {
        Set<String> members = new HashSet<>();
        store.sets().values().forEach(members::addAll);
        return store.vectors().keySet().stream().filter(n -> !n.startsWith(LatentStore.DIRECTION_PREFIX)
                && !members.contains(n)).toList();
    }
}
