package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetCatalog;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.data.ImageDataset;
import io.dcganexplorer.image.ImageGrids;
import io.dcganexplorer.image.Pixels;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Task;

/**
 * The data half of the settings: the datasets found on this machine, and a preview (count, size
 * and 16 real images) of the chosen one, loaded by a {@link Task} on a background thread. The
 * dataset opened for the preview is closed as soon as its images are read. No Node.
 */
public final class DatasetViewModel {
    /** Real images in the preview grid. */
    public static final int PREVIEW_IMAGES = 16;

    private final SettingsViewModel settings;
    private final Executor background;
    private Task<Preview> running;

    /** What a preview shows. */
    public record Preview(String info, Pixels grid, String warnings) {}

    // Properties
    private final ObservableList<DatasetCatalog.Entry> entries = FXCollections.observableArrayList(
            new DatasetCatalog.Entry(DatasetSpec.FACES, "faces: built-in procedural cartoon faces"));
    private final ReadOnlyObjectWrapper<Pixels> previewGrid = new ReadOnlyObjectWrapper<>(this, "previewGrid");
    private final ReadOnlyStringWrapper info = new ReadOnlyStringWrapper(this, "info", "");
    private final ReadOnlyStringWrapper previewError = new ReadOnlyStringWrapper(this, "previewError", "");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");

    public DatasetViewModel(SettingsViewModel settings, Executor background) {
        this.settings = Objects.requireNonNull(settings);
        this.background = Objects.requireNonNull(background);
    }

    // Properties

    /** Datasets offered in the chooser; the built-in faces first. */
    public ObservableList<DatasetCatalog.Entry> entries() {
        return entries;
    }

    public ReadOnlyObjectProperty<Pixels> previewGridProperty() {
        return previewGrid.getReadOnlyProperty();
    }

    /** "20000 images, 64x64x3: faces (procedural ...)". */
    public ReadOnlyStringProperty infoProperty() {
        return info.getReadOnlyProperty();
    }

    /** Why the chosen dataset cannot be read; empty when it can. */
    public ReadOnlyStringProperty previewErrorProperty() {
        return previewError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    // Commands

    /** Looks for datasets on this machine, off the UI thread (file-system scans). */
    public void discover() {
        Task<List<DatasetCatalog.Entry>> t = new Task<>() {
            @Override
            protected List<DatasetCatalog.Entry> call() {
                return DatasetCatalog.discover();
            }
        };
        t.setOnSucceeded(e -> entries.setAll(t.getValue()));
        t.setOnFailed(e -> { }); // no list: the built-in faces and the file buttons remain
        background.execute(t);
    }

    /** The listed entry for the dataset in the settings, if it is listed. */
    public DatasetCatalog.Entry selectedEntry() {
        if (!settings.dataset.isValid()) {
            return null;
        }
        DatasetSpec spec = settings.dataset.value();
        return entries.stream().filter(e -> e.spec().equals(spec)).findFirst().orElse(null);
    }

    /** Chooses a dataset by spec (the chooser, the file dialogs). */
    public void choose(DatasetSpec spec) {
        settings.dataset.setText(spec.toString());
    }

    /** Guesses the spec for a chosen IDX file or folder: Fashion-MNIST when "fashion" is in the path. */
    public static DatasetSpec idxSpec(Path fileOrFolder) {
        boolean fashion = fileOrFolder.toAbsolutePath().toString().toLowerCase(Locale.ROOT).contains("fashion");
        return DatasetSpec.of(fashion ? "fashion" : "mnist", fileOrFolder);
    }

    /** Reads the preview of the dataset, size and channels in the settings; stale loads are cancelled. */
    public void loadPreview() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        if (!settings.dataset.isValid()) {
            previewGrid.set(null);
            info.set("");
            previewError.set("");
            return;
        }
        DatasetSpec spec = settings.dataset.value();
        int size = settings.imageSize.isValid() ? settings.imageSize.value() : 64;
        int channels = settings.channels.isValid() ? settings.channels.value() : 3;
        long seed = settings.seed.isValid() ? settings.seed.value() : 1;
        Task<Preview> t = new Task<>() {
            @Override
            protected Preview call() throws Exception {
                try (ImageDataset data = spec.open(size, channels, seed)) {
                    int n = Math.min(PREVIEW_IMAGES, data.size());
                    if (n == 0) {
                        throw new IllegalStateException(spec + ": the dataset holds no usable images");
                    }
                    int per = channels * size * size;
                    float[] chw = new float[n * per];
                    for (int i = 0; i < n && !isCancelled(); i++) {
                        data.read(i, chw, i * per);
                    }
                    Pixels grid = ImageGrids.grid(chw, n, channels, size, ImageGrids.squareColumns(n), 2);
                    String text = data.size() + " images, " + data.imageSize() + "x" + data.imageSize() + "x"
                            + data.channels() + ": " + data.description();
                    String warn = data.report().skipped() > 0
                            ? data.report().skipped() + " unreadable file(s) skipped" : "";
                    return new Preview(text, grid, warn);
                }
            }
        };
        t.setOnSucceeded(e -> {
            if (running == t) {
                Preview p = t.getValue();
                previewGrid.set(p.grid());
                info.set(p.warnings().isEmpty() ? p.info() : p.info() + " (" + p.warnings() + ")");
                previewError.set("");
                loading.set(false);
            }
        });
        t.setOnFailed(e -> {
            if (running == t) {
                Throwable x = t.getException();
                previewGrid.set(null);
                info.set("");
                previewError.set("cannot read dataset " + spec + ": "
                        + (x.getMessage() != null ? x.getMessage() : x.toString()));
                loading.set(false);
            }
        });
        running = t;
        loading.set(true);
        background.execute(t);
    }
}
