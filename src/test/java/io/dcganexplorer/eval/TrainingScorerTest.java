package io.dcganexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring while a real (tiny) run trains: snapshots every K steps, scored off the training thread. */
class TrainingScorerTest {
    @TempDir
    Path tmp;

    @Test
    void everyKStepsASnapshotIsScoredOnTheScoringThreadAndAppendedToScoresCsv() throws Exception {
        DcganConfig cfg = new DcganConfig(16, 3, 16, 8, 8, KernelPreset.K4, ZPrior.NORMAL);
        TrainingOptions opt = TrainingOptions.defaults().withDataset("faces:300").withBatchSize(8).withMaxSteps(6)
                .withIntervals(0, 0).withSampleCount(4);
        Path dir = tmp.resolve("run");
        GanTrainer t = GanTrainer.create(dir, cfg, opt, (spec, size, ch, seed) -> DatasetSpec.parse(spec).open(size,
                ch, seed));
        List<ScoreLog.Row> scored = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        TrainingScorer scorer = new TrainingScorer(dir, DatasetSpec.faces(300), cfg, opt.seed(), 3, 50,
                tmp.resolve("cache"), new Scorer.Options(1, 10_000), new TrainingScorer.Events() {
                    @Override
                    public void status(String text) {}

                    @Override
                    public void scored(ScoreLog.Row row) {
                        threads.add(Thread.currentThread().getName());
                        scored.add(row);
                    }

                    @Override
                    public void failed(String message) {
                        failures.add(message);
                    }
                });
        t.addListener(scorer);
        t.start();
        assertTrue(t.await(120, TimeUnit.SECONDS));
        assertTrue(scorer.awaitClosed(120_000), "the scorer ends after the run");
        assertEquals(List.of(), failures);
        assertEquals(List.of(3L, 6L), scored.stream().map(ScoreLog.Row::step).toList());
        assertEquals(List.of("dcgan-score", "dcgan-score"), threads);
        List<ScoreLog.Row> rows = ScoreLog.read(dir);
        assertEquals(2, rows.size());
        assertTrue(rows.get(0).fd() > 0 && rows.get(0).ceiling() > rows.get(0).floor(), rows.toString());
        assertEquals("training", rows.get(1).source());
    }
}
