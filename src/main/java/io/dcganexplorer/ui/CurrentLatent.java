package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.CoalescingExecutor;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The seeded grid of samples and the current z picked from it, one value per dimension shown a
 * page of sliders at a time. Renders through the {@link OpenGenerator}; holds no Node.
 */
public final class CurrentLatent {
    /** Images in the sample grid. */
    public static final int SAMPLES = 16;
    /** Dimension sliders shown at once. */
    public static final int DIMS_PER_PAGE = 10;
    /** Slider range of one dimension: covers +-3 sigma of the N(0, 1) prior and all of U(-1, 1). */
    public static final double DIM_RANGE = 3;

    private final OpenGenerator generator;
    private final SavedLatents saved;
    /** Run whenever z is set by hand, so the direction sliders start again from the new z. */
    private Runnable onSet = () -> { };
    private List<float[]> sampleVectors = List.of();

    // Properties
    private final LongProperty seed = new SimpleLongProperty(1);
    private final ObservableList<Pixels> samples = FXCollections.observableArrayList();
    // Made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<Pixels> samplesView = FXCollections.unmodifiableObservableList(samples);
    private final ReadOnlyObjectWrapper<float[]> currentZ = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Pixels> currentImage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper();
    private final IntegerBinding pageCount;

    CurrentLatent(OpenGenerator generator, SavedLatents saved) {
        this.generator = generator;
        this.saved = saved;
        IntegerBinding dim = generator.latentDimProperty();
        pageCount = Bindings.createIntegerBinding(() -> (dim.get() + DIMS_PER_PAGE - 1) / DIMS_PER_PAGE, dim);
        seed.addListener((obs, o, n) -> renderSamples(currentZ.get() != null));
    }

    void setOnSet(Runnable onSet) {
        this.onSet = onSet;
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

    /** The image of the current z, once rendered. */
    public ReadOnlyObjectProperty<Pixels> currentImageProperty() {
        return currentImage.getReadOnlyProperty();
    }

    /** Page of the dimension sliders, {@link #DIMS_PER_PAGE} per page. */
    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Pages of dimension sliders the loaded generator needs. */
    public IntegerBinding pageCountProperty() {
        return pageCount;
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
        onSet.run();
        move(z.clone());
    }

    /** Shows the next page of dimension sliders. */
    public void nextPage() {
        page.set(Math.min(page.get() + 1, Math.max(0, pageCount.get() - 1)));
    }

    /** Shows the previous page of dimension sliders. */
    public void previousPage() {
        page.set(Math.max(0, page.get() - 1));
    }

    /** Saves the current z as {@code name} in the run's latents.json. */
    public CompletableFuture<Void> saveCurrentAs(String name) {
        float[] z = currentZ.get();
        String n = name == null ? "" : name.trim();
        if (z == null || n.isEmpty() || n.startsWith(LatentStore.DIRECTION_PREFIX)) {
            generator.reportError("give the z a name (not starting with " + LatentStore.DIRECTION_PREFIX + ")");
            return CompletableFuture.failedFuture(new IllegalArgumentException("no z or no name"));
        }
        saved.addVectorName(n);
        return saved.save("z '" + n + "'", store -> store.putVector(n, z));
    }

    /** Makes the saved vector {@code name} the current z. */
    public CompletableFuture<Void> loadVector(String name) {
        return saved.read(store -> List.of(store.vector(name)))
                .thenAccept(v -> generator.ui().execute(() -> setCurrent(v.get(0))));
    }

    // Internals shared with the explorer's other parts

    /** Makes {@code z} (not copied) current without resetting the direction sliders; renders it. */
    void move(float[] z) {
        currentZ.set(z);
        renderCurrent();
    }

    /** Keeps the slider page inside a new generator's pages. */
    void clampPage() {
        page.set(Math.min(page.get(), Math.max(0, pageCount.get() - 1)));
    }

    /** Draws the grid's vectors from the seed and renders them; without {@code keepZ}, sample 0 becomes current. */
    CompletableFuture<Void> renderSamples(boolean keepZ) {
        DcganConfig cfg = generator.configProperty().get();
        if (cfg == null || generator.session() == null) {
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
        generator.render(zs).whenComplete((images, e) -> generator.ui().execute(() -> {
            if (e != null) {
                generator.reportError("could not render samples: " + OpenGenerator.rootMessage(e));
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

    /** Renders the current z, coalescing fast changes of it. */
    void renderCurrent() {
        float[] z = currentZ.get();
        if (generator.session() == null || z == null) {
            return;
        }
        generator.session().renderLatest("current", z).whenComplete((p, e) -> {
            if (e != null && CoalescingExecutor.isSuperseded(e)) {
                return; // a newer value of the same control is on its way
            }
            generator.ui().execute(() -> {
                if (e != null) {
                    generator.reportError("could not render z: " + OpenGenerator.rootMessage(e));
                } else if (currentZ.get() == z) {
                    currentImage.set(p);
                }
            });
        });
    }
}
