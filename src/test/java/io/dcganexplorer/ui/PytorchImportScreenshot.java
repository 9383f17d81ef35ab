package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.image.PngFiles;
import io.dcganexplorer.model.ZPrior;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The screenshot of docs/experiments/pytorch-interop.md: a netG.pth (with the netD.pth beside it)
 * opened through "Open PyTorch model…"'s flow, the Train tab showing the imported run. Opt-in:
 * {@code mvn -o test -Dtest=PytorchImportScreenshot -Ddcgan.screenshot.pytorch=DIR/netG.pth
 * -Ddcgan.screenshot.dir=assets/screenshots}. Asserts nothing beyond the flow completing.
 */
@EnabledIfSystemProperty(named = "dcgan.screenshot.pytorch", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class PytorchImportScreenshot {
    private static final long WAIT_S = 300;

    private MainView view;
    private Scene scene;
    private ExecutorService background;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        runs = Files.createTempDirectory("dcgan-pytorch-shot");
        background = Fx.backgroundPool();
        SettingsViewModel s = new SettingsViewModel();
        s.runsRoot.setText(runs.toString());
        view = DesktopApp.createView(s, background);
        scene = new Scene(view, 1280, 800);
        stage.setScene(scene);
        stage.show();
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void openPytorchModel(FxRobot r) throws Exception {
        Path netG = Path.of(System.getProperty("dcgan.screenshot.pytorch"));
        PytorchImportViewModel vm = view.pytorchImport();
        Path dir = fx(() -> vm.defaultRunDirectory(netG));
        fx(() -> vm.importAndOpen(netG, PytorchImportViewModel.discriminatorBeside(netG), ZPrior.NORMAL, dir))
                .get(WAIT_S, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(WAIT_S, TimeUnit.SECONDS, () -> fx(() -> !view.training().busyProperty().get()
                && r.lookup("#sampleView").queryAs(ImageView.class).getImage() != null));
        WaitForAsyncUtils.waitForFxEvents();
        Path out = Path.of(System.getProperty("dcgan.screenshot.dir", "target")).resolve("pytorch-import.png");
        BufferedImage img = fx(() -> SwingFXUtils.fromFXImage(scene.snapshot(null), null));
        int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        PngFiles.write(new Pixels(img.getWidth(), img.getHeight(), argb), out);
        System.out.println("screenshot: " + out.toAbsolutePath());
    }
}
