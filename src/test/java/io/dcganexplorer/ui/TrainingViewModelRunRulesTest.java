package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.TrainerState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's side of the trainer's rules, without JavaFX: a run that another trainer holds is
 * refused in the error banner (the window stays usable), and a dataset smaller than a batch says
 * so in the status line.
 */
class TrainingViewModelRunRulesTest {
    @TempDir
    Path tmp;

    private final QueueHarness h = new QueueHarness();

    @Test
    void continuingARunThatIsTrainedElsewhereShowsWhoTrainsItAndWorksOnceItIsFree() throws Exception {
        Path dir = TinyRun.copyTo(tmp.resolve("run"));
        GanTrainer other = GanTrainer.resume(dir, o -> o,
                (spec, size, ch, seed) -> DatasetSpec.parse(spec).open(size, ch, seed));
        TrainingViewModel vm = new TrainingViewModel(TrainingViewModelTest.tiny(tmp), h.background, h.ui);
        vm.openRun(dir);
        h.pumpUntil(() -> !vm.busyProperty().get());
        vm.settings().steps.setText("3");
        assertTrue(vm.canResumeProperty().get());
        vm.resume();
        h.pumpUntil(() -> !vm.busyProperty().get() && !vm.errorProperty().get().isEmpty());
        String error = vm.errorProperty().get();
        assertTrue(error.startsWith("could not continue " + dir), error);
        assertTrue(error.contains("in use") && error.contains("PID " + ProcessHandle.current().pid()), error);
        assertEquals(TrainerState.NEW, vm.stateProperty().get());
        assertTrue(vm.canResumeProperty().get(), "the window stays usable");

        other.close();
        vm.resume();
        h.pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED);
        assertEquals(3, vm.stepProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aDatasetSmallerThanTheBatchSaysSoInTheStatusLine() throws Exception {
        SettingsViewModel s = TrainingViewModelTest.tiny(tmp);
        s.dataset.setText("faces:20");
        s.batch.setText("128");
        s.steps.setText("2");
        s.sampleEvery.setText("0");
        TrainingViewModel vm = new TrainingViewModel(s, h.background, h.ui);
        List<String> said = new CopyOnWriteArrayList<>();
        vm.messageProperty().addListener((o, was, now) -> said.add(now));
        vm.train(tmp.resolve("small"));
        h.pumpUntil(() -> vm.stateProperty().get() == TrainerState.FINISHED);
        String warning = "warning: the dataset faces (procedural, 20 images, seed 1) has 20 images, fewer than the "
                + "batch of 128: training with batches of 20";
        assertTrue(said.stream().anyMatch(m -> m.startsWith(warning)), said.toString());
        assertEquals(20, vm.trainer().run().options().batchSize());
        assertEquals("finished 2 steps", vm.messageProperty().get());
    }
}
