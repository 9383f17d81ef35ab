package io.dcganexplorer.ui;

import io.dcganexplorer.model.Numerics;
import io.dcganexplorer.train.OrderlyShutdown;
import io.dcganexplorer.train.TrainerState;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * The JavaFX application. Started by {@link io.dcganexplorer.Main} with no arguments or with
 * {@link DesktopOptions}. With {@code --screenshot FILE --train-steps N} it trains N steps, waits
 * until the window shows them, writes a snapshot of the scene to FILE and exits with code 0. With
 * {@code --train} it starts training as soon as it is up.
 *
 * <p>The way out is the same however it is taken (the window closed, SIGTERM at logout or from
 * {@code kill}, Ctrl-C): {@link OrderlyShutdown} stops the trainer after its current step and has
 * it write its checkpoint, closes the generator sessions' render threads and waits for the
 * background work, so no libtorch op runs while the JVM exits. SIGTERM then exits with code 0,
 * as the command line's {@code train} does.
 */
public final class DesktopApp extends Application {
    /** Environment variable through which the launcher passes its start time (epoch ms). */
    public static final String LAUNCH_MILLIS = "DCGAN_LAUNCH_MILLIS";

    private static final AtomicInteger EXIT_CODE = new AtomicInteger();
    /** How long the way out waits for background work (auto-exemplars finish their current batch). */
    private static final long BACKGROUND_WAIT_SECONDS = 60;

    private ExecutorService background;
    private MainView view;

    private static final java.util.concurrent.atomic.AtomicReference<CappedRestart> RESTART =
            new java.util.concurrent.atomic.AtomicReference<>();

    /**
     * The window closed so that the app can run again with oneDNN capped at the safe instruction
     * set: {@code args} open the run and train it, {@code why} says what the check found.
     */
    public record CappedRestart(String[] args, String why) {}

    /** Set when the user agreed to restart capped; the caller of {@link #launchAndWait} does it. */
    public static java.util.Optional<CappedRestart> requestedRestart() {
        return java.util.Optional.ofNullable(RESTART.get());
    }

