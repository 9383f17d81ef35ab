package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.data.UserImage;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.Projector;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.Rng;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Project panel's model: a target image (a file, or one of the run's real images from a
 * picker), then {@link Projector} on the explorer's background executor with progress, the current
 * G(z) while it runs, and Cancel; the found z becomes the explorer's current z. Holds no Node; state
 * changes only on the explorer's UI executor; images cross as {@link Pixels}.
 *
 * <p>A projection opens DJL's gradient collector, of which a process has one, so it cannot run
 * while training runs in the window or the Evaluate tab's probe fits: the window binds
 * {@link #gradientsBusyProperty()} to those, and Project stays disabled while it is true.
 */
public final class ProjectionViewModel {
    /** Real images offered by the picker at a time. */
    public static final int PICKS = 6;

    private final ExploreViewModel explore;
    private final OpenGenerator generator;

    // Properties
    private final IntegerProperty steps = new SimpleIntegerProperty(Projector.Settings.DEFAULT_STEPS);
    private final IntegerProperty starts = new SimpleIntegerProperty(Projector.Settings.DEFAULT_STARTS);
    private final BooleanProperty gradientsBusy = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<Pixels> target = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Pixels> projection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Pixels> picks = FXCollections.observableArrayList();
    private final BooleanBinding canProject;

    /** The target as the model takes it (C x S x S in [-1, 1]); with the config it was read for. */
    private float[] targetChw;
    private DcganConfig targetConfig;
    private final List<float[]> pickImages = new ArrayList<>();
    private long pickRound;
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    public ProjectionViewModel(ExploreViewModel explore) {
        this.explore = explore;
        this.generator = explore.generator();
        canProject = generator.readyProperty().and(target.isNotNull()).and(running.not()).and(gradientsBusy.not());
        generator.configProperty().addListener((obs, o, n) -> {
            if (o != null && !o.equals(n)) { // a target read for another model no longer fits
                target.set(null);
                targetChw = null;
                projection.set(null);
                picks.clear();
                pickImages.clear();
            }
        });
    }

    // Properties

    /** Adam steps per projection. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** Starting points tried together. */
    public IntegerProperty startsProperty() {
        return starts;
    }

    /** True while something else in the process records gradients (training, the probe): no projection then. */
    public BooleanProperty gradientsBusyProperty() {
        return gradientsBusy;
    }

    public ReadOnlyObjectProperty<Pixels> targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** G(z) of the projection: the best start's while it runs, the result when done. */
    public ReadOnlyObjectProperty<Pixels> projectionProperty() {
        return projection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** What happened last: the distances, a note about the target's conversion, "cancelled". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last target or projection failed (a bad file names itself); "" when fine. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public BooleanBinding canProjectProperty() {
        return canProject;
    }

    /** The real images the picker offers now. */
    public ObservableList<Pixels> picks() {
        return picks;
    }

    // Commands

    /** Reads {@code file} as the target on the background executor; a bad file only sets the error line. */
    public CompletableFuture<Void> chooseFile(Path file) {
        DcganConfig cfg = generator.configProperty().get();
        if (cfg == null || running.get()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            try {
                UserImage img = UserImage.read(file, cfg.imageSize(), cfg.channels());
                generator.ui().execute(() -> {
                    setTarget(img.chw(), cfg, img.notes().isEmpty() ? file.getFileName() + ""
                            : file.getFileName() + ": " + img.notesLine());
                    done.complete(null);
                });
            } catch (java.io.IOException | RuntimeException e) {
                generator.ui().execute(() -> {
                    error.set(OpenGenerator.rootMessage(e));
                    done.complete(null);
                });
            }
        });
        return done;
    }

    /** Fills the picker with {@link #PICKS} other real images of the run's dataset (its spec and seed). */
    public CompletableFuture<Void> morePicks() {
        Path dir = generator.runDirectoryProperty().get();
        DcganConfig cfg = generator.configProperty().get();
        if (dir == null || cfg == null) {
            return CompletableFuture.completedFuture(null);
        }
        long round = ++pickRound;
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            List<float[]> images = new ArrayList<>();
            String failure = null;
            try {
                RunDirectory run = RunDirectory.open(dir);
                DatasetSpec spec = DatasetSpec.parse(run.options().dataset());
                try (ImageDataset set = spec.open(cfg.imageSize(), cfg.channels(), run.options().seed())) {
                    Rng rng = Rng.forPurpose(round, "projection-picker");
                    int plane = cfg.channels() * cfg.imageSize() * cfg.imageSize();
                    for (int i = 0; i < PICKS && set.size() > 0; i++) {
                        float[] x = new float[plane];
                        set.read((int) (rng.nextDouble() * set.size()), x, 0);
                        images.add(x);
                    }
                }
            } catch (Exception e) {
                failure = "the run's dataset: " + OpenGenerator.rootMessage(e);
            }
            String f = failure;
            generator.ui().execute(() -> {
                if (f != null) {
                    error.set(f);
                } else if (cfg.equals(generator.configProperty().get())) {
                    pickImages.clear();
                    pickImages.addAll(images);
                    picks.setAll(images.stream().map(x -> ImageGrids.image(x, 0, cfg.channels(), cfg.imageSize()))
                            .toList());
                }
                done.complete(null);
            });
        });
        return done;
    }

    /** Makes the picker's image {@code i} the target. */
    public void pick(int i) {
        DcganConfig cfg = generator.configProperty().get();
        if (i >= 0 && i < pickImages.size() && !running.get() && cfg != null) {
            setTarget(pickImages.get(i), cfg, "a real image of the run's dataset");
        }
    }

    /** Sets the target directly (C x S x S in [-1, 1], the loaded model's size): tests and drops. */
    public void setTarget(float[] chw, DcganConfig cfg, String what) {
        targetChw = chw.clone();
        targetConfig = cfg;
        target.set(ImageGrids.image(chw, 0, cfg.channels(), cfg.imageSize()));
        projection.set(null);
        error.set("");
        status.set("target: " + what);
    }

    /**
     * Projects the target with the shown checkpoint; the found z becomes the current z. Completes
     * when it ended (the result landed, or it was cancelled or failed: see the status and error).
     */
    public CompletableFuture<Void> project() {
        Path cp = generator.checkpointProperty().get();
        if (!canProject.get() || cp == null || !targetConfig.equals(generator.configProperty().get())) {
            return CompletableFuture.completedFuture(null);
        }
        Checkpoint.Weights weights = generator.weightsProperty().get();
        float[] x = targetChw;
        Projector.Settings settings = Projector.Settings.of(Math.max(1, steps.get()), Math.max(1, starts.get()), 1);
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        running.set(true);
        progress.set(0);
        error.set("");
        status.set("projecting ...");
        projection.set(null);
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            Projector.Result result = null;
            String failure = null;
            CountDownLatch finished = new CountDownLatch(1);
            try (OrderlyShutdown.Registration exit = OrderlyShutdown.register("the projection", () -> {
                stop.set(true);
                return finished.await(10, TimeUnit.SECONDS);
            });
                    Projector p = Projector.open(cp, weights)) {
                result = p.project(x, settings, (step, total, loss, img) -> {
                    if (img != null) { // a snapshot every few steps, never one per step
                        generator.ui().execute(() -> {
                            progress.set((double) step / total);
                            projection.set(img);
                            status.set(String.format(Locale.ROOT, "step %d of %d, loss %.4f", step, total, loss));
                        });
                    }
                }, stop::get);
            } catch (java.io.IOException | RuntimeException e) {
                failure = "projection failed: " + OpenGenerator.rootMessage(e);
            } finally {
                finished.countDown();
            }
            Projector.Result r = result;
            String f = failure;
            generator.ui().execute(() -> finish(cp, r, f, done));
        });
        return done;
    }

    /** Stops a running projection at its next step; the current z stays as it was. Any thread. */
    public void cancel() {
        cancel.set(true);
    }

    private void finish(Path cp, Projector.Result r, String failure, CompletableFuture<Void> done) {
        running.set(false);
        DcganConfig cfg = generator.configProperty().get();
        if (r == null) {
            progress.set(0);
            error.set(failure);
            status.set("");
        } else if (r.cancelled()) {
            progress.set(0);
            status.set("cancelled: the current z is unchanged");
        } else if (!cp.equals(generator.checkpointProperty().get()) || cfg == null) {
            status.set("another checkpoint was opened meanwhile: the result was dropped");
        } else {
            progress.set(1);
            projection.set(ImageGrids.image(r.image(), 0, cfg.channels(), cfg.imageSize()));
            explore.current().setCurrent(r.z());
            status.set(String.format(Locale.ROOT, "now the current z: pixel RMSE %.3f, D-feature distance %.3f "
                    + "(%.1f s)", r.pixelRmse(), r.featureDistance(), r.millis() / 1000.0));
        }
        done.complete(null);
    }
}
