package io.dcganexplorer.ui;

import io.dcganexplorer.image.GifWriter;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.latent.CoalescingExecutor;
import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The latent explorer of one run's newest checkpoint: a seeded grid of samples, the current z with
 * one value per dimension, and a walk through marked points (paper Fig. 4). Holds no Node. The
 * generator lives in a {@link GeneratorSession} opened on {@code background}; renders come back
 * as plain {@link Pixels} through {@code ui}, so the FX thread never touches an NDArray or waits.
 * State changes only on the {@code ui} executor (the FX thread in the app).
 */
public final class ExploreViewModel {
    /**
     * A named direction in z (an attribute's, a principal one, or mean(P) - mean(Q) from the
     * direction tool); strength 1 adds {@code vector} once.
     *
     * @param origin how it was made, for the tooltip
     */
    public record Direction(String name, float[] vector, String origin) {
        public Direction {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a direction needs a name");
            }
            name = name.trim();
            vector = vector.clone();
        }

        @Override
        public float[] vector() {
            return vector.clone();
        }
    }

    /** Slider range of a direction's strength. */
    public static final double STRENGTH_RANGE = 3;
    /** How many principal directions are offered. */
    public static final int PRINCIPAL_DIRECTIONS = 3;
    public static final int SAMPLES = 16;
    public static final int DIMS_PER_PAGE = 10;
    /** Slider range of one dimension: covers +-3 sigma of the N(0, 1) prior and all of U(-1, 1). */
    public static final double DIM_RANGE = 3;
    public static final int MAX_WALK_POINTS = 9;
    public static final int GIF_DELAY_MS = 100;

    private final Executor background;
    private final Executor ui;
    private GeneratorSession session;
    /** Counts opens, so a slow open that was overtaken by a newer one is dropped. */
    private long openGeneration;
    private List<float[]> sampleVectors = List.of();

    // Properties
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Checkpoint.Weights> weights = new SimpleObjectProperty<>(Checkpoint.Weights.AUTO);
    private final ReadOnlyObjectWrapper<DcganConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper sessionVersion = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final LongProperty seed = new SimpleLongProperty(1);
    private final ObservableList<Pixels> samples = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<float[]> currentZ = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Pixels> currentImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper();
    private final ObservableList<float[]> walkPoints = FXCollections.observableArrayList();
    private final ObjectProperty<Latent.Mode> walkMode = new SimpleObjectProperty<>(Latent.Mode.SPHERICAL);
    private final IntegerProperty walkFrames = new SimpleIntegerProperty(16);
    private final ObservableList<Pixels> walkImages = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<Direction> directions = FXCollections.observableArrayList();
    private final ObservableList<Path> checkpoints = FXCollections.observableArrayList();
    private final ObservableList<String> savedVectors = FXCollections.observableArrayList();
    private final ObservableList<String> savedSets = FXCollections.observableArrayList();
    private final ObservableMap<String, Double> strengths = FXCollections.observableHashMap();
    private final IntegerProperty walkFrame = new SimpleIntegerProperty();
    /** The z that the direction sliders move away from; null until one of them is moved. */
    private float[] directionBase;
    /** The run whose generator is loaded now (set on the UI thread when a load lands). */
    private Path shownRun;
    // Read-only views made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<Pixels> samplesView = FXCollections.unmodifiableObservableList(samples);
    private final ObservableList<float[]> walkPointsView = FXCollections.unmodifiableObservableList(walkPoints);
    private final ObservableList<Pixels> walkImagesView = FXCollections.unmodifiableObservableList(walkImages);
    private final ObservableList<Direction> directionsView = FXCollections.unmodifiableObservableList(directions);
    private final ObservableList<Path> checkpointsView = FXCollections.unmodifiableObservableList(checkpoints);
    private final ObservableList<String> savedVectorsView = FXCollections.unmodifiableObservableList(savedVectors);
    private final ObservableList<String> savedSetsView = FXCollections.unmodifiableObservableList(savedSets);
    private final ObservableMap<String, Double> strengthsView = FXCollections.unmodifiableObservableMap(strengths);
    private final IntegerBinding latentDim;
    private final IntegerBinding pageCount;
    private final BooleanBinding ready;
    private final BooleanBinding canWalk;

    public ExploreViewModel(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        latentDim = Bindings.createIntegerBinding(() -> config.get() == null ? 0 : config.get().latentDim(), config);
        pageCount = Bindings.createIntegerBinding(() -> (latentDim.get() + DIMS_PER_PAGE - 1) / DIMS_PER_PAGE,
                latentDim);
        ready = config.isNotNull().and(loading.not());
        canWalk = Bindings.size(walkPoints).greaterThanOrEqualTo(2).and(ready);
        seed.addListener((obs, o, n) -> renderSamples());
        weights.addListener((obs, o, n) -> {
            if (n == null) {
                weights.set(o);
            } else if (runDirectory.get() != null && checkpoint.get() != null) {
                open(runDirectory.get(), checkpoint.get());
            }
        });
    }

    /**
     * Which generator of a checkpoint is explored: its moving average of G's weights where the run
     * kept one (AUTO, the default), G as trained, or the average only (a checkpoint without one is
     * refused in the error line). Changing it reopens the shown checkpoint.
     */
    public ObjectProperty<Checkpoint.Weights> weightsProperty() {
        return weights;
    }

    /** The run whose newest checkpoint is explored. */
    public ReadOnlyObjectProperty<Path> runDirectoryProperty() {
        return runDirectory.getReadOnlyProperty();
    }

    /** The checkpoint folder the generator was loaded from. */
    public ReadOnlyObjectProperty<Path> checkpointProperty() {
        return checkpoint.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<DcganConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Goes up by one each time a generator has been (re)loaded. */
    public ReadOnlyLongProperty sessionVersionProperty() {
        return sessionVersion.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** Why the explorer cannot show anything (no checkpoint yet, a damaged one), or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last thing done (e.g. "wrote walk.gif"). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Seed of the sample grid: {@code new Rng(seed).latent(16, dim, prior)}. */
    public LongProperty seedProperty() {
        return seed;
    }

    /** The rendered sample grid, {@link #SAMPLES} images once loaded. */
    public ObservableList<Pixels> samples() {
        return samplesView;
    }

    /** The current z; a fresh array on every change, never modified in place. */
    public ReadOnlyObjectProperty<float[]> currentZProperty() {
        return currentZ.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Pixels> currentImageProperty() {
        return currentImage.getReadOnlyProperty();
    }

    public IntegerBinding latentDimProperty() {
        return latentDim;
    }

    /** Page of the dimension sliders, {@link #DIMS_PER_PAGE} per page. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public IntegerBinding pageCountProperty() {
        return pageCount;
    }

    /** A generator is loaded and nothing is loading. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    public ObservableList<float[]> walkPoints() {
        return walkPointsView;
    }

    public ObjectProperty<Latent.Mode> walkModeProperty() {
        return walkMode;
    }

    public IntegerProperty walkFramesProperty() {
        return walkFrames;
    }

    /** The rendered walk strip. */
    public ObservableList<Pixels> walkImages() {
        return walkImagesView;
    }

    public BooleanBinding canWalkProperty() {
        return canWalk;
    }

    /** The run's checkpoints, oldest first, as found when it was (re)loaded. */
    public ObservableList<Path> checkpoints() {
        return checkpointsView;
    }

    /** Names of the z vectors saved in the run's latents.json (not directions, not members of sets). */
    public ObservableList<String> savedVectors() {
        return savedVectorsView;
    }

    /** Names of the sets saved in the run's latents.json. */
    public ObservableList<String> savedSets() {
        return savedSetsView;
    }

    /** The named directions offered as sliders, in the order they were added. */
    public ObservableList<Direction> directions() {
        return directionsView;
    }

    /** Strength of each direction slider that was moved since the current z was last set otherwise. */
    public ObservableMap<String, Double> strengths() {
        return strengthsView;
    }

    /** The strength of direction {@code name} now (0 if untouched). */
    public double strength(String name) {
        return strengths.getOrDefault(name, 0.0);
    }

    /** The walk frame the animation shows. */
    public IntegerProperty walkFrameProperty() {
        return walkFrame;
    }

    /** Value of dimension {@code i} of the current z (0 before anything is loaded). */
    public double dimension(int i) {
        float[] z = currentZ.get();
        return z == null || i >= z.length ? 0 : z[i];
    }

    /** The latent vector of sample {@code i} (a copy). */
    public float[] sampleVector(int i) {
        return sampleVectors.get(i).clone();
    }

    // Commands

    /**
     * Explores {@code dir}'s newest checkpoint; does nothing if it is already shown. Called when the
     * tab is shown and when the training view's run changes.
     */
    public CompletableFuture<Void> show(Path dir) {
        if (dir == null || dir.equals(runDirectory.get()) && session != null) {
            return CompletableFuture.completedFuture(null);
        }
        return open(dir);
    }

    /** Loads the newest checkpoint of the shown run ("Reload newest checkpoint"). */
    public CompletableFuture<Void> reload() {
        return runDirectory.get() == null ? CompletableFuture.completedFuture(null) : open(runDirectory.get());
    }

    /** Opens {@code dir}'s newest checkpoint off the UI thread; errors land in {@link #errorProperty()}. */
    public CompletableFuture<Void> open(Path dir) {
        return open(dir, null);
    }

    /** Explores checkpoint {@code cp} (one of {@link #checkpoints()}) of the shown run instead of the newest. */
    public CompletableFuture<Void> openCheckpoint(Path cp) {
        if (runDirectory.get() == null || cp == null || cp.equals(checkpoint.get())) {
            return CompletableFuture.completedFuture(null);
        }
        return open(runDirectory.get(), cp);
    }

    private CompletableFuture<Void> open(Path dir, Path chosen) {
        long generation = ++openGeneration;
        Checkpoint.Weights kind = weights.get();
        runDirectory.set(dir);
        loading.set(true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.execute(() -> {
            GeneratorSession opened = null;
            String failure = null;
            Path cp = null;
            java.util.Map<String, float[]> savedDirections = java.util.Map.of();
            List<String> vectorNames = List.of();
            List<String> setNames = List.of();
            List<Path> all = List.of();
            try {
                RunDirectory run = RunDirectory.open(dir);
                all = run.checkpoints();
                cp = chosen != null ? chosen : run.latestCheckpoint().orElseThrow(() -> new IOException(
                        "no checkpoint in " + dir + " yet: one is written when training stops or every N steps; "
                                + "then press Reload"));
                opened = GeneratorSession.open(cp, kind);
            } catch (IOException | RuntimeException e) {
                failure = "could not open the generator: " + e.getMessage();
            }
            if (opened != null) {
                try {
                    LatentStore store = LatentStore.read(dir, opened.config().latentDim());
                    savedDirections = store.directions();
                    vectorNames = namedVectors(store);
                    setNames = List.copyOf(store.sets().keySet());
                } catch (IOException | RuntimeException e) {
                    failure = "the generator loaded, but " + dir.resolve(LatentStore.FILE) + " could not be read: "
                            + e.getMessage();
                }
            }
            GeneratorSession s = opened;
            String f = failure;
            Path c = cp;
            java.util.Map<String, float[]> saved = savedDirections;
            List<String> vNames = vectorNames;
            List<String> sNames = setNames;
            List<Path> cps = all;
            ui.execute(() -> {
                boolean sameRun = dir.equals(shownRun);
                if (generation != openGeneration) {
                    closeLater(s);
                    done.complete(null);
                    return;
                }
                loading.set(false);
                if (s == null) {
                    error.set(f);
                    done.complete(null);
                    return;
                }
                closeLater(session);
                session = s;
                error.set(f == null ? "" : f);
                checkpoints.setAll(cps);
                savedVectors.setAll(vNames);
                savedSets.setAll(sNames);
                checkpoint.set(c);
                float[] z = currentZ.get();
                if (config.get() != null && !config.get().equals(s.config())) {
                    walkPoints.clear();
                    walkImages.clear();
                    z = null;
                }
                if (!sameRun || z == null) {
                    directions.clear();
                    strengths.clear();
                    directionBase = null;
                }
                shownRun = dir;
                saved.forEach((name, v) -> {
                    Direction d = new Direction(name, v, "saved in " + LatentStore.FILE);
                    int at = indexOfDirection(name);
                    if (at >= 0) {
                        directions.set(at, d);
                    } else {
                        directions.add(d);
                    }
                });
                config.set(s.config());
                page.set(Math.min(page.get(), Math.max(0, pageCount.get() - 1)));
                sessionVersion.set(sessionVersion.get() + 1);
                boolean keepZ = z != null && z.length == s.config().latentDim();
                renderSamples(keepZ).whenComplete((v, e) -> {
                    if (keepZ) {
                        renderCurrent();
                    }
                    done.complete(null);
                });
            });
        });
        return done;
    }

    /** Next seed. */
    public void reroll() {
        seed.set(seed.get() + 1);
    }

    /** Makes sample {@code i} the current z. */
    public void selectSample(int i) {
        if (i < 0 || i >= sampleVectors.size()) {
            return;
        }
        setCurrent(sampleVectors.get(i).clone());
        if (i < samples.size()) {
            currentImage.set(samples.get(i)); // already rendered; the render below confirms it
        }
    }

    /** Sets dimension {@code i} of the current z; renders the result, coalescing fast changes. */
    public void setDimension(int i, double value) {
        float[] z = currentZ.get();
        if (z == null || i < 0 || i >= z.length || z[i] == (float) value) {
            return;
        }
        float[] n = z.clone();
        n[i] = (float) value;
        setCurrent(n);
    }

    /** Makes {@code z} (copied) the current vector and renders it. */
    public void setCurrent(float[] z) {
        directionBase = null;
        strengths.clear();
        currentZ.set(z.clone());
        renderCurrent();
    }

    /**
     * Moves the current z along direction {@code name}: z = base + sum of strength x direction over
     * the direction sliders, where base is the z before the first of them was moved. Renders live.
     */
    public void setStrength(String name, double strength) {
        float[] z = currentZ.get();
        Direction d = direction(name);
        if (z == null || d == null || strength(name) == strength) {
            return;
        }
        if (directionBase == null) {
            directionBase = z.clone();
        }
        strengths.put(name, strength);
        applyStrengths();
    }

    /** z = base + the sum of strength x direction over the sliders; renders it. */
    private void applyStrengths() {
        if (directionBase == null) {
            return;
        }
        float[] n = directionBase.clone();
        for (Direction x : directions) {
            double s = strength(x.name());
            if (s != 0) {
                n = Latent.add(n, x.vector, (float) s);
            }
        }
        currentZ.set(n);
        renderCurrent();
    }

    /** The direction named {@code name}, or null. */
    public Direction direction(String name) {
        return directions.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
    }

    /** Adds {@code d} (replacing one of the same name) and saves it in the run's latents.json. */
    public CompletableFuture<Void> putDirection(Direction d) {
        return putDirections(List.of(d));
    }

    /** Adds or replaces several directions and saves them in one write. */
    public CompletableFuture<Void> putDirections(List<Direction> ds) {
        for (Direction d : ds) {
            int at = indexOfDirection(d.name());
            if (at >= 0) {
                directions.set(at, d);
            } else {
                directions.add(d);
            }
        }
        applyStrengths(); // a replaced direction moves z by its new vector at the same strength
        return saveLatents("directions " + ds.stream().map(Direction::name).toList(), store -> {
            for (Direction d : ds) {
                store.putDirection(d.name(), d.vector);
            }
        });
    }

    /** Removes direction {@code name} from the sliders and the run's latents.json. */
    public CompletableFuture<Void> removeDirection(String name) {
        int at = indexOfDirection(name);
        if (at < 0) {
            return CompletableFuture.completedFuture(null);
        }
        directions.remove(at);
        if (strengths.remove(name) != null) {
            applyStrengths(); // take its share out of z again
        }
        return saveLatents(null, store -> store.removeDirection(name));
    }

    /**
     * Replaces the principal directions with the top {@link #PRINCIPAL_DIRECTIONS} of {@code chosen}
     * (at most one fewer than there are points, and no more than they span), named PC1, PC2, ...; each scaled to one standard
     * deviation of the points along it, so strength 1 is a typical step among them.
     */
    public CompletableFuture<Void> setPrincipalDirections(List<float[]> chosen, String of) {
        if (chosen.size() < 3) {
            String text = "principal directions need at least 3 chosen points; " + of + " has " + chosen.size();
            error.set(text);
            return CompletableFuture.failedFuture(new IllegalArgumentException(text));
        }
        int k = Math.min(PRINCIPAL_DIRECTIONS, chosen.size() - 1);
        List<float[]> pcs = Latent.principalDirections(chosen, k);
        if (pcs.isEmpty()) {
            String text = "the " + chosen.size() + " points of " + of + " are all the same: no principal direction";
            error.set(text);
            return CompletableFuture.failedFuture(new IllegalArgumentException(text));
        }
        float[] mu = Latent.mean(chosen);
        List<Direction> out = new ArrayList<>();
        for (int c = 0; c < pcs.size(); c++) {
            double var = 0;
            for (float[] p : chosen) {
                double proj = Latent.dot(Latent.add(p, mu, -1), pcs.get(c));
                var += proj * proj;
            }
            double sd = Math.sqrt(var / (chosen.size() - 1));
            float[] v = pcs.get(c).clone();
            for (int i = 0; i < v.length; i++) {
                v[i] *= (float) sd;
            }
            out.add(new Direction("PC" + (c + 1), v, String.format(
                    "principal direction %d of %d points (%s), one standard deviation = %.2f", c + 1, chosen.size(),
                    of, sd)));
        }
        for (int c = out.size() + 1; c <= PRINCIPAL_DIRECTIONS; c++) {
            removeDirection("PC" + c);
        }
        return putDirections(out);
    }

    /** Saves the current z as {@code name} in the run's latents.json. */
    public CompletableFuture<Void> saveCurrentAs(String name) {
        float[] z = currentZ.get();
        String n = name == null ? "" : name.trim();
        if (z == null || n.isEmpty() || n.startsWith(LatentStore.DIRECTION_PREFIX)) {
            error.set("give the z a name (not starting with " + LatentStore.DIRECTION_PREFIX + ")");
            return CompletableFuture.failedFuture(new IllegalArgumentException("no z or no name"));
        }
        if (!savedVectors.contains(n)) {
            savedVectors.add(n);
        }
        return saveLatents("z '" + n + "'", store -> store.putVector(n, z));
    }

    /** Makes the saved vector {@code name} the current z. */
    public CompletableFuture<Void> loadVector(String name) {
        return readLatents(store -> List.of(store.vector(name))).thenAccept(v -> ui.execute(() -> setCurrent(v.get(0))));
    }

    /** Saves the walk's points as the set {@code name}. */
    public CompletableFuture<Void> saveWalkAs(String name) {
        String n = name == null ? "" : name.trim();
        List<float[]> points = List.copyOf(walkPoints);
        if (points.isEmpty() || n.isEmpty()) {
            error.set("mark walk points and give the set a name");
            return CompletableFuture.failedFuture(new IllegalArgumentException("no points or no name"));
        }
        if (!savedSets.contains(n)) {
            savedSets.add(n);
        }
        return saveLatents("set '" + n + "' (" + points.size() + " points)", store -> store.putSet(n, points));
    }

    /** Replaces the walk's points with the saved set {@code name} (its first {@link #MAX_WALK_POINTS}). */
    public CompletableFuture<Void> loadSetIntoWalk(String name) {
        return readLatents(store -> store.set(name)).thenAccept(points -> ui.execute(() -> {
            walkImages.clear();
            walkFrame.set(0);
            walkPoints.setAll(points.subList(0, Math.min(points.size(), MAX_WALK_POINTS)));
        }));
    }

    /** Shows the next walk frame (the animation's tick). */
    public void advanceWalkFrame() {
        int n = walkImages.size();
        walkFrame.set(n == 0 ? 0 : (walkFrame.get() + 1) % n);
    }

    public void nextPage() {
        page.set(Math.min(page.get() + 1, Math.max(0, pageCount.get() - 1)));
    }

    public void previousPage() {
        page.set(Math.max(0, page.get() - 1));
    }

    /** Adds the current z as the walk's next point (at most {@link #MAX_WALK_POINTS}). */
    public void addToWalk() {
        if (currentZ.get() != null && walkPoints.size() < MAX_WALK_POINTS) {
            walkPoints.add(currentZ.get().clone());
        }
    }

    public void clearWalk() {
        walkFrame.set(0);
        walkPoints.clear();
        walkImages.clear();
    }

    /** Renders the walk strip through the marked points. */
    public CompletableFuture<List<Pixels>> renderWalk() {
        CompletableFuture<List<Pixels>> f = renderWalkFrames();
        f.whenComplete((frames, e) -> ui.execute(() -> {
            if (e == null) {
                walkFrame.set(0);
                walkImages.setAll(frames);
            } else {
                error.set("could not render the walk: " + rootMessage(e));
            }
        }));
        return f;
    }

    /** Renders the walk and writes it as one PNG strip, off the UI thread. */
    public CompletableFuture<Path> exportWalkPng(Path file) {
        return export(file, frames -> PngFiles.write(ImageGrids.tile(frames, frames.size(), 2), file));
    }

    /** Renders the walk and writes it as a looping GIF, one frame per walk frame, off the UI thread. */
    public CompletableFuture<Path> exportWalkGif(Path file) {
        return export(file, frames -> GifWriter.write(frames, GIF_DELAY_MS, gifZoom(frames.get(0).width()), file));
    }

    /** Upscale of exported GIFs: small models come out at least 64 pixels wide. */
    static int gifZoom(int size) {
        return Math.max(1, 64 / size);
    }

    public void dismissError() {
        error.set("");
    }

    /** Closes the generator (the window is closing). */
    public void close() {
        closeLater(session);
        session = null;
    }

    // Internals shared with the arithmetic panel

    /** Renders with the loaded generator; fails if none is loaded. Completes off the UI thread. */
    CompletableFuture<List<Pixels>> render(List<float[]> zs) {
        if (session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no generator loaded"));
        }
        return session.render(zs);
    }

    Executor background() {
        return background;
    }

    Executor ui() {
        return ui;
    }

    void reportError(String text) {
        error.set(text);
    }

    void reportMessage(String text) {
        message.set(text);
    }

    /** The loaded generator, for long tasks that render from their own thread (null when none). */
    GeneratorSession session() {
        return session;
    }

    /** Saves an edit of the run's latents.json off the UI thread; reports "saved WHAT" or the error. */
    CompletableFuture<Void> saveLatents(String what, LatentStore.Edit edit) {
        Path dir = runDirectory.get();
        int dim = latentDim.get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
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
        }, background);
        f.whenComplete((names, e) -> ui.execute(() -> {
            if (e != null) {
                error.set("could not save to " + dir.resolve(LatentStore.FILE) + ": " + rootMessage(e));
                return;
            }
            if (dir.equals(runDirectory.get())) {
                savedVectors.setAll(names.get(0));
                savedSets.setAll(names.get(1));
            }
            if (what != null) {
                message.set("saved " + what + " to " + dir.resolve(LatentStore.FILE));
            }
        }));
        return f.thenApply(names -> null);
    }

    /**
     * Replaces each of {@code groups} (by name) with the set of that name saved in the run, if any;
     * a group of vectors of another size is emptied. Called by the panels when a generator loads.
     */
    CompletableFuture<Void> loadSetsInto(Map<String, ObservableList<float[]>> groups, String what) {
        Path dir = runDirectory.get();
        int dim = latentDim.get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (dir == null || dim == 0) {
            done.complete(null);
            return done;
        }
        background.execute(() -> {
            Map<String, List<float[]>> loaded = new java.util.HashMap<>();
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
            ui.execute(() -> {
                if (f != null) {
                    error.set(f);
                } else if (dir.equals(runDirectory.get())) {
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

    private interface Read<T> {
        T apply(LatentStore store) throws IOException;
    }

    /** Reads from the run's latents.json off the UI thread; errors are reported and fail the future. */
    private <T> CompletableFuture<T> readLatents(Read<T> read) {
        Path dir = runDirectory.get();
        int dim = latentDim.get();
        if (dir == null || dim == 0) {
            return CompletableFuture.failedFuture(new IllegalStateException("no run is open"));
        }
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return read.apply(LatentStore.read(dir, dim));
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background);
        f.whenComplete((v, e) -> {
            if (e != null) {
                ui.execute(() -> error.set("could not read " + dir.resolve(LatentStore.FILE) + ": " + rootMessage(e)));
            }
        });
        return f;
    }

    /** Vectors saved by name: neither directions nor members of a set. */
    private static List<String> namedVectors(LatentStore store) {
        java.util.Set<String> members = new java.util.HashSet<>();
        store.sets().values().forEach(members::addAll);
        return store.vectors().keySet().stream().filter(n -> !n.startsWith(LatentStore.DIRECTION_PREFIX)
                && !members.contains(n)).toList();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private interface FrameWriter {
        void write(List<Pixels> frames) throws IOException;
    }

    private CompletableFuture<Path> export(Path file, FrameWriter writer) {
        CompletableFuture<Path> f = renderWalkFrames().thenApplyAsync(frames -> {
            try {
                writer.write(frames);
                return file;
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, background);
        f.whenComplete((p, e) -> ui.execute(() -> {
            if (e == null) {
                message.set("wrote " + p);
            } else {
                error.set("could not export the walk to " + file + ": " + rootMessage(e));
            }
        }));
        return f;
    }

    private CompletableFuture<List<Pixels>> renderWalkFrames() {
        if (walkPoints.size() < 2) {
            return CompletableFuture.failedFuture(new IllegalStateException("a walk needs at least 2 points"));
        }
        List<float[]> zs;
        try {
            zs = Latent.walk(new ArrayList<>(walkPoints), Math.max(walkFrames.get(), walkPoints.size()),
                    walkMode.get());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return render(zs);
    }

    private CompletableFuture<Void> renderSamples() {
        return renderSamples(currentZ.get() != null);
    }

    /** Draws the grid's vectors from the seed and renders them; without {@code keepZ}, sample 0 becomes current. */
    private CompletableFuture<Void> renderSamples(boolean keepZ) {
        DcganConfig cfg = config.get();
        if (cfg == null || session == null) {
            return CompletableFuture.completedFuture(null);
        }
        float[] flat = new Rng(seed.get()).latent(SAMPLES, cfg.latentDim(), cfg.prior());
        List<float[]> zs = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            float[] z = new float[cfg.latentDim()];
            System.arraycopy(flat, i * z.length, z, 0, z.length);
            zs.add(z);
        }
        sampleVectors = List.copyOf(zs);
        long wantSeed = seed.get();
        CompletableFuture<Void> done = new CompletableFuture<>();
        session.render(zs).whenComplete((images, e) -> ui.execute(() -> {
            if (e != null) {
                error.set("could not render samples: " + rootMessage(e));
            } else if (wantSeed == seed.get()) {
                samples.setAll(images);
                if (!keepZ) {
                    selectSample(0);
                }
            }
            done.complete(null);
        }));
        return done;
    }

    private void renderCurrent() {
        float[] z = currentZ.get();
        if (session == null || z == null) {
            return;
        }
        session.renderLatest("current", z).whenComplete((p, e) -> {
            if (e != null && CoalescingExecutor.isSuperseded(e)) {
                return; // a newer value of the same control is on its way
            }
            ui.execute(() -> {
                if (e != null) {
                    error.set("could not render z: " + rootMessage(e));
                } else if (currentZ.get() == z) {
                    currentImage.set(p);
                }
            });
        });
    }

    private int indexOfDirection(String name) {
        for (int i = 0; i < directions.size(); i++) {
            if (directions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private void closeLater(GeneratorSession s) {
        if (s != null) {
            try {
                background.execute(s::close); // close joins the render thread: never on the UI thread
            } catch (RejectedExecutionException e) {
                // the pool is shut: the way out (OrderlyShutdown) has already closed the session's render thread
            }
        }
    }
}
