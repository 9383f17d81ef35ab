package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.train.ShippedDemo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javax.imageio.ImageIO;

/**
 * The window's way to the demo: the first launch with no run of the user's (no {@code --run-dir},
 * no run folder under the runs folder) opens the Explore tab on the shipped demo; {@code --demo}
 * does it always. Once the first face shows it logs how long that took after the JVM started
 * ({@code timing: first demo face ...}), and with {@code --screenshot FILE} it snapshots the window
 * and exits.
 */
final class DemoLaunch {
    private DemoLaunch() {}

    /** True when {@code runsRoot} holds no run (no folder with a config.json directly under it). */
    static boolean noRunIn(Path runsRoot) {
        if (runsRoot == null || !Files.isDirectory(runsRoot)) {
            return true;
        }
        try (Stream<Path> s = Files.list(runsRoot)) {
            return s.noneMatch(p -> Files.isRegularFile(p.resolve("config.json")));
        } catch (IOException e) {
            return true; // an unreadable folder holds nothing the window could open
        }
    }

    /**
     * On a first launch, checks the runs folder on {@code background} and opens the demo if it holds
     * no run and nothing else was opened meanwhile.
     */
    static void openIfFirstLaunch(MainView view, Executor background) {
        if (!ShippedDemo.available()) {
            return;
        }
        Path root = view.settings().runsRoot.isValid() ? view.settings().runsRoot.value() : null;
        background.execute(() -> {
            if (noRunIn(root)) {
                Platform.runLater(() -> {
                    if (view.training().runDirectoryProperty().get() == null && !view.training().busyProperty().get()) {
                        open(view, background, null, null);
                    }
                });
            }
        });
    }

    /**
     * Opens the demo in the Explore tab; when its first face shows, logs the time and, with a
     * {@code screenshot}, writes it and calls {@code exit} (1 if the demo cannot be opened).
     */
    static void open(MainView view, Executor background, Path screenshot, IntConsumer exit) {
        long start = System.nanoTime();
        // libtorch loads while the run is read and the Explore tab is built, not after
        Integer threads = view.settings().threads.isValid() ? view.settings().threads.value() : 0;
        background.execute(() -> {
            io.dcganexplorer.model.Engines.configure(threads);
            io.dcganexplorer.model.Engines.get();
        });
        var face = view.explore().current().currentImageProperty();
        ChangeListener<Pixels> shown = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Pixels> o, Pixels was, Pixels now) {
                if (now == null || !ShippedDemo.isExtractedPath(view.explore().generator().runDirectoryProperty()
                        .get())) {
                    return;
                }
                face.removeListener(this);
                System.err.println("timing: first demo face shown " + sinceJvmStart() + " ms after this JVM started ("
                        + (System.nanoTime() - start) / 1_000_000 + " ms after the demo was asked for)");
                if (screenshot != null) {
                    Platform.runLater(() -> snapshot(view.getScene(), screenshot, exit));
                }
            }
        };
        face.addListener(shown);
        if (Boolean.getBoolean("dcgan.timing")) {
            // where the time goes: the run opened (extracted if needed), the checkpoint loaded, the face rendered
            view.training().runDirectoryProperty().addListener((o, was, now) -> System.err.println("timing: demo run "
                    + "opened " + (System.nanoTime() - start) / 1_000_000 + " ms after the demo was asked for"));
            view.explore().generator().checkpointProperty().addListener((o, was, now) -> System.err.println(
                    "timing: demo checkpoint loaded " + (System.nanoTime() - start) / 1_000_000 + " ms after the demo "
                            + "was asked for"));
        }
        if (exit != null) {
            view.training().errorProperty().addListener((o, was, now) -> {
                if (!now.isEmpty()) {
                    System.err.println("error: " + now);
                    exit.accept(1);
                }
            });
        }
        view.openDemo();
    }

    private static void snapshot(Scene scene, Path file, IntConsumer exit) {
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        BufferedImage out = SwingFXUtils.fromFXImage(scene.snapshot(null), null);
        try {
            Path f = file.toAbsolutePath();
            if (f.getParent() != null) {
                Files.createDirectories(f.getParent());
            }
            if (!ImageIO.write(out, "png", f.toFile())) {
                throw new IOException("no PNG writer");
            }
            System.err.println("screenshot: " + f + " of the shipped demo");
            exit.accept(0);
        } catch (IOException e) {
            System.err.println("error: could not write " + file + ": " + e.getMessage());
            exit.accept(1);
        }
    }

    private static long sinceJvmStart() {
        return Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now())
                .toMillis();
    }
}
