package io.dcganexplorer.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToolBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Open PyTorch model…" in the window. The file chooser and the dialog cannot be driven headless,
 * so the flow behind them ({@link PytorchImportViewModel#importAndOpen}) is called as the dialog's
 * OK calls it, and the window is checked for the opened run or the error.
 */
@ExtendWith(ApplicationExtension.class)
class PytorchImportViewTest {
    private static final long WAIT_S = 60;
    private static final Path FIXTURES = Path.of("src/test/resources/pytorch");

    private Path runs;
    private MainView view;
    private ExecutorService background;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("dcgan-pytorch-ui-test");
        background = Fx.backgroundPool();
        view = DesktopApp.createView(TrainingViewModelTest.tiny(runs), background);
        stage.setScene(new Scene(view, 1280, 800));
        stage.show();
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void theButtonSitsBesideOpenRunAndImportingOpensTheNewRunInTheWindow(FxRobot r) throws Exception {
        Button open = r.lookup("#openRunButton").queryAs(Button.class);
        Button pytorch = r.lookup("#openPytorchButton").queryAs(Button.class);
        ToolBar bar = (ToolBar) open.getParent().getParent();
        int at = bar.getItems().indexOf(open);
        assertEquals(pytorch, bar.getItems().get(at + 1));
        assertFalse(pytorch.isDisabled());

        Path netG = FIXTURES.resolve("netG.pth");
        PytorchImportViewModel vm = view.pytorchImport();
        Path beside = PytorchImportViewModel.discriminatorBeside(netG);
        assertEquals(FIXTURES.resolve("netD.pth"), beside, "main.py's netD.pth is found beside netG.pth");
        Path target = fx(() -> vm.defaultRunDirectory(netG));
        assertEquals(runs.resolve("pytorch-netG"), target);

        CompletableFuture<Path> done = fx(() -> vm.importAndOpen(netG, beside, ZPrior.NORMAL, target));
        assertEquals(target, done.get(WAIT_S, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS,
                () -> fx(() -> target.equals(view.training().runDirectoryProperty().get())
                        && !view.training().busyProperty().get()));
        assertTrue(fx(() -> r.lookup("#runDirLabel").queryAs(Label.class).getText().contains("pytorch-netG")));
        assertEquals("64", fx(() -> view.settings().imageSize.getText()), "the settings show the imported run");
        assertEquals("4", fx(() -> view.settings().ngf.getText()));
        assertEquals(64, RunDirectory.open(target).config().imageSize());
        String message = fx(() -> view.training().messageProperty().get());
        assertTrue(message.contains("at step 0") && !message.contains("no checkpoint"), message);
        assertEquals(runs.resolve("pytorch-netG-2"), fx(() -> vm.defaultRunDirectory(netG)), "never the same folder");
        assertFalse(fx(() -> vm.busyProperty().get()));
    }

    @Test
    void aRefusedFileShowsItsReasonInTheErrorBannerAndMakesNoRun(FxRobot r) throws Exception {
        Path evil = FIXTURES.resolve("evil-system.pth");
        assertNull(PytorchImportViewModel.discriminatorBeside(evil));
        Path target = runs.resolve("evil");
        CompletableFuture<Path> done = fx(() -> view.pytorchImport().importAndOpen(evil, null, ZPrior.NORMAL,
                target));
        assertThrows(ExecutionException.class, () -> done.get(WAIT_S, TimeUnit.SECONDS));
        String error = fx(() -> r.lookup("#errorLabel").queryAs(Label.class).getText());
        assertTrue(error.contains("evil-system.pth") && error.contains("posix.system"), error);
        assertTrue(fx(() -> r.lookup("#errorBanner").queryAs(Node.class).isVisible()));
        assertFalse(Files.exists(target));
        assertNull(fx(() -> view.training().runDirectoryProperty().get()));
    }
}
