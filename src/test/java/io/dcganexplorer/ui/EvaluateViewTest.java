package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyRun;
import io.dcganexplorer.eval.ProbeFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Evaluate tab driven as a user would (headless Monocle): the probe runs on the committed tiny
 * run against a 3-class IDX fixture and fills the table; a long probe is cancelled from its button
 * and the tab says so, with nothing shown as a result.
 */
@ExtendWith(ApplicationExtension.class)
class EvaluateViewTest {
    private static final long WAIT_S = 120;

    private MainView view;
    private ExecutorService background;
    private Path idx;

    @Start
    void start(Stage stage) throws Exception {
        Path tmp = Files.createTempDirectory("dcgan-eval-ui");
        Path run = TinyRun.copyTo(tmp.resolve("run"));
        idx = ProbeFixture.write(tmp.resolve("idx"), 60, 30, 7);
        background = Fx.backgroundPool();
        view = DesktopApp.createView(TrainingViewModelTest.tiny(tmp.resolve("runs")), background);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
        view.training().openRun(run);
    }

    @AfterEach
    void stop() throws Exception {
        fx(() -> {
            view.evaluate().cancel();
            return null;
        });
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(() -> !view.evaluate().runningProperty().get()));
        background.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
    }

    private void fill(FxRobot r, String labels, String draws, boolean supervised) throws Exception {
        r.clickOn("#evaluateTab");
        waitFor(() -> view.evaluate().runDirectoryProperty().get() != null);
        for (String[] f : new String[][] {{"#evalDatasetField", "mnist:" + idx}, {"#evalLabelsField", labels},
            {"#evalDrawsField", draws}}) {
            TextField t = r.lookup(f[0]).queryAs(TextField.class);
            r.clickOn(t);
            fx(() -> {
                t.setText(f[1]);
                return null;
            });
        }
        CheckBox box = r.lookup("#evalSupervisedBox").queryAs(CheckBox.class);
        if (box.isSelected() != supervised) {
            r.clickOn(box);
        }
    }

    @Test
    void runFillsTheTableWithTestErrorsBelowChance(FxRobot r) throws Exception {
        fill(r, "30", "2", false);
        Button run = r.lookup("#evalRunButton").queryAs(Button.class);
        assertFalse(run.isDisabled(), "Run is enabled once a run is open and a dataset is given");
        r.clickOn(run);
        // The tiny probe may be over before a poll sees it running: wait for its outcome instead.
        waitFor(() -> !view.evaluate().statusProperty().get().isEmpty()
                || !view.evaluate().errorProperty().get().isEmpty());
        assertEquals("", fx(() -> view.evaluate().errorProperty().get()));
        assertFalse(fx(() -> view.evaluate().runningProperty().get()));
        TableView<?> table = r.lookup("#evalTable").queryAs(TableView.class);
        assertEquals(1, fx(() -> table.getItems().size()));
        EvaluateViewModel.Row row = fx(() -> view.evaluate().rows().get(0));
        assertEquals("30", row.labels());
        // Chance is 66.7 % error on 3 balanced classes; both SVM columns must do far better.
        for (String cell : new String[] {row.dFeatures(), row.rawPixels()}) {
            double err = Double.parseDouble(cell.substring(0, cell.indexOf(' ')));
            assertTrue(err < 33, "test error " + cell);
            assertTrue(cell.contains("(2 draws)"), cell);
        }
        assertEquals("-", row.supervised(), "supervised was not asked for");
        assertTrue(r.lookup("#evalStatusLabel").queryAs(Label.class).getText().startsWith("done in"));
    }

    @Test
    void cancelStopsALongProbeAndShowsNoTable(FxRobot r) throws Exception {
        fill(r, "30,60", "500", true);
        r.clickOn("#evalRunButton");
        // Wait until the probe is well under way (past its first phase), then cancel from the button.
        waitFor(() -> view.evaluate().progressProperty().get() > 0
                && view.evaluate().phaseProperty().get().startsWith("["));
        Button cancel = r.lookup("#evalCancelButton").queryAs(Button.class);
        assertFalse(cancel.isDisabled());
        r.clickOn(cancel);
        waitFor(() -> !view.evaluate().runningProperty().get());
        assertEquals("cancelled", fx(() -> view.evaluate().statusProperty().get()));
        assertEquals(0, fx(() -> view.evaluate().rows().size()));
        assertEquals("", fx(() -> view.evaluate().errorProperty().get()));
        assertTrue(fx(cancel::isDisabled), "Cancel is off once stopped");
        assertFalse(fx(() -> r.lookup("#evalRunButton").queryAs(Button.class).isDisabled()), "Run is on again");
    }
}
