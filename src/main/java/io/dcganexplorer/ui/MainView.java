package io.dcganexplorer.ui;

import io.dcganexplorer.train.ShippedDemo;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.WindowEvent;

/**
 * The window: a Train tab, an Explore tab ({@link ExploreView}) and an Evaluate tab
 * ({@link EvaluateView}, the paper's feature-extraction probe). Train: commands on top with the error banner, data
 * and settings on the left, the live charts in the middle, the fixed-noise grids on the right, the status bar below.
 */
public final class MainView extends BorderPane {
    private final SettingsViewModel settings;
    private final DatasetViewModel data;
    private final TrainingViewModel training;
    private final ExploreViewModel explore;
    private final ArithmeticViewModel arithmetic;
    private final DirectionsViewModel directions;
    private final ProjectionViewModel projection;
    private final EvaluateViewModel evaluate;

    private Button trainButton;
    private Button pauseButton;
    private Button resumeButton;
    private Button stopButton;
    private Button openRunButton;
    private Button openDemoButton;
    private Button openPytorchButton;
    private PytorchImportViewModel pytorchImport;
    private Label runDirLabel;
    private HBox errorBanner;
    private Label errorLabel;
    private ChartsPane charts;
    private TabPane tabs;
    private Tab exploreTab;
    private Tab evaluateTab;

    public MainView(SettingsViewModel settings, DatasetViewModel data, TrainingViewModel training,
            ExploreViewModel explore, EvaluateViewModel evaluate) {
        this.settings = settings;
        this.evaluate = evaluate;
        this.data = data;
        this.training = training;
        this.explore = explore;
        this.arithmetic = new ArithmeticViewModel(explore);
        this.directions = new DirectionsViewModel(explore, arithmetic);
        this.projection = explore.projection();
        createView();
        initListeners();
    }

    public TrainingViewModel training() {
        return training;
    }

    /** The Explore tab's Project panel model. */
    public ProjectionViewModel projection() {
        return projection;
    }

    public SettingsViewModel settings() {
        return settings;
    }

    public DatasetViewModel data() {
        return data;
    }

    public ExploreViewModel explore() {
        return explore;
    }

    public ArithmeticViewModel arithmetic() {
        return arithmetic;
    }

    public DirectionsViewModel directions() {
        return directions;
    }

    public EvaluateViewModel evaluate() {
        return evaluate;
    }

    /** "Open PyTorch model…". */
    public PytorchImportViewModel pytorchImport() {
        return pytorchImport;
    }

