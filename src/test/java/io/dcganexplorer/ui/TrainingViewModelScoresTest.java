package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ScoreLog;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scores in the training view-model, without a window. */
class TrainingViewModelScoresTest {
    @TempDir
    Path tmp;

    @Test
    void reopeningARunReadsItsScoresUpToItsCheckpoint() throws Exception {
        QueueHarness h = new QueueHarness();
        TrainingViewModel vm = new TrainingViewModel(TrainingViewModelTest.tiny(tmp), h.background, h.ui);
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        ScoreLog.append(dir, new ScoreLog.Row(2, 70, 1000, 4, 800, 0.9, 1.5, "cli:step-000002"));
        ScoreLog.append(dir, new ScoreLog.Row(1, 90, 1000, 4, 800, 0.9, 1.5, "cli:step-000001"));
        ScoreLog.append(dir, new ScoreLog.Row(2, 65, 1000, 4, 800, 0.9, 1.5, "cli:step-000002")); // scored again
        long before = vm.scoreVersionProperty().get();
        vm.openRun(dir);
        h.pumpUntil(() -> !vm.busyProperty().get() && vm.runDirectoryProperty().get() != null);
        assertTrue(vm.scoreVersionProperty().get() > before);
        assertEquals(List.of(1L, 2L), vm.scores().stream().map(ScoreLog.Row::step).toList());
        assertEquals(65, vm.scores().get(1).fd(), 1e-9, "the last row of a step counts");
    }

    @Test
    void withScoreEveryOnTheCurveGrowsWhileTrainingAndScoresCsvHoldsIt() throws Exception {
        String before = System.getProperty("dcgan.cache.dir");
        System.setProperty("dcgan.cache.dir", tmp.resolve("cache").toString()); // the classifier's cache
        try {
            QueueHarness h = new QueueHarness();
            SettingsViewModel s = TrainingViewModelTest.tiny(tmp.resolve("runs"));
            s.steps.setText("6");
            s.scoreEvery.setText("3");
            TrainingViewModel vm = new TrainingViewModel(s, h.background, h.ui);
            vm.train();
            h.pumpUntil(() -> vm.scores().size() == 2 && vm.scoreStatusProperty().get().startsWith("FD "));
            assertEquals(List.of(3L, 6L), vm.scores().stream().map(ScoreLog.Row::step).toList());
            assertEquals(2, ScoreLog.read(vm.runDirectoryProperty().get()).size());
            assertTrue(vm.scoreStatusProperty().get().startsWith("FD "), vm.scoreStatusProperty().get());
        } finally {
            if (before == null) {
                System.clearProperty("dcgan.cache.dir");
            } else {
                System.setProperty("dcgan.cache.dir", before);
            }
        }
    }

    @Test
    void scoreEveryIsASettingOffByDefault() {
        SettingsViewModel s = new SettingsViewModel();
        assertEquals("0", s.scoreEvery.getText());
        assertTrue(s.fields().contains(s.scoreEvery));
        s.scoreEvery.setText("-3");
        assertTrue(!s.scoreEvery.isValid() && !s.validProperty().get());
    }
}
