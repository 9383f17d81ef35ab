package io.dcganexplorer.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on a copy of the tiny fixture run (16x16x1, z of 8), for the Explore tab's TestFX
 * tests, and the FX-thread calls and waits they share.
 *
 * @param runs the temporary runs folder
 * @param run the fixture run inside it
 * @param view the window's content
 * @param background the window's background pool
 */
record ExploreWindow(Path runs, Path run, MainView view, ExecutorService background) {
    /** Shows the window, {@code width} x 800, on {@code stage}; its runs folder is named after {@code prefix}. */
    static ExploreWindow show(Stage stage, String prefix, double width) throws Exception {
        Path runs = Files.createTempDirectory(prefix);
        Path run = ExploreViewModelTest.copyFixture(runs.resolve("tiny"));
        ExecutorService background = Fx.backgroundPool();
        MainView view = DesktopApp.createView(TrainingViewModelTest.tiny(runs), background);
        stage.setScene(new Scene(view, width, 800));
        stage.show();
        return new ExploreWindow(runs, run, view, background);
    }

    /** Cancels a projection, closes the explorer on the FX thread and waits for the background pool. */
    void close() throws Exception {
        fx(() -> {
            view.projection().cancel();
            view.explore().close();
            return null;
        }, 30);
        background.shutdown();
        background.awaitTermination(20, TimeUnit.SECONDS);
    }

    /** {@code c} on the FX thread, waited for at most {@code seconds}. */
    static <T> T fx(Callable<T> c, long seconds) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(seconds, TimeUnit.SECONDS);
    }

    /** Waits at most {@code seconds} for {@code condition}, evaluated on the FX thread. */
    static void waitFor(Callable<Boolean> condition, long seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition, seconds));
    }
}
