package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetCatalog;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.LabelledIdx;
import io.dcganexplorer.eval.ProbeListener;
import io.dcganexplorer.eval.ProbeProgress;
import io.dcganexplorer.eval.RepresentationProbe;
import io.dcganexplorer.eval.RepresentationProbe.Method;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Evaluate tab's state: the representation probe of paper section 5
 * ({@link RepresentationProbe}, the same engine as the {@code probe} command) on the open run's
 * newest checkpoint, with progress, time left, cancel and the result table. The probe runs on a
 * background thread that owns every NDArray it makes; this class only hands plain values to the UI
 * executor. Holds no Node.
 */
public final class EvaluateViewModel {
    /** One row of the result table: a label count and one cell a method. */
    public record Row(String labels, String dFeatures, String rawPixels, String supervised) {}

    private final ExecutorService background;
    private final Executor ui;

    private final ObjectProperty<Path> runDirectory = new SimpleObjectProperty<>();
    private final StringProperty dataset = new SimpleStringProperty("");
    private final StringProperty labels = new SimpleStringProperty("100,1000");
    private final StringProperty draws = new SimpleStringProperty("3");
    private final BooleanProperty supervised = new SimpleBooleanProperty(true);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty trainingActive = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty phase = new SimpleStringProperty("");
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final BooleanBinding canRun;

    private final AtomicReference<AtomicBoolean> cancelFlag = new AtomicReference<>();

    public EvaluateViewModel(ExecutorService background, Executor ui) {
        this.background = background;
        this.ui = ui;
        canRun = runDirectory.isNotNull().and(running.not()).and(trainingActive.not())
                .and(Bindings.createBooleanBinding(() -> !dataset.get().isBlank(), dataset));
    }

    public ObjectProperty<Path> runDirectoryProperty() {
        return runDirectory;
    }

    /** A labelled IDX spec, {@code fashion:PATH} or {@code mnist:PATH}. */
    public StringProperty datasetProperty() {
        return dataset;
    }

    /** Label counts, comma separated; {@code all} for every training image. */
    public StringProperty labelsProperty() {
        return labels;
    }

    public StringProperty drawsProperty() {
        return draws;
    }

