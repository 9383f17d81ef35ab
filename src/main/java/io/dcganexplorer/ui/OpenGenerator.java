package io.dcganexplorer.ui;

import io.dcganexplorer.latent.GeneratorSession;
import io.dcganexplorer.latent.LatentStore;
import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The generator every explore panel renders with: which run and checkpoint is open, which of its
 * weights, the {@link GeneratorSession} itself, and the error and message lines the panels share.
 * The arithmetic, sweep and directions view-models depend on this part, not on the whole explorer.
 * Holds no Node; state changes only on the {@code ui} executor.
 */
public final class OpenGenerator {
    /**
     * What an open found, handed to the explorer on the UI thread when it lands.
     *
     * @param sameRun the run was already shown before this open
     * @param configChanged a generator of another configuration was shown before
     * @param directions the directions saved in the run's latents.json
     * @param vectorNames its named vectors, see {@link SavedLatents#savedVectors()}
     * @param setNames its sets
     */
    record Landed(Path run, DcganConfig config, boolean sameRun, boolean configChanged,
            Map<String, float[]> directions, List<String> vectorNames, List<String> setNames) {}

    /** The explorer's two steps of a landing: before and after the new config is published. */
    interface Landing {
        /** Called before {@link #configProperty()} changes: reset what the old generator left. */
        void before(Landed landed);

        /** Called after the config and {@link #sessionVersionProperty()} changed; completes the open. */
        CompletableFuture<Void> after(Landed landed);
    }

    private final Executor background;
    private final Executor ui;
    private Landing landing;
    private GeneratorSession session;
    /** Counts opens, so a slow open that was overtaken by a newer one is dropped. */
    private long openGeneration;
    /** The run whose generator is loaded now (set on the UI thread when a load lands). */
    private Path shownRun;

    // Properties
    private final ReadOnlyObjectWrapper<Path> runDirectory = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> checkpoint = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Checkpoint.Weights> weights = new SimpleObjectProperty<>(Checkpoint.Weights.AUTO);
    private final ReadOnlyObjectWrapper<DcganConfig> config = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper sessionVersion = new ReadOnlyLongWrapper();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<Path> checkpoints = FXCollections.observableArrayList();
    // Made once: a fresh wrapper per call would be collected, and its listeners with it.
    private final ObservableList<Path> checkpointsView = FXCollections.unmodifiableObservableList(checkpoints);
    private final IntegerBinding latentDim;
    private final BooleanBinding ready;

    OpenGenerator(Executor background, Executor ui) {
        this.background = background;
        this.ui = ui;
        latentDim = Bindings.createIntegerBinding(() -> config.get() == null ? 0 : config.get().latentDim(), config);
        ready = config.isNotNull().and(loading.not());
        weights.addListener((obs, o, n) -> {
            if (n == null) {
                weights.set(o);
            } else if (runDirectory.get() != null && checkpoint.get() != null) {
                open(runDirectory.get(), checkpoint.get());
            }
        });
    }

    /** Set once by the explorer, which composes the parts that a new generator resets. */
    void setLanding(Landing landing) {
        this.landing = landing;
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

    /** The loaded generator's configuration; null before the first load. */
    public ReadOnlyObjectProperty<DcganConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Goes up by one each time a generator has been (re)loaded. */
    public ReadOnlyLongProperty sessionVersionProperty() {
        return sessionVersion.getReadOnlyProperty();
    }

    /** A checkpoint is being opened. */
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

    /** Size of z of the loaded generator; 0 before the first load. */
    public IntegerBinding latentDimProperty() {
        return latentDim;
    }

    /** A generator is loaded and nothing is loading. */
    public BooleanBinding readyProperty() {
        return ready;
    }

    /** The run's checkpoints, oldest first, as found when it was (re)loaded. */
    public ObservableList<Path> checkpoints() {
        return checkpointsView;
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

    /** Clears the error line. */
    public void dismissError() {
        error.set("");
    }

    /** Closes the generator (the window is closing). */
    public void close() {
        closeLater(session);
        session = null;
    }

    // Internals shared with the panels

    /** Renders with the loaded generator; fails if none is loaded. Completes off the UI thread. */
    CompletableFuture<List<Pixels>> render(List<float[]> zs) {
        if (session == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no generator loaded"));
        }
        return session.render(zs);
    }

    /** The loaded generator, for long tasks that render from their own thread (null when none). */
    GeneratorSession session() {
        return session;
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

    /** The message of the failure under a future's wrapping. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    private CompletableFuture<Void> open(Path dir, Path chosen) {
        long generation = ++openGeneration;
        Checkpoint.Weights kind = weights.get();
        runDirectory.set(dir);
        loading.set(true);
        CompletableFuture<Void> done = new CompletableFuture<>();
        background.execute(() -> {
            Found found = find(dir, chosen, kind);
            ui.execute(() -> {
                if (generation != openGeneration) {
                    closeLater(found.session());
                    done.complete(null);
                    return;
                }
                loading.set(false);
                GeneratorSession s = found.session();
                if (s == null) {
                    error.set(found.failure());
                    done.complete(null);
                    return;
                }
                closeLater(session);
                session = s;
                error.set(found.failure() == null ? "" : found.failure());
                checkpoints.setAll(found.checkpoints());
                checkpoint.set(found.checkpoint());
                Landed landed = new Landed(dir, s.config(), dir.equals(shownRun),
                        config.get() != null && !config.get().equals(s.config()), found.directions(),
                        found.vectorNames(), found.setNames());
                shownRun = dir;
                landing.before(landed);
                config.set(s.config());
                sessionVersion.set(sessionVersion.get() + 1);
                landing.after(landed).whenComplete((v, e) -> done.complete(null));
            });
        });
        return done;
    }

    /** What the background half of an open found; {@code session} is null when it failed. */
    private record Found(GeneratorSession session, String failure, Path checkpoint, List<Path> checkpoints,
            Map<String, float[]> directions, List<String> vectorNames, List<String> setNames) {}

    /** Opens the generator and reads latents.json with it, so saved names and directions land together. */
    private static Found find(Path dir, Path chosen, Checkpoint.Weights kind) {
        GeneratorSession opened;
        Path cp;
        List<Path> all = List.of();
        try {
            RunDirectory run = RunDirectory.open(dir);
            all = run.checkpoints();
            cp = chosen != null ? chosen : run.latestCheckpoint().orElseThrow(() -> new IOException(
                    "no checkpoint in " + dir + " yet: one is written when training stops or every N steps; "
                            + "then press Reload"));
            opened = GeneratorSession.open(cp, kind);
        } catch (IOException | RuntimeException e) {
            return new Found(null, "could not open the generator: " + e.getMessage(), null, all, Map.of(), List.of(),
                    List.of());
        }
        try {
            LatentStore store = LatentStore.read(dir, opened.config().latentDim());
            return new Found(opened, null, cp, all, store.directions(), SavedLatents.namedVectors(store),
                    List.copyOf(store.sets().keySet()));
        } catch (IOException | RuntimeException e) {
            return new Found(opened, "the generator loaded, but " + dir.resolve(LatentStore.FILE)
                    + " could not be read: " + e.getMessage(), cp, all, Map.of(), List.of(), List.of());
        }
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
