package io.dcganexplorer.ui;

import io.dcganexplorer.data.DatasetCatalog;
import io.dcganexplorer.data.DatasetSpec;
import io.dcganexplorer.model.DcganConfig;
import io.dcganexplorer.model.KernelPreset;
import io.dcganexplorer.model.ZPrior;
import java.io.File;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * Data and settings: the dataset chooser with its preview, and every training setting as a field
 * that refuses a bad value on the spot (red border, the reason below it and in its tooltip).
 */
final class SettingsPane extends VBox {
    private static final String INVALID_STYLE = "-fx-border-color: #d32f2f; -fx-border-width: 1.5;";

    private final SettingsViewModel settings;
    private final DatasetViewModel data;
    private final TrainingViewModel training;

    private ComboBox<DatasetCatalog.Entry> datasetChoice;
    private ImageView previewView;
    private Label datasetInfo;
    private Label previewError;
    private ComboBox<DcganConfig.Preset> presetChoice;
    private ComboBox<KernelPreset> kernelChoice;
    private ComboBox<ZPrior> priorChoice;

    SettingsPane(SettingsViewModel settings, DatasetViewModel data, TrainingViewModel training) {
        this.settings = settings;
        this.data = data;
        this.training = training;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(6);
        setPadding(new Insets(6));
        setPrefWidth(360);

        // Data
        datasetChoice = new ComboBox<>(data.entries());
        datasetChoice.setId("datasetChoice");
        datasetChoice.setMaxWidth(Double.MAX_VALUE);
        datasetChoice.setPromptText("datasets found on this machine");
        datasetChoice.setCellFactory(v -> new EntryCell());
        datasetChoice.setButtonCell(new EntryCell());
        Button idx = new Button("IDX file…");
        idx.setId("idxButton");
        idx.setTooltip(new Tooltip("MNIST or Fashion-MNIST: choose train-images-idx3-ubyte(.gz)"));
        idx.setOnAction(e -> chooseIdx());
        Button folder = new Button("Image folder…");
        folder.setId("folderButton");
        folder.setOnAction(e -> chooseFolder("folder"));
        Button celeba = new Button("CelebA…");
        celeba.setId("celebaButton");
        celeba.setOnAction(e -> chooseFolder("celeba"));
        HBox buttons = new HBox(4, idx, folder, celeba);
        GridPane dataGrid = grid();
        addField(dataGrid, 0, "datasetField", settings.dataset);
        datasetInfo = Fx.label("", "datasetInfo");
        datasetInfo.setWrapText(true);
        previewError = Fx.label("", "previewError");
        previewError.setWrapText(true);
        previewError.setStyle("-fx-text-fill: #d32f2f;");
        previewView = new ImageView();
        previewView.setId("previewView");
        previewView.setFitWidth(150);
        previewView.setPreserveRatio(true);
        previewView.setSmooth(false);
        VBox dataBox = new VBox(4, datasetChoice, buttons, dataGrid, datasetInfo, previewError, previewView);
        TitledPane dataPane = new TitledPane("Data", dataBox);
        dataPane.setCollapsible(false);

        // Settings
        GridPane g = grid();
        int row = 0;
        presetChoice = new ComboBox<>();
        presetChoice.getItems().setAll(DcganConfig.Preset.values());
        presetChoice.setId("presetChoice");
        presetChoice.setTooltip(new Tooltip("PYTORCH: 4x4 kernels, widths 64, normal z. PAPER: 5x5 kernels, "
                + "widths 128, uniform z. Fills the widths, kernels and prior below."));
        g.addRow(row++, new Label("Preset"), presetChoice);
        row = addField(g, row, "imageSizeField", settings.imageSize);
        row = addField(g, row, "channelsField", settings.channels);
        row = addField(g, row, "latentField", settings.latent);
        row = addField(g, row, "ngfField", settings.ngf);
        row = addField(g, row, "ndfField", settings.ndf);
        kernelChoice = new ComboBox<>();
        kernelChoice.getItems().setAll(KernelPreset.values());
        kernelChoice.setId("kernelChoice");
        kernelChoice.setTooltip(new Tooltip("K4: 4x4 kernels, padding 1. K5: the paper's 5x5, padding 2"));
        g.addRow(row++, new Label("Kernels"), kernelChoice);
        priorChoice = new ComboBox<>();
        priorChoice.getItems().setAll(ZPrior.values());
        priorChoice.setId("priorChoice");
        priorChoice.setTooltip(new Tooltip("Distribution of z: UNIFORM in [-1, 1] (paper) or NORMAL"));
        g.addRow(row++, new Label("z prior"), priorChoice);
        row = addField(g, row, "batchField", settings.batch);
        row = addField(g, row, "learningRateField", settings.learningRate);
        row = addField(g, row, "beta1Field", settings.beta1);
        row = addField(g, row, "labelSmoothingField", settings.labelSmoothing);
        row = addField(g, row, "generatorEmaField", settings.generatorEma);
        row = addField(g, row, "seedField", settings.seed);
        row = addField(g, row, "sampleEveryField", settings.sampleEvery);
        row = addField(g, row, "checkpointEveryField", settings.checkpointEvery);
        row = addField(g, row, "keepCheckpointsField", settings.keepCheckpoints);
        row = addField(g, row, "scoreEveryField", settings.scoreEvery);
        row = addField(g, row, "stepsField", settings.steps);
        row = addField(g, row, "threadsField", settings.threads);
        addField(g, row, "runsRootField", settings.runsRoot);
        TitledPane settingsPane = new TitledPane("Settings", g);
        settingsPane.setCollapsible(false);

        getChildren().setAll(dataPane, settingsPane);
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(6);
        g.setVgap(3);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(120);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        g.getColumnConstraints().setAll(labels, fields);
        return g;
    }

