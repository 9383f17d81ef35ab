package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Project panel: choose a target (one of the run's real images from the picker, a file, or a
 * file dropped on the panel), Project with a progress bar and Cancel, and the target beside G(z),
 * which follows the projection while it runs. The result becomes the explorer's current z.
 */
final class ProjectionPane extends VBox {
    private static final int VIEW = 128;
    private static final int PICK = 48;

    private final ProjectionViewModel vm;
    private FlowPane picks;
    private Button morePicksButton;
    private Button chooseFileButton;
    private Spinner<Integer> stepsSpinner;
    private Spinner<Integer> startsSpinner;
    private Button projectButton;
    private Button cancelButton;
    private ProgressBar progressBar;
    private ImageView targetView;
    private ImageView projectionView;
    private Label statusLabel;
    private Label errorLabel;

    ProjectionPane(ProjectionViewModel vm) {
        super(8);
        this.vm = vm;
        setId("projectionPane");
        createView();
        initListeners();
    }

    private void createView() {
        Label intro = new Label("Find the z whose image is closest to a picture: pick one of the run's real images, "
                + "choose a file or drop one here.");
        intro.setWrapText(true);
        picks = new FlowPane(4, 4);
        picks.setId("projectionPicks");
        morePicksButton = Fx.button("Real images", "projectionPicksButton", "Show other images of the run's dataset");
        chooseFileButton = Fx.button("File...", "projectionFileButton", "Choose a PNG, JPEG, BMP or GIF file");
        stepsSpinner = new Spinner<>(10, 5000, vm.stepsProperty().get(), 50);
        stepsSpinner.setId("projectionStepsSpinner");
        stepsSpinner.setEditable(true);
        stepsSpinner.setPrefWidth(90);
        startsSpinner = new Spinner<>(1, 64, vm.startsProperty().get(), 1);
        startsSpinner.setId("projectionStartsSpinner");
        startsSpinner.setEditable(true);
        startsSpinner.setPrefWidth(70);
        projectButton = Fx.button("Project", "projectButton",
                "Find z for the target; the result becomes the current z");
        cancelButton = Fx.button("Cancel", "cancelProjectionButton", "Stop; the current z stays as it was");
        progressBar = new ProgressBar(0);
        progressBar.setId("projectionProgress");
        progressBar.setPrefWidth(160);
        targetView = Fx.pixelView(VIEW);
        targetView.setId("projectionTarget");
        projectionView = Fx.pixelView(VIEW);
        projectionView.setId("projectionResult");
        statusLabel = Fx.label("", "projectionStatus");
        statusLabel.setWrapText(true);
        errorLabel = Fx.label("", "projectionError");
        errorLabel.setWrapText(true);
        errorLabel.setStyle("-fx-text-fill: #b00020;");

        HBox source = new HBox(8, morePicksButton, chooseFileButton);
        HBox settings = new HBox(6, new Label("steps"), stepsSpinner, new Label("starts"), startsSpinner);
        settings.setAlignment(Pos.CENTER_LEFT);
        HBox run = new HBox(8, projectButton, cancelButton, progressBar);
        run.setAlignment(Pos.CENTER_LEFT);
        HBox pair = new HBox(8, new VBox(2, new Label("target"), targetView),
                new VBox(2, new Label("G(z)"), projectionView));
        getChildren().addAll(Fx.title("Project an image into z"), intro, source, picks, settings, run, pair,
                statusLabel, errorLabel);
        setMaxWidth(480);
    }

    private void initListeners() {
        vm.stepsProperty().bind(stepsSpinner.valueProperty());
        vm.startsProperty().bind(startsSpinner.valueProperty());
        projectButton.disableProperty().bind(vm.canProjectProperty().not());
        projectButton.setTooltip(new Tooltip());
        projectButton.getTooltip().textProperty().bind(Bindings.when(vm.gradientsBusyProperty())
                .then("Not while training or the Evaluate probe runs: they share the process's one gradient recorder")
                .otherwise("Find z for the target; the result becomes the current z"));
        cancelButton.disableProperty().bind(vm.runningProperty().not());
        morePicksButton.disableProperty().bind(vm.runningProperty());
        chooseFileButton.disableProperty().bind(vm.runningProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        vm.targetProperty().addListener((obs, o, n) -> targetView.setImage(n == null ? null : Fx.image(n)));
        vm.projectionProperty().addListener((obs, o, n) -> projectionView.setImage(n == null ? null : Fx.image(n)));
        vm.picks().addListener((ListChangeListener<Pixels>) c -> showPicks());

        projectButton.setOnAction(e -> vm.project());
        cancelButton.setOnAction(e -> vm.cancel());
        morePicksButton.setOnAction(e -> vm.morePicks());
        chooseFileButton.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle("Image to project");
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg",
                    "*.bmp", "*.gif"), new FileChooser.ExtensionFilter("All files", "*.*"));
            File f = fc.showOpenDialog(getScene() == null ? null : getScene().getWindow());
            if (f != null) {
                vm.chooseFile(f.toPath());
            }
        });
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !vm.runningProperty().get()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !e.getDragboard().getFiles().isEmpty();
            if (ok) {
                vm.chooseFile(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private void showPicks() {
        picks.getChildren().clear();
        for (int i = 0; i < vm.picks().size(); i++) {
            ImageView v = Fx.pixelView(PICK);
            v.setImage(Fx.image(vm.picks().get(i)));
            Button b = new Button(null, v);
            b.setId("projectionPick" + i);
            b.setTooltip(new Tooltip("Project this real image"));
            int index = i;
            b.setOnAction(e -> vm.pick(index));
            picks.getChildren().add(b);
        }
    }
}
