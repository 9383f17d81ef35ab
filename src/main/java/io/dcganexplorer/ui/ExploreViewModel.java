package io.dcganexplorer.ui;

import io.dcganexplorer.latent.GeneratorSession;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The latent explorer of one run's checkpoint, composed of small named models: the
 * {@link OpenGenerator} every panel renders with, the {@link SavedLatents} of the run's
 * latents.json, the {@link CurrentLatent} (sample grid, current z, dimension sliders), the
 * {@link DirectionSliders}, the {@link LatentWalk} (paper Fig. 4) and the {@link ProjectionViewModel}
 * (an image into z). Holds no Node. The generator
 * lives in a {@link GeneratorSession} opened on {@code background}; renders come back as plain
 * pixels through {@code ui}, so the FX thread never touches an NDArray or waits. State changes only
 * on the {@code ui} executor (the FX thread in the app).
 */
public final class ExploreViewModel {
    private final OpenGenerator generator;
    private final SavedLatents saved;
    private final CurrentLatent current;
    private final DirectionSliders sliders;
    private final LatentWalk walk;
    private final NeighboursViewModel neighbours;
    private final ProjectionViewModel projection;
    /** Whether the current z survives the generator now landing (set before, read after its config is out). */
    private boolean keepZ;

    /**
     * Composes the parts; nothing is opened until {@link #show} or {@link OpenGenerator#open}.
     *
     * @param background where generators are opened and files read and written
     * @param ui the executor that owns the state (the FX thread in the app)
     */
    public ExploreViewModel(Executor background, Executor ui) {
        generator = new OpenGenerator(background, ui);
        saved = new SavedLatents(generator);
        current = new CurrentLatent(generator, saved);
        sliders = new DirectionSliders(generator, saved, current);
        walk = new LatentWalk(generator, saved, current);
        current.setOnSet(sliders::reset);
        neighbours = new NeighboursViewModel(this);
        projection = new ProjectionViewModel(this);
        generator.setLanding(new OpenGenerator.Landing() {
            @Override
            public void before(OpenGenerator.Landed landed) {
                saved.setNames(landed.vectorNames(), landed.setNames());
                float[] z = current.currentZProperty().get();
                if (landed.configChanged()) {
                    walk.forget(); // its points are of another generator
                    z = null;
                }
                sliders.land(landed.sameRun() && z != null, landed.directions());
                keepZ = z != null && z.length == landed.config().latentDim();
            }

            @Override
            public CompletableFuture<Void> after(OpenGenerator.Landed landed) {
                current.clampPage();
                boolean keep = keepZ;
                return current.renderSamples(keep).whenComplete((v, e) -> {
                    if (keep) {
                        current.renderCurrent();
                    }
                });
            }
        });
    }

    /** The open run, checkpoint and generator, with the error and message lines. */
    public OpenGenerator generator() {
        return generator;
    }

    /** The names saved in the run's latents.json, and its reads and writes. */
    public SavedLatents saved() {
        return saved;
    }

    /** The sample grid and the current z. */
    public CurrentLatent current() {
        return current;
    }

    /** The named direction sliders. */
    public DirectionSliders sliders() {
        return sliders;
    }

    /** The walk through marked points. */
    public LatentWalk walk() {
        return walk;
    }

    /** The Project panel: an image into z, whose result becomes the current z. */
    public ProjectionViewModel projection() {
        return projection;
    }

    /** The nearest training images of the current z's image. */
    public NeighboursViewModel neighbours() {
        return neighbours;
    }

    /** Explores {@code dir}'s newest checkpoint unless it is shown already; see {@link OpenGenerator#show}. */
    public CompletableFuture<Void> show(Path dir) {
        return generator.show(dir);
    }

    /** Closes the generator (the window is closing). */
    public void close() {
        neighbours.close();
        generator.close();
    }
}
