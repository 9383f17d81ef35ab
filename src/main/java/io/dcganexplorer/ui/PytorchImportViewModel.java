package io.dcganexplorer.ui;

import io.dcganexplorer.interop.PytorchImport;
import io.dcganexplorer.model.ZPrior;
import io.dcganexplorer.train.TrainingOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * "Open PyTorch model…": imports a generator (and discriminator) that pytorch/examples trained into
 * a new run folder ({@link PytorchImport}) on a background thread, then opens that run as
 * "Open run…" does. Asks only what the file cannot tell: the z prior and where the run goes (by
 * default a fresh folder under the runs folder). Failures go to the window's error banner. No
 * nodes here: the file choosers and the dialog are the view's.
 */
public final class PytorchImportViewModel {
    private final TrainingViewModel training;
    private final Executor background;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);

    /**
     * @param training where the imported run is opened and errors are shown
     * @param background where the files are read and the run written
     * @param ui the UI thread
     */
    public PytorchImportViewModel(TrainingViewModel training, Executor background, Executor ui) {
        this.training = Objects.requireNonNull(training);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
    }

    // Properties

    /** True while an import runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    // Commands

    /**
     * The discriminator saved beside {@code generator} by main.py ({@code netG.pth} -> {@code netD.pth},
     * {@code netG_epoch_24.pth} -> {@code netD_epoch_24.pth}), or null when there is none.
     */
    public static Path discriminatorBeside(Path generator) {
        String name = generator.getFileName().toString();
        if (!name.contains("netG")) {
            return null;
        }
        Path d = generator.resolveSibling(name.replaceFirst("netG", "netD"));
        return Files.isRegularFile(d) ? d : null;
    }

    /** A fresh folder under the runs folder named after the file: {@code pytorch-netG}, {@code pytorch-netG-2} ... */
    public Path defaultRunDirectory(Path generator) {
        String stem = generator.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path root = training.settings().runsRoot.isValid() ? training.settings().runsRoot.value()
                : Path.of(System.getProperty("user.home"));
        Path dir = root.resolve("pytorch-" + stem);
        for (int i = 2; Files.exists(dir); i++) {
            dir = root.resolve("pytorch-" + stem + "-" + i);
        }
        return dir;
    }

    /**
     * Imports on the background executor, then opens the run; called on the UI thread. The future
     * completes on the UI thread with the run folder once it has been handed to "Open run", or
     * exceptionally (the message also shown in the error banner).
     *
     * @param discriminator netD.pth, or null
     */
    public CompletableFuture<Path> importAndOpen(Path generator, Path discriminator, ZPrior prior, Path runDir) {
        busy.set(true);
        training.dismissError();
        TrainingOptions options = TrainingOptions.defaults().withBatchSize(64); // main.py's batch
        CompletableFuture<Path> done = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> {
            try {
                return PytorchImport.run(new PytorchImport.Request(generator, discriminator, runDir, prior, 0,
                        options));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, background).whenCompleteAsync((result, error) -> {
            busy.set(false);
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (cause instanceof UncheckedIOException u) {
                    cause = u.getCause();
                }
                training.reportError("could not open " + generator.getFileName() + " as a PyTorch model: "
                        + OpenGenerator.rootMessage(cause));
                done.completeExceptionally(cause);
            } else {
                training.openRun(result.runDir());
                done.complete(result.runDir());
            }
        }, ui);
        return done;
    }
}
