package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.StepMetrics;
import io.dcganexplorer.train.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The window, driven like a user would, on the tiny 16x16 faces model (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {
    private static final long WAIT_S = 60;

    private Path runs;
    private MainView view;
    private ExecutorService background;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("dcgan-ui-test");
        background = Fx.backgroundPool();
        SettingsViewModel s = TrainingViewModelTest.tiny(runs);
        view = DesktopApp.createView(s, background);
        this.stage = stage;
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void stopTraining() throws Exception {
        GanTrainer t = fx(() -> view.training().trainer());
        if (t != null) {
            t.stop();
            t.await(60, TimeUnit.SECONDS);
        }
        background.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
    }

    private TrainingViewModel vm() {
        return view.training();
    }

    private static int points(FxRobot r, String chart) {
        LineChart<?, ?> c = r.lookup(chart).queryAs(LineChart.class);
        return c.getData().get(0).getData().size();
    }

    private static long stepShown(FxRobot r) {
        String text = r.lookup("#stepLabel").queryAs(Label.class).getText(); // "step 12" or "step 12 / 40"
        return Long.parseLong(text.split(" ")[1]);
    }

    @Test
    void trainShowsChartsAndGridsPauseHoldsTheStepResumeContinuesStopLeavesACheckpoint(FxRobot r)
            throws Exception {
        r.clickOn("#trainButton");
        waitFor(() -> stepShown(r) >= 4 && points(r, "#lossChart") >= 2 && points(r, "#probChart") >= 2
                && r.lookup("#sampleView").queryAs(ImageView.class).getImage() != null);
        int pointsBefore = fx(() -> points(r, "#lossChart"));
        long gridsBefore = fx(() -> (long) vm().sampleSteps().size());
        waitFor(() -> points(r, "#lossChart") > pointsBefore && vm().sampleSteps().size() > gridsBefore);

        r.clickOn("#pauseButton");
        waitFor(() -> r.lookup("#stateLabel").queryAs(Label.class).getText().equals("PAUSED"));
        long pausedStep = fx(() -> stepShown(r));
        assertEquals(vm().trainer().step(), pausedStep, "the window shows the step the trainer paused at");
        assertTrue(fx(() -> !r.lookup("#resumeButton").queryAs(Button.class).isDisabled()));
        assertTrue(fx(() -> r.lookup("#pauseButton").queryAs(Button.class).isDisabled()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(pausedStep, vm().trainer().step(), "a paused trainer does not step");
        assertEquals(pausedStep, fx(() -> stepShown(r)));

        r.clickOn("#resumeButton");
        waitFor(() -> stepShown(r) > pausedStep);

        r.clickOn("#stopButton");
        waitFor(() -> vm().stateProperty().get() == TrainerState.FINISHED);
        long stopped = vm().trainer().step();
        assertEquals(stopped, fx(() -> stepShown(r)));
        Path dir = vm().trainer().run().root();
        Path cp = RunDirectory.open(dir).latestCheckpoint().orElseThrow();
        assertEquals(String.format("step-%06d", stopped), cp.getFileName().toString());
        assertTrue(fx(() -> !r.lookup("#trainButton").queryAs(Button.class).isDisabled()));
    }

    @Test
    void invalidImageSizeIsRefusedAtTheFieldAndABadFolderIsReportedThenGoodDataTrains(FxRobot r)
            throws Exception {
        r.doubleClickOn("#imageSizeField").push(KeyCode.CONTROL, KeyCode.A).write("48");
        waitFor(() -> r.lookup("#imageSizeField").queryAs(TextField.class).getText().equals("48"));
        Label reason = r.lookup("#imageSizeError").queryAs(Label.class);
        assertTrue(fx(reason::isVisible));
        assertEquals("Image size must be a power of two from 16 to 128", fx(reason::getText));
        assertTrue(fx(() -> r.lookup("#imageSizeField").queryAs(TextField.class).getStyle().contains("border")));
        assertTrue(fx(() -> r.lookup("#trainButton").queryAs(Button.class).isDisabled()));

        r.doubleClickOn("#imageSizeField").push(KeyCode.CONTROL, KeyCode.A).write("16");
        waitFor(() -> !r.lookup("#trainButton").queryAs(Button.class).isDisabled());
        assertFalse(fx(reason::isVisible));

        Path empty = Files.createTempDirectory("dcgan-empty");
        TextField ds = r.lookup("#datasetField").queryAs(TextField.class);
        fx(() -> {
            ds.setText("folder:" + empty);
            return null;
        });
        waitFor(() -> r.lookup("#previewError").queryAs(Label.class).getText().contains(empty.toString()));
        r.clickOn("#trainButton");
        waitFor(() -> vm().stateProperty().get() == TrainerState.FAILED);
        String error = fx(() -> r.lookup("#errorLabel").queryAs(Label.class).getText());
        assertTrue(error.contains(empty.toString()), error);
        assertTrue(fx(() -> r.lookup("#errorLabel").queryAs(Label.class).isVisible()));

        fx(() -> {
            ds.setText("faces:256");
            return null;
        });
        r.clickOn("#trainButton");
        waitFor(() -> stepShown(r) >= 2 && vm().stateProperty().get() == TrainerState.RUNNING);
        assertEquals("", fx(() -> r.lookup("#errorLabel").queryAs(Label.class).getText()));
    }

    @Test
    void closingWhileTrainingAsksThenStopsWithACheckpointBeforeExiting(FxRobot r) throws Exception {
        AtomicBoolean exited = new AtomicBoolean();
        fx(() -> {
            stage.setOnCloseRequest(e -> view.confirmClose(e, () -> exited.set(true)));
            return null;
        });
        r.clickOn("#trainButton");
        waitFor(() -> stepShown(r) >= 2);
        javafx.application.Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage,
                WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitFor(() -> r.lookup("Stop and quit").tryQuery().isPresent());
        assertFalse(exited.get(), "nothing happens before the user answers");
        r.clickOn("Stop and quit");
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, exited::get);
        GanTrainer t = vm().trainer();
        assertEquals(TrainerState.FINISHED, t.state(), "exit comes after the trainer has ended");
        assertEquals(t.step(), RunDirectory.open(t.run().root()).latestCheckpoint()
                .map(p -> Long.parseLong(p.getFileName().toString().substring(5))).orElse(-1L));
    }

    @Test
    void reopeningARunRestoresItsChartsFromMetricsCsvAndContinuesAtTheNextStep(FxRobot r) throws Exception {
        Path dir = runs.resolve("earlier");
        GanTrainer t = GanTrainer.create(dir, fx(() -> vm().settings().config()),
                fx(() -> vm().settings().options()).withMaxSteps(12), (spec, size, ch, seed) ->
                        io.dcganexplorer.data.DatasetSpec.parse(spec).open(size, ch, seed));
        t.start();
        assertTrue(t.await(120, TimeUnit.SECONDS));
        assertEquals(TrainerState.FINISHED, t.state(), t.message());
        List<StepMetrics> rows = RunDirectory.open(dir).readMetrics();
        assertEquals(12, rows.size());

        fx(() -> {
            vm().openRun(dir);
            return null;
        });
        waitFor(() -> points(r, "#lossChart") == rows.size() && stepShown(r) == 12);
        assertEquals(rows.size(), fx(() -> points(r, "#probChart")));
        assertEquals(6, fx(() -> vm().sampleSteps().size()), "grids of steps 2, 4, ... 12");
        waitFor(() -> r.lookup("#sampleView").queryAs(ImageView.class).getImage() != null);
        // the used-up budget of 12 is cleared: continuing trains on until stopped
        assertEquals("0", fx(() -> vm().settings().steps.getText()));

        fx(() -> {
            vm().settings().steps.setText("15");
            return null;
        });
        r.clickOn("#resumeButton");
        waitFor(() -> vm().stateProperty().get() == TrainerState.FINISHED && stepShown(r) == 15);
        List<StepMetrics> after = RunDirectory.open(dir).readMetrics();
        assertEquals(15, after.size());
        assertEquals(13, after.get(12).step(), "continued at the next step");
        waitFor(() -> points(r, "#lossChart") == 15); // charts redraw a moment after the data arrives
    }
}