    private void createView() {
        getStylesheets().add(MainView.class.getResource("app.css").toExternalForm());
        trainButton = button("Train", "trainButton", "Start a new run with these settings in a fresh folder");
        pauseButton = button("Pause", "pauseButton", "Pause after the current step");
        resumeButton = button("Resume", "resumeButton",
                "Resume a paused run, or continue a stopped or opened run from its newest checkpoint "
                        + "(architecture, batch and seed come from the run)");
        stopButton = button("Stop", "stopButton", "Stop after the current step; a checkpoint is written");
        openRunButton = button("Open run…", "openRunButton", "Open an existing run folder to look at it and "
                + "continue it");
        openDemoButton = button("Open demo", "openDemoButton", "Open the demo model that comes with the app "
                + "(64x64 faces, read-only): explore it at once; Train from demo starts a run of your own from it");
        openPytorchButton = button("Open PyTorch model…", "openPytorchButton", "Open a generator (and "
                + "discriminator) that pytorch/examples' dcgan trained, as a new run");
        pytorchImport = new PytorchImportViewModel(training, Fx.backgroundPool(),
                javafx.application.Platform::runLater);
        runDirLabel = Fx.label("", "runDirLabel");
        ToolBar bar = new ToolBar(trainButton, pauseButton, resumeButton, stopButton, new Separator(),
                openRunButton, openPytorchButton, openDemoButton, runDirLabel);

        errorLabel = Fx.label("", "errorLabel");
        errorLabel.setWrapText(true);
        errorLabel.setStyle("-fx-text-fill: #8b0000;");
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(errorLabel, Priority.ALWAYS);
        Button dismiss = button("✕", "dismissErrorButton", "Dismiss");
        dismiss.setOnAction(e -> training.dismissError());
        errorBanner = new HBox(8, errorLabel, dismiss);
        errorBanner.setId("errorBanner");
        errorBanner.setAlignment(Pos.CENTER_LEFT);
        errorBanner.setPadding(new Insets(6, 10, 6, 10));
        errorBanner.setStyle("-fx-background-color: #fdecea; -fx-border-color: #f5c2c0;");

        ScrollPane left = new ScrollPane(new SettingsPane(settings, data, training));
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        left.setPrefWidth(380);
        charts = new ChartsPane(training);

        BorderPane train = new BorderPane();
        train.setTop(new VBox(bar, errorBanner));
        train.setLeft(left);
        train.setCenter(charts);
        train.setRight(new SamplesPane(training));
        train.setBottom(new StatusBar(training));
        Tab trainTab = new Tab("Train", train);
        trainTab.setId("trainTab");
        // Built when first selected: the window opens faster without the explorer's nodes.
        exploreTab = Fx.lazyTab("Explore", "exploreTab", () -> new ExploreView(explore, arithmetic, directions));
        evaluateTab = Fx.lazyTab("Evaluate", "evaluateTab", () -> {
            evaluate.discoverDataset();
            return new EvaluateView(evaluate);
        });
        tabs = new TabPane(trainTab, exploreTab, evaluateTab);
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        setCenter(tabs);
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private void initListeners() {
        // A probe in the Evaluate tab holds DJL's one process-wide gradient collector while it trains
        // its supervised baseline, and both would share 2 cores: training waits for it.
        // A projection in Explore holds it too, for seconds: training waits for it as well.
        trainButton.disableProperty().bind(training.canTrainProperty().not().or(evaluate.runningProperty())
                .or(projection.runningProperty()));
        pauseButton.disableProperty().bind(training.canPauseProperty().not());
        resumeButton.disableProperty().bind(training.canResumeProperty().not().or(evaluate.runningProperty())
                .or(projection.runningProperty()));
        stopButton.disableProperty().bind(training.canStopProperty().not());
        openRunButton.disableProperty().bind(training.activeProperty().or(training.busyProperty()));
        if (!ShippedDemo.available()) {
            openDemoButton.setDisable(true);
            openDemoButton.setTooltip(new Tooltip("This build ships no demo model yet"));
        } else {
            openDemoButton.disableProperty().bind(training.activeProperty().or(training.busyProperty()));
        }
        resumeButton.textProperty().bind(Bindings.createStringBinding(() -> training.stateProperty().get()
                == io.dcganexplorer.train.TrainerState.PAUSED ? "Resume"
                        : ShippedDemo.isExtractedPath(training.runDirectoryProperty().get()) ? "Train from demo"
                                : "Continue run", training.stateProperty(), training.runDirectoryProperty()));
        trainButton.setOnAction(e -> training.train());
        pauseButton.setOnAction(e -> training.pause());
        resumeButton.setOnAction(e -> training.resume());
        stopButton.setOnAction(e -> training.stop());
        openRunButton.setOnAction(e -> chooseRun());
        openPytorchButton.disableProperty().bind(openRunButton.disableProperty().or(pytorchImport.busyProperty()));
        openPytorchButton.setOnAction(e -> PytorchImportDialog.show(getScene().getWindow(), pytorchImport));
        openDemoButton.setOnAction(e -> openDemo());
        runDirLabel.textProperty().bind(Bindings.createStringBinding(() -> runLabel(training.runDirectoryProperty()
                .get()), training.runDirectoryProperty()));
        errorLabel.textProperty().bind(training.errorProperty());
        errorBanner.visibleProperty().bind(training.errorProperty().isNotEmpty());
        errorBanner.managedProperty().bind(errorBanner.visibleProperty());
        // The explorer follows the training view's run, but only loads a generator once it is looked at.
        exploreTab.selectedProperty().addListener((obs, o, selected) -> {
            if (selected) {
                explore.show(training.runDirectoryProperty().get());
            }
        });
        evaluate.runDirectoryProperty().bind(training.runDirectoryProperty());
        evaluate.trainingActiveProperty().bind(training.activeProperty());
        // Project waits for training and the probe (one gradient recorder per process), as they wait for it.
        projection.gradientsBusyProperty().bind(training.activeProperty().or(evaluate.runningProperty()));
        training.runDirectoryProperty().addListener((obs, o, n) -> {
            if (exploreTab.isSelected()) {
                explore.show(n);
            }
        });
    }

    private static String runLabel(java.nio.file.Path dir) {
        if (dir == null) {
            return "";
        }
        return ShippedDemo.isExtractedPath(dir) ? "run: the shipped demo (read-only: Train from demo starts a run of "
                + "your own)" : "run: " + dir;
    }

    /** Opens the shipped demo and shows it in the Explore tab. */
    public void openDemo() {
        showExplore();
        training.openDemo();
    }

    /** Shows the Evaluate tab. */
    public void showEvaluate() {
        tabs.getSelectionModel().select(evaluateTab);
    }

    /** Shows the Explore tab (it loads the run's newest checkpoint). */
    public void showExplore() {
        tabs.getSelectionModel().select(exploreTab);
    }

    private void chooseRun() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a run folder (it holds config.json)");
        if (settings.runsRoot.isValid() && settings.runsRoot.value().toFile().isDirectory()) {
            dc.setInitialDirectory(settings.runsRoot.value().toFile());
        }
        File f = dc.showDialog(getScene().getWindow());
        if (f != null) {
            training.openRun(f.toPath());
        }
    }

    /** Redraws the charts now (the screenshot mode, before its snapshot). */
    void redrawCharts() {
        charts.redraw();
    }

    /**
     * The window's close request: while training, asks whether to stop (a checkpoint is written),
     * then waits for the trainer off the FX thread and runs {@code exit}.
     */
    public void confirmClose(WindowEvent e, Runnable exit) {
        if (!training.activeProperty().get()) {
            return;
        }
        e.consume();
        ButtonType stopAndQuit = new ButtonType("Stop and quit", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Training is running. Stop it and quit? The trainer "
                + "finishes its current step and writes a checkpoint first, so the run can be continued later.",
                stopAndQuit, ButtonType.CANCEL);
        a.setHeaderText("Stop training?");
        a.initOwner(getScene().getWindow());
        a.showAndWait().filter(b -> b == stopAndQuit).ifPresent(b -> {
            setDisable(true);
            training.stopThen(exit);
        });
    }
}
