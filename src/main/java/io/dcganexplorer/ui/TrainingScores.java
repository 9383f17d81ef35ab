package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.eval.ScoreLog;
import io.dcganexplorer.eval.Scorer;
import io.dcganexplorer.eval.TrainingScorer;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The score chart's data: the run's sample-quality scores by step (from scores.csv and those
 * computed while it trains), what scoring is doing, and the {@link TrainingScorer} that scores
 * the generator every "Score every" steps. A part of {@link TrainingViewModel}; used on the UI
 * thread. The scorer works off the training and UI threads and reports through {@code ui}.
 */
final class TrainingScores {
    private final SettingsViewModel settings;
    private final Executor ui;
    private final Supplier<GanTrainer> trainer;
    private final BooleanSupplier active;
    /** Scores the current run's generator off the training and UI threads; null when off. */
    private TrainingScorer scorer;
    private final List<ScoreLog.Row> scores = new ArrayList<>();
    private final ReadOnlyLongWrapper scoreVersion = new ReadOnlyLongWrapper(this, "scoreVersion");
    private final ReadOnlyStringWrapper scoreStatus = new ReadOnlyStringWrapper(this, "scoreStatus", "");

    /**
     * @param trainer the current run's trainer; a scorer's reports about another are dropped
     * @param active whether that trainer is training, the only time a scorer is started
     */
    TrainingScores(SettingsViewModel settings, Executor ui, Supplier<GanTrainer> trainer, BooleanSupplier active) {
        this.settings = Objects.requireNonNull(settings);
        this.ui = Objects.requireNonNull(ui);
        this.trainer = Objects.requireNonNull(trainer);
        this.active = Objects.requireNonNull(active);
        // "Score every" may change while training runs.
        settings.scoreEvery.textProperty().addListener((obs, o, n) -> update());
    }

    // Properties

    List<ScoreLog.Row> scores() {
        return Collections.unmodifiableList(scores);
    }

    ReadOnlyLongProperty scoreVersionProperty() {
        return scoreVersion.getReadOnlyProperty();
    }

    ReadOnlyStringProperty scoreStatusProperty() {
        return scoreStatus.getReadOnlyProperty();
    }

    // Commands

    /** A new trainer started: the old one's scorer goes, and one for the new trainer starts if wanted. */
    void restart() {
        if (scorer != null) {
            scorer.close();
            scorer = null;
        }
        update();
    }

    /**
     * Starts scoring the current trainer when "Score every" is above 0, or passes a changed
     * interval to its scorer.
     */
    void update() {
        GanTrainer t = trainer.get();
        int every = settings.scoreEvery.isValid() ? settings.scoreEvery.value() : 0;
        if (scorer != null) {
            scorer.setEvery(every);
            return;
        }
        if (t == null || every <= 0 || !active.getAsBoolean()) {
            return;
        }
        try {
            RunDirectory run = t.run();
            TrainingScorer s = new TrainingScorer(run.root(), DatasetSpec.parse(run.options().dataset()), run.config(),
                    run.options().seed(), every, TrainingScorer.COUNT, Scorer.defaultCacheRoot(),
                    Scorer.Options.DEFAULT,
                    new TrainingScorer.Events() {
                        @Override
                        public void status(String text) {
                            ui.execute(() -> {
                                if (trainer.get() == t) {
                                    scoreStatus.set(text);
                                }
                            });
                        }

                        @Override
                        public void scored(ScoreLog.Row row) {
                            ui.execute(() -> {
                                if (trainer.get() == t) {
                                    add(row);
                                }
                            });
                        }

                        @Override
                        public void failed(String text) {
                            status(text);
                        }
                    });
            scorer = s;
            t.addListener(s);
        } catch (IllegalArgumentException e) {
            scoreStatus.set("scoring is off: " + e.getMessage());
        }
    }

    /** Adds or replaces the score of one step, keeping the list in step order. */
    void add(ScoreLog.Row row) {
        scores.removeIf(r -> r.step() == row.step());
        int i = 0;
        while (i < scores.size() && scores.get(i).step() < row.step()) {
            i++;
        }
        scores.add(i, row);
        scoreVersion.set(scoreVersion.get() + 1);
    }

    /** The scores of an opened run, in step order, in place of the current ones. */
    void load(List<ScoreLog.Row> rows) {
        scores.clear();
        scores.addAll(rows);
        scoreVersion.set(scoreVersion.get() + 1);
    }

    /** Forgets the run's scores and status. */
    void clear() {
        scores.clear();
        scoreStatus.set("");
        scoreVersion.set(scoreVersion.get() + 1);
    }
}