    /** Runs the app and returns the process exit code once the window is closed. */
    public static int launchAndWait(String[] args) {
        try {
            DesktopOptions.parse(java.util.List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        Application.launch(DesktopApp.class, args);
        return EXIT_CODE.get();
    }

    /** The window's content and view-models, as the tests build it too. */
    public static MainView createView(SettingsViewModel settings, ExecutorService background) {
        DatasetViewModel data = new DatasetViewModel(settings, background);
        TrainingViewModel training = new TrainingViewModel(settings, background, Platform::runLater);
        return new MainView(settings, data, training, new ExploreViewModel(background, Platform::runLater),
                new EvaluateViewModel(background, Platform::runLater));
    }

    @Override
    public void start(Stage stage) {
        if (Boolean.getBoolean("dcgan.timing")) {
            System.err.println("timing: JavaFX started " + sinceJvmStart() + " ms after this JVM started");
        }
        DesktopOptions opts = DesktopOptions.parse(getParameters().getRaw());
        background = Fx.backgroundPool();
        SettingsViewModel settings = new SettingsViewModel();
        opts.applyTo(settings);
        view = createView(settings, background);
        timing("view built");
        MainView v = view;
        ExecutorService pool = background;
        // for the app's whole life: the JVM exits only once the window's background work has stopped
        OrderlyShutdown.register("the window's background work", () -> stopBackground(v, pool));
        // SIGTERM: once the trainer's checkpoint is written, JavaFX is ended in order and
        // launchAndWait returns the code (System.exit with the toolkit still pulsing races its renderer)
        OrderlyShutdown.exitOnTerm(code -> {
            EXIT_CODE.set(code);
            Platform.exit();
        });
        Scene scene = new Scene(view, 1280, 800);
        stage.setTitle("DCGAN Explorer");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> view.confirmClose(e, Platform::exit));
        if (Boolean.getBoolean("dcgan.timing")) {
            stage.setOnShown(e -> Platform.runLater(DesktopApp::reportStartup));
        }
        view.training().safeIsaRestartProperty().addListener((o, was, r) -> {
            if (r != null) {
                offerCappedRestart(stage, r);
            }
        });
        stage.show();
        timing("stage.show returned");
        view.data().discover();
        view.data().loadPreview();
        if (opts.runDir() != null && Files.isRegularFile(opts.runDir().resolve("config.json"))) {
            view.training().openRun(opts.runDir());
        }
        if (opts.demo()) {
            DemoLaunch.open(view, background, opts.screenshot(), code -> {
                EXIT_CODE.set(code);
                Platform.exit();
            });
        } else if (opts.runDir() == null && opts.screenshot() == null && !opts.train()) {
            DemoLaunch.openIfFirstLaunch(view, background);
        } else if (opts.screenshot() != null) {
            new ScreenshotRun(view, scene, opts).start();
        } else if (opts.train()) {
            new AutoTrain(view.training(), opts).start();
        }
    }

    /**
     * Asks whether to restart at the safe instruction set with the run open; on yes, closes the
     * window the way its close button does (training, if any, stops and saves first).
     */
    private void offerCappedRestart(Stage stage, TrainingViewModel.SafeIsaRestart r) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                r.why() + ".\n\nRestart DCGAN Explorer in safe mode (" + Numerics.ISA_VARIABLE + "="
                        + Numerics.SAFE_ISA + ") with this run open, and train it there?",
                javafx.scene.control.ButtonType.YES, javafx.scene.control.ButtonType.NO);
        a.setHeaderText("This machine computes these networks wrongly at full speed");
        a.initOwner(stage);
        a.showAndWait().filter(b -> b == javafx.scene.control.ButtonType.YES).ifPresent(b -> {
            RESTART.set(new CappedRestart(new String[] {"--run-dir", r.runDir().toString(), "--train"}, r.why()));
            Platform.exit();
        });
    }

    /**
     * The window has closed. The generator session's close and any auto-exemplar work are let
     * finish on the background threads (cancelled first), which {@link OrderlyShutdown} waits for
     * before the JVM exits; nothing here blocks the FX thread.
     */
    @Override
    public void stop() {
        if (view != null) {
            view.arithmetic().cancelAuto();
            view.explore().close();
        }
        if (background != null) {
            background.shutdown();
        }
    }

    /**
     * For {@link OrderlyShutdown}: cancel long background work, let queued clean-up run, and wait
     * (bounded) for the pool's threads, which may be running libtorch (discriminator features).
     */
    private static boolean stopBackground(MainView view, ExecutorService pool) throws InterruptedException {
        view.arithmetic().cancelAuto();
        view.evaluate().cancel();
        pool.shutdown();
        if (pool.awaitTermination(BACKGROUND_WAIT_SECONDS, TimeUnit.SECONDS)) {
            return true;
        }
        pool.shutdownNow();
        return pool.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static long sinceJvmStart() {
        return Duration.between(ProcessHandle.current().info().startInstant().orElse(Instant.now()), Instant.now())
                .toMillis();
    }

    private static void timing(String what) {
        if (Boolean.getBoolean("dcgan.timing")) {
            System.err.println("timing: " + what + " " + sinceJvmStart() + " ms after this JVM started");
        }
    }

    private static void reportStartup() {
        Instant now = Instant.now();
        Instant jvm = ProcessHandle.current().info().startInstant().orElse(now);
        String launcher = System.getenv(LAUNCH_MILLIS);
        StringBuilder sb = new StringBuilder("timing: window shown ")
                .append(Duration.between(jvm, now).toMillis()).append(" ms after this JVM started");
        if (launcher != null) {
            sb.append(", ").append(now.toEpochMilli() - Long.parseLong(launcher))
                    .append(" ms after the launcher process started");
        }
        System.err.println(sb);
        if (Boolean.getBoolean("dcgan.timing.exit")) {
            Platform.exit();
        }
    }

    /**
     * {@code --train}: once the window is idle (an opened {@code --run-dir} loaded), presses Train,
     * or Continue for an opened run. A refusal (e.g. the run is being trained by another process)
     * shows in the window's error banner like any other.
     */
    private static final class AutoTrain {
        private final TrainingViewModel vm;
        private final DesktopOptions opts;
        private boolean begun;

        AutoTrain(TrainingViewModel vm, DesktopOptions opts) {
            this.vm = vm;
            this.opts = opts;
        }

        void start() {
            if (!vm.busyProperty().get()) {
                begin();
                return;
            }
            vm.busyProperty().addListener(new InvalidationListener() {
                @Override
                public void invalidated(Observable o) {
                    if (!vm.busyProperty().get()) {
                        vm.busyProperty().removeListener(this);
                        begin();
                    }
                }
            });
        }

        private void begin() {
            if (begun) {
                return;
            }
            begun = true;
            if (vm.runDirectoryProperty().get() != null && vm.errorProperty().get().isEmpty()) {
                if (opts.trainSteps() > 0) {
                    vm.settings().steps.setText(Long.toString(opts.trainSteps()));
                }
                vm.resume();
            } else {
                vm.train(opts.runDir());
            }
        }
    }

    /** Trains, waits until the window shows the result, snapshots the scene and exits. */
    private static final class ScreenshotRun {
        private final MainView view;
        private final Scene scene;
        private final DesktopOptions opts;
        private final TrainingViewModel vm;
        private boolean paused;
        private boolean taken;

        ScreenshotRun(MainView view, Scene scene, DesktopOptions opts) {
            this.view = view;
            this.scene = scene;
            this.opts = opts;
            this.vm = view.training();
        }

        void start() {
            InvalidationListener check = this::check;
            vm.stateProperty().addListener(check);
            vm.stepProperty().addListener(check);
            vm.shownSampleStepProperty().addListener(check);
            vm.busyProperty().addListener(check);
            vm.errorProperty().addListener(check);
            if (!vm.busyProperty().get()) {
                begin();
            }
        }

        private boolean begun;

        private void begin() {
            begun = true;
            if (vm.runDirectoryProperty().get() != null) {
                vm.resume(); // an opened run: continue it
            } else {
                vm.train(opts.runDir());
            }
            if (!vm.activeProperty().get() && !vm.busyProperty().get()) {
                fail("could not start training: " + vm.errorProperty().get());
            }
        }

        private void check(Observable o) {
            if (taken) {
                return;
            }
            if (!begun) {
                if (!vm.busyProperty().get()) {
                    begin();
                }
                return;
            }
            TrainerState s = vm.stateProperty().get();
            if (s == TrainerState.FAILED || !vm.busyProperty().get() && !vm.activeProperty().get()
                    && !vm.errorProperty().get().isEmpty()) {
                fail(vm.errorProperty().get());
                return;
            }
            if (opts.pause()) {
                if (!paused && s == TrainerState.RUNNING && vm.stepProperty().get() >= opts.trainSteps()) {
                    paused = true;
                    vm.pause();
                } else if (paused && s == TrainerState.PAUSED) {
                    int n = vm.sampleSteps().size();
                    int want = Math.max(0, n / 2);
                    if (vm.selectedSampleProperty().get() != want) {
                        vm.selectSample(want);
                    } else if (vm.shownSampleStepProperty().get() == vm.sampleSteps().get(want)) {
                        snapshot();
                    }
                }
            } else if (s == TrainerState.FINISHED && vm.stepProperty().get() >= opts.trainSteps()
                    && vm.shownSampleProperty().get() != null) {
                snapshot();
            }
        }

        private void snapshot() {
            taken = true;
            // Let this pulse finish (slider, labels), then draw the charts and take the picture.
            Platform.runLater(() -> {
                view.redrawCharts();
                view.applyCss();
                view.layout();
                WritableImage img = scene.snapshot(null);
                BufferedImage out = SwingFXUtils.fromFXImage(img, null);
                try {
                    Path file = opts.screenshot().toAbsolutePath();
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                    if (!ImageIO.write(out, "png", file.toFile())) {
                        throw new IOException("no PNG writer");
                    }
                    System.err.println("screenshot: " + file + " at step " + vm.stepProperty().get() + ", run "
                            + vm.runDirectoryProperty().get());
                    exit(0, vm);
                } catch (IOException e) {
                    System.err.println("error: could not write " + opts.screenshot() + ": " + e.getMessage());
                    exit(1, vm);
                }
            });
        }

        private void fail(String why) {
            taken = true;
            System.err.println("error: " + why);
            exit(1, vm);
        }

        private static void exit(int code, TrainingViewModel vm) {
            EXIT_CODE.set(code);
            vm.stopThen(Platform::exit);
        }
    }
}