    /** A label, a text field bound to {@code f}, and under it the reason it is refused. */
    private int addField(GridPane g, int row, String id, ValidatedField<?> f) {
        TextField tf = new TextField();
        tf.setId(id);
        tf.textProperty().bindBidirectional(f.textProperty());
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tf.setTooltip(tip);
        Label error = Fx.label("", id.replace("Field", "Error"));
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #d32f2f; -fx-font-size: 0.9em;");
        Runnable update = () -> {
            String why = f.errorProperty().get();
            boolean bad = !why.isEmpty();
            tf.setStyle(bad ? INVALID_STYLE : "");
            error.setText(bad ? f.label() + " " + why : "");
            error.setVisible(bad);
            error.setManaged(bad);
            tip.setText(bad ? f.label() + " " + why + "\n\n" + f.help() : f.help());
        };
        f.errorProperty().addListener((obs, o, n) -> update.run());
        update.run();
        Label name = new Label(f.label());
        g.add(name, 0, row);
        g.add(tf, 1, row);
        g.add(error, 1, row + 1);
        return row + 2;
    }

    private void initListeners() {
        presetChoice.valueProperty().bindBidirectional(settings.presetProperty());
        kernelChoice.valueProperty().bindBidirectional(settings.kernelProperty());
        priorChoice.valueProperty().bindBidirectional(settings.priorProperty());
        datasetChoice.valueProperty().addListener((obs, o, n) -> {
            if (n != null && !n.equals(data.selectedEntry())) {
                data.choose(n.spec());
            }
        });
        // The list shows the chosen dataset when it is one of its entries.
        Runnable showChoice = () -> datasetChoice.setValue(data.selectedEntry());
        data.entries().addListener((javafx.collections.ListChangeListener<DatasetCatalog.Entry>) c -> showChoice.run());
        settings.dataset.textProperty().addListener((obs, o, n) -> showChoice.run());
        showChoice.run();
        datasetInfo.textProperty().bind(data.infoProperty());
        previewError.textProperty().bind(data.previewErrorProperty());
        previewView.imageProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> data.previewGridProperty().get() == null ? null : Fx.image(data.previewGridProperty().get()),
                data.previewGridProperty()));
        settings.dataset.textProperty().addListener((obs, o, n) -> data.loadPreview());
        settings.channels.textProperty().addListener((obs, o, n) -> data.loadPreview());
        settings.imageSize.textProperty().addListener((obs, o, n) -> {
            if (settings.imageSize.isValid()) {
                data.loadPreview();
            }
        });
        // Settings stay editable while training: they apply to the next run.
        disableProperty().bind(training.busyProperty());
    }

    private void chooseIdx() {
        FileChooser fc = new FileChooser();
        fc.setTitle("MNIST or Fashion-MNIST training images (IDX)");
        File f = fc.showOpenDialog(getScene().getWindow());
        if (f != null) {
            data.choose(DatasetViewModel.idxSpec(f.toPath()));
        }
    }

    private void chooseFolder(String kind) {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle(kind.equals("celeba") ? "CelebA folder (img_align_celeba and list_attr_celeba.txt)"
                : "Folder of images");
        File f = dc.showDialog(getScene().getWindow());
        if (f != null) {
            data.choose(DatasetSpec.of(kind, f.toPath()));
        }
    }

    /** Shows an entry by its one-line description. */
    private static final class EntryCell extends ListCell<DatasetCatalog.Entry> {
        @Override
        protected void updateItem(DatasetCatalog.Entry item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.description());
        }
    }
}
