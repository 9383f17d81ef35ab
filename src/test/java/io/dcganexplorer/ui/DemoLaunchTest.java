package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.TinyDemo;
import io.dcganexplorer.train.GanTrainer;
import io.dcganexplorer.train.RunDirectory;
import io.dcganexplorer.train.ShippedDemo;
import io.dcganexplorer.train.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first launch opens Explore on the shipped demo (a tiny packed one here); the toolbar offers it later. */
@ExtendWith(ApplicationExtension.class)
class DemoLaunchTest {
    private static final long WAIT_S = 60;

    private Path tmp;
    private Path runs;
    private TinyDemo demo;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        tmp = Files.createTempDirectory("dcgan-demo-ui-test");
        demo = TinyDemo.install(tmp);
        runs = Files.createDirectories(tmp.resolve("runs"));
        background = Fx.backgroundPool();
        view = DesktopApp.createView(TrainingViewModelTest.tiny(runs), background);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        GanTrainer t = fx(() -> view.training().trainer());
        if (t != null) {
            t.stop();
            t.await(60, TimeUnit.SECONDS);
        }
        background.shutdownNow();
        demo.close();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(condition));
    }

    private void waitForDemoFace() throws Exception {
        waitFor(() -> view.explore().current().currentImageProperty().get() != null
                && ShippedDemo.isExtractedPath(view.explore().generator().runDirectoryProperty().get()));
    }

    @Test
    void firstLaunchWithAnEmptyRunsFolderOpensExploreOnTheDemoAndShowsAFace(FxRobot r) throws Exception {
        assertTrue(DemoLaunch.noRunIn(runs));
        fx(() -> {
            DemoLaunch.openIfFirstLaunch(view, background);
            return null;
        });
        waitForDemoFace();
        assertEquals("exploreTab", fx(() -> r.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel()
                .getSelectedItem().getId()));
        assertTrue(fx(() -> r.lookup("#runDirLabel").queryAs(Label.class).getText()).contains("shipped demo"));
        assertTrue(fx(() -> r.lookup("#exploreRunLabel").queryAs(Label.class).getText()).startsWith(
                "the shipped demo, read-only"));
        assertEquals("Train from demo", fx(() -> r.lookup("#resumeButton").queryAs(Button.class).getText()));
        assertEquals(16, view.explore().current().currentImageProperty().get().width());

        // a run of the user's under the runs folder: that launch is no first one
        Files.createDirectories(runs.resolve("mine"));
        Files.writeString(runs.resolve("mine/config.json"), "{}");
        assertFalse(DemoLaunch.noRunIn(runs));
    }

    @Test
    void theToolbarOffersTheDemoAndTrainingFromItStartsANewRunOfTheUsers(FxRobot r) throws Exception {
        assertFalse(fx(() -> r.lookup("#openDemoButton").queryAs(Button.class).isDisabled()));
        r.clickOn("#openDemoButton");
        waitForDemoFace();
        Path demoDir = fx(() -> view.training().runDirectoryProperty().get());
        assertTrue(RunDirectory.isReadOnly(demoDir));

        fx(() -> {
            view.settings().steps.setText("2");
            return null;
        });
        r.clickOn("#trainTab");
        r.clickOn("#resumeButton");
        waitFor(() -> view.training().stateProperty().get() == TrainerState.FINISHED);
        Path mine = fx(() -> view.training().runDirectoryProperty().get());
        assertNotNull(mine);
        assertEquals(runs, mine.getParent(), "a new run under the runs folder");
        RunDirectory run = RunDirectory.open(mine);
        assertTrue(run.provenance().get("init_from").startsWith(ShippedDemo.NAME), run.provenance().toString());
        assertEquals(RunDirectory.open(demoDir).config(), run.config());
        assertTrue(run.latestCheckpoint().isPresent());
        assertFalse(Files.exists(demoDir.resolve(".lock")), "nothing was written into the demo");
    }
}
