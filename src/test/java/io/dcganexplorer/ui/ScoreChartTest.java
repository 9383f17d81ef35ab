package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ScoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The score curve of a reopened run comes from its scores.csv (headless Monocle). */
@ExtendWith(ApplicationExtension.class)
class ScoreChartTest {
    private Path runs;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("dcgan-ui-test");
        background = Fx.backgroundPool();
        view = DesktopApp.createView(TrainingViewModelTest.tiny(runs), background);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void shutdown() {
        background.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(60, TimeUnit.SECONDS);
    }

    @Test
    void aReopenedRunShowsItsScoreCurveFromScoresCsv(FxRobot r) throws Exception {
        LineChart<?, ?> chart = r.lookup("#scoreChart").queryAs(LineChart.class);
        assertFalse(fx(chart::isVisible), "no score, no chart");

        Path dir = TinyRun.copyTo(runs.resolve("scored"));
        ScoreLog.append(dir, new ScoreLog.Row(1, 80, 1000, 5, 900, 0.9, 2, "cli:step-000001"));
        ScoreLog.append(dir, new ScoreLog.Row(2, 60, 1000, 5, 900, 0.9, 2, "cli:step-000002"));
        ScoreLog.append(dir, new ScoreLog.Row(3, 50, 1000, 5, 900, 0.9, 2, "training")); // after the checkpoint
        fx(() -> {
            view.training().openRun(dir);
            return null;
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> chart.getData().get(0).getData().size() == 2));
        assertTrue(fx(chart::isVisible));
        assertEquals(60.0, fx(() -> ((Number) chart.getData().get(0).getData().get(1).getYValue()).doubleValue()));
        assertEquals(2, fx(() -> chart.getData().get(1).getData().size()), "the floor beside it");
    }
}
