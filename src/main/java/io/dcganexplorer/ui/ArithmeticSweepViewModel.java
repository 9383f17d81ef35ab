package io.dcganexplorer.ui;

import io.dcganexplorer.latent.ArithmeticEvaluation;
import io.dcganexplorer.latent.SweepReport;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.train.Checkpoint;
import io.dcganexplorer.train.Json;
import io.dcganexplorer.train.RunDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Which checkpoint shows it?": the arithmetic panel's automatic exemplars (its expressions,
 * sample count, scorer and means) measured on every checkpoint of the open run, with the generator
 * the Explore tab shows (G's moving average where kept, or G as trained: its weights choice), as
 * {@code arithmetic --sweep} does: seeds seed..seed+N-1 for each checkpoint (the noise seed, N
 * editable, 10 by default), then the chosen checkpoint (the highest averaged share, then the widest
 * lead over single exemplars, then the newest) again on the next N seeds, which took no part in the
 * choice. Progress with time left, cancel between rounds, a row per checkpoint as it is done
 * (an unreadable one is listed as skipped), and the report and held-out picture saved in the run's
 * {@code sweeps/} folder. {@link #exploreChosen()} opens the chosen checkpoint in the Explore tab.
 * Everything runs on one background thread; the UI thread only reads the properties.
 */
public final class ArithmeticSweepViewModel {
    /** One checkpoint's numbers on the sweep seeds, or why it was skipped. */
    public record Row(String checkpoint, double averaged, double single, double targetRate, String skipped,
            boolean chosen) {
        /** The row as the table shows it. */
        public String text() {
            return skipped != null ? checkpoint + ": skipped (" + skipped + ")"
                    : String.format(Locale.ROOT, "%s: averaged %.3f, single %.3f, target drawn %.2f%s", checkpoint,
                            averaged, single, targetRate, chosen ? "   <- chosen" : "");
        }
    }

    private final ArithmeticViewModel arithmetic;
    /** The generator whose run is swept; its chosen checkpoint opens there. */
    private final OpenGenerator generator;
    private final IntegerProperty seeds = new SimpleIntegerProperty(10);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Path> chosen = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> report = new ReadOnlyObjectWrapper<>();
    private volatile AtomicBoolean cancel = new AtomicBoolean();

    ArithmeticSweepViewModel(ArithmeticViewModel arithmetic) {
        this.arithmetic = arithmetic;
        this.generator = arithmetic.explore().generator();
    }

    /** Seeds per checkpoint (and held-out seeds for the chosen one), 1 to 100. */
    public IntegerProperty seedsProperty() {
        return seeds;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** 0..1 while running (rounds done of all rounds), -1 while the scorer loads or trains. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** One row per checkpoint, oldest first, as each is done. */
    public ObservableList<Row> rows() {
        return rowsView;
    }

    /** The checkpoint the last finished sweep chose; null before one finishes. */
    public ReadOnlyObjectProperty<Path> chosenProperty() {
        return chosen.getReadOnlyProperty();
    }

    /** The JSON report the last finished sweep saved (its held-out picture beside it, .png). */
    public ReadOnlyObjectProperty<Path> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** Stops a running sweep after its current round; nothing is saved. Any thread. */
    public void cancel() {
        cancel.set(true);
    }

    /** Opens the chosen checkpoint in the Explore tab (its samples, sliders and arithmetic). */
    public CompletableFuture<Void> exploreChosen() {
        Path cp = chosen.get();
        if (cp == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no sweep has chosen a checkpoint"));
        }
        return generator.openCheckpoint(cp);
    }

    /**
     * Starts the sweep over the open run's checkpoints with the arithmetic panel's settings. Fails
     * at once (nothing starts) when no run is open, a sweep or auto-fill runs, or a setting is out
     * of range; the status says which.
     */
    public CompletableFuture<Void> start() {
        Path dir = generator.runDirectoryProperty().get();
        DcganConfig cfg = generator.configProperty().get();
        if (running.get() || arithmetic.autoRunningProperty().get() || dir == null || cfg == null) {
            return refuse("open a run first, and wait for automatic exemplars to finish");
        }
        ArithmeticEvaluation.Settings settings;
        try {
            settings = new ArithmeticEvaluation.Settings(ArithmeticViewModel.GROUPS.stream()
                    .map(g -> arithmetic.autoExpressionProperty(g).get().trim()).toList(), null,
                    arithmetic.groupMeanProperty().get(), arithmetic.autoMembersProperty().get(),
                    arithmetic.autoPoolProperty().get(), seeds.get(), (float) arithmetic.scaleProperty().get(), 1);
        } catch (IllegalArgumentException e) {
            return refuse("cannot sweep: " + e.getMessage());
        }
        long seed = arithmetic.noiseSeedProperty().get();
        Checkpoint.Weights weights = generator.weightsProperty().get();
        boolean cnn = arithmetic.autoFeaturesProperty().get() == ArithmeticViewModel.AttributeFeatures.CNN;
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        running.set(true);
        progress.set(-1);
        rows.clear();
        chosen.set(null);
        report.set(null);
        status.set("reading the run's data ...");
        CompletableFuture<Void> done = new CompletableFuture<>();
        generator.background().execute(() -> {
            Path saved = null;
            Path best = null;
            String summary;
            try {
                Outcome o = runSweep(dir, cfg, settings, seed, weights, cnn, stop);
                best = Path.of(o.report().selectedDir());
                saved = o.saved();
                summary = summary(o.report(), saved);
            } catch (CancellationException e) {
                summary = "cancelled: nothing saved";
            } catch (ArithmeticEvaluation.BadExpression e) {
                summary = "sweep failed: '" + e.expression() + "': " + e.getMessage();
            } catch (IOException | RuntimeException e) {
                summary = "sweep failed: " + OpenGenerator.rootMessage(e);
            }
            Path b = best;
            Path s = saved;
            String text = summary;
            generator.ui().execute(() -> {
                running.set(false);
                progress.set(b == null ? 0 : 1);
                // the chosen checkpoint belongs to the swept run: no button opens it in another one
                boolean sameRun = dir.equals(generator.runDirectoryProperty().get());
                chosen.set(sameRun ? b : null);
                for (int i = 0; i < rows.size() && b != null; i++) {
                    Row row = rows.get(i);
                    if (row.checkpoint().equals(b.getFileName().toString())) {
                        rows.set(i, new Row(row.checkpoint(), row.averaged(), row.single(), row.targetRate(), null,
                                true));
                    }
                }
                report.set(s);
                status.set(sameRun || b == null ? text : text + " (in " + dir + ", no longer the open run)");
                if (b == null) {
                    done.completeExceptionally(new IllegalStateException(text));
                } else {
                    done.complete(null);
                }
            });
        });
        return done;
    }

    private CompletableFuture<Void> refuse(String why) {
        status.set(why);
        return CompletableFuture.failedFuture(new IllegalStateException(why));
    }

    /** A finished sweep's report and the file it was saved in. */
    private record Outcome(SweepReport report, Path saved) {}

    /** The work, on a background thread. */
    private Outcome runSweep(Path dir, DcganConfig cfg, ArithmeticEvaluation.Settings settings, long seed,
            Checkpoint.Weights weights, boolean cnn, AtomicBoolean stop) throws IOException {
        RunDirectory.requireWritable(dir, "a sweep's report is kept in the run's sweeps/ folder; continue the demo "
                + "to train a run of your own, and sweep that");
        RunDirectory run = RunDirectory.open(dir);
        Path folder = run.checkpointsDir();
        List<Path> dirs = RunDirectory.checkpointsIn(folder);
        ArithmeticEvaluation.Listener listener = new ArithmeticEvaluation.Listener() {
            private String line = "";

            @Override
            public void say(String text) {
                line = text;
                ui(() -> status.set(text));
            }

            @Override
            public void progress(ArithmeticEvaluation.Rounds r) {
                String text = String.format(Locale.ROOT, "%d of %d rounds, %s. %s", r.done(), r.total(),
                        r.secondsLeft() < 0 ? "time left after the first" : "about " + Eta.format(r.secondsLeft())
                                + " left", line);
                ui(() -> {
                    progress.set(r.total() == 0 ? 0 : (double) r.done() / r.total());
                    status.set(text);
                });
            }

            @Override
            public void swept(Path checkpoint, SweepReport.Row row, String skippedBecause) {
                Row r = row == null ? new Row(checkpoint.getFileName().toString(), Double.NaN, Double.NaN, Double.NaN,
                        skippedBecause, false)
                        : new Row(checkpoint.getFileName().toString(), row.meanAveragedShare(), row.meanSingleShare(),
                                row.generatedTargetRate(), null, false);
                ui(() -> rows.add(r));
            }

            @Override
            public boolean cancelled() {
                return stop.get();
            }
        };
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path json = dir.resolve("sweeps")
                .resolve("arithmetic-sweep-" + stamp + "-" + settings.means().label() + ".json");
        Path png = json.resolveSibling(json.getFileName().toString().replace(".json", ".png"));
        SweepReport r;
        try (ArithmeticEvaluation ev = ArithmeticEvaluation.open(run, cfg, settings, cnn
                ? () -> arithmetic.openCnn(run, cfg, "", stop::get, (text, p) -> ui(() -> {
                    progress.set(p);
                    status.set(text);
                })) : null, listener)) {
            r = ev.sweep(folder, dirs, weights, seed, png);
        }
        Json.write(json, r);
        return new Outcome(r, json);
    }

    private static String summary(SweepReport r, Path saved) {
        List<Long> heldSeeds = r.heldOutSeeds();
        List<SweepReport.Skipped> skipped = r.skipped();
        double avg = r.heldOut().meanAveragedShare();
        double single = r.heldOut().meanSingleShare();
        return String.format(Locale.ROOT, "chose %s; on the held-out seeds %s-%s: averaged %.3f, single %.3f "
                + "(%s). Saved %s%s", r.selected(), heldSeeds.get(0), heldSeeds.get(1), avg, single,
                avg >= 0.8 && avg > single ? "averaging shows the effect" : "short of 0.8 above single",
                saved.getFileName(), skipped.isEmpty() ? ""
                        : "; skipped " + skipped.size() + " unreadable checkpoint(s)");
    }

    private void ui(Runnable r) {
        generator.ui().execute(r);
    }
}