    /** Whether the supervised baseline (the slowest column) is trained too. */
    public BooleanProperty supervisedProperty() {
        return supervised;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** Set by the window while a run trains: the probe waits for the 2 cores to be free. */
    public BooleanProperty trainingActiveProperty() {
        return trainingActive;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty phaseProperty() {
        return phase;
    }

    public StringProperty timeLeftProperty() {
        return timeLeft;
    }

    /** What the last probe came to: "done in 0:42", "cancelled", or empty. */
    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    public BooleanBinding canRunProperty() {
        return canRun;
    }

    /** Fills the dataset field with the first labelled IDX set found on this machine, if it is empty. */
    public void discoverDataset() {
        background.execute(() -> {
            String found = null;
            try {
                for (DatasetCatalog.Entry e : DatasetCatalog.discover()) {
                    String kind = e.spec().kind();
                    if (kind.equals("fashion") || kind.equals("mnist")) {
                        found = e.spec().toString();
                        break;
                    }
                }
            } catch (RuntimeException e) {
                // nothing found: the field stays empty for the user to fill
            }
            String spec = found;
            if (spec != null) {
                ui.execute(() -> {
                    if (dataset.get().isBlank()) {
                        dataset.set(spec);
                    }
                });
            }
        });
    }

    /** Starts the probe with the fields' values; a bad field is reported in {@link #errorProperty}. */
    public void run() {
        if (!canRun.get()) {
            return;
        }
        Path dir = runDirectory.get();
        List<Integer> counts = new ArrayList<>();
        int nDraws;
        DatasetSpec spec;
        try {
            for (String l : labels.get().split(",")) {
                if (!l.isBlank()) {
                    counts.add(RepresentationProbe.parseLabelCount(l));
                }
            }
            if (counts.isEmpty()) {
                throw new IllegalArgumentException("expected at least one label count");
            }
        } catch (IllegalArgumentException e) {
            error.set("Labels: " + e.getMessage() + ", comma separated (got '" + labels.get() + "')");
            return;
        }
        try {
            nDraws = Integer.parseInt(draws.get().trim());
            if (nDraws < 1 || nDraws > 1000) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            error.set("Draws: expected a whole number from 1 to 1000 (got '" + draws.get() + "')");
            return;
        }
        try {
            spec = DatasetSpec.parse(dataset.get().trim());
        } catch (IllegalArgumentException e) {
            error.set("Dataset: " + e.getMessage());
            return;
        }
        if (!spec.kind().equals("fashion") && !spec.kind().equals("mnist") || spec.path().isEmpty()) {
            error.set("Dataset: the probe needs labels and an official test split: fashion:PATH or mnist:PATH");
            return;
        }
        java.util.Set<Method> methods = java.util.EnumSet.of(Method.D_FEATURES, Method.RAW_PIXELS);
        if (supervised.get()) {
            methods.add(Method.SUPERVISED);
        }
        RepresentationProbe.Options options = RepresentationProbe.Options.defaults().withLabelCounts(counts)
                .withDraws(nDraws).withMethods(methods);
        AtomicBoolean cancel = new AtomicBoolean(false);
        cancelFlag.set(cancel);
        error.set("");
        status.set("");
        rows.clear();
        progress.set(0);
        phase.set("starting");
        timeLeft.set("");
        running.set(true);
        Path datasetPath = spec.path().get();
        background.execute(() -> work(dir, datasetPath, options, cancel));
    }

    /** Asks the running probe to stop after its current batch or fit. */
    public void cancel() {
        AtomicBoolean c = cancelFlag.get();
        if (c != null) {
            c.set(true);
            phase.set("cancelling…");
        }
    }

    private void work(Path dir, Path datasetPath, RepresentationProbe.Options options, AtomicBoolean cancel) {
        long t0 = System.nanoTime();
        try {
            RunDirectory run = RunDirectory.open(dir);
            Path checkpoint = run.latestCheckpoint().orElseThrow(
                    () -> new java.io.IOException(dir + " has no checkpoint yet: train it first"));
            var cfg = run.config();
            LabelledIdx data = LabelledIdx.open(datasetPath, cfg.imageSize(), cfg.channels());
            RepresentationProbe.Result r = RepresentationProbe.run(checkpoint, data, options, new ProbeListener() {
                @Override
                public void onProgress(ProbeProgress p) {
                    double f = p.fraction();
                    String left = p.secondsLeft() < 0 ? "" : "about " + Eta.format(p.secondsLeft()) + " left";
                    String text = "[" + (p.task() + 1) + "/" + p.tasks() + "] " + p.phase();
                    ui.execute(() -> {
                        progress.set(f);
                        phase.set(text);
                        timeLeft.set(left);
                    });
                }

                @Override
                public boolean isCancelled() {
                    return cancel.get();
                }
            });
            List<Row> table = table(r);
            double s = (System.nanoTime() - t0) / 1e9;
            ui.execute(() -> {
                rows.setAll(table);
                progress.set(1);
                phase.set("");
                timeLeft.set("");
                status.set("done in " + Eta.format(s) + ": test error on " + r.testSize()
                        + " official test images, mean ± std over label draws");
                running.set(false);
            });
        } catch (CancellationException e) {
            ui.execute(() -> {
                phase.set("");
                timeLeft.set("");
                status.set("cancelled");
                running.set(false);
            });
        } catch (Exception | OutOfMemoryError e) {
            String msg = e.getMessage() != null ? e.getMessage() : e.toString();
            ui.execute(() -> {
                phase.set("");
                timeLeft.set("");
                error.set("Evaluate failed: " + msg);
                running.set(false);
            });
        }
    }

    static List<Row> table(RepresentationProbe.Result r) {
        List<Row> out = new ArrayList<>();
        for (int c : r.options().labelCounts()) {
            int n = r.options().resolve(c, r.trainSize());
            out.add(new Row(c == RepresentationProbe.ALL ? "all (" + n + ")" : Integer.toString(n),
                    r.cell(c, Method.D_FEATURES).text(), r.cell(c, Method.RAW_PIXELS).text(),
                    r.cell(c, Method.SUPERVISED).text()));
        }
        return out;
    }
}
