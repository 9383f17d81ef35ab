package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.Latent;
import io.dcganexplorer.train.Checkpoint;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The Explore tab: the seeded sample grid on the left (click one to make it current), the current
 * z large with a page of dimension sliders and the direction sliders in the middle, and on the
 * right the walk (paper Fig. 4, strip and animation), arithmetic (Fig. 7) and direction (Fig. 8)
 * panels.
 */
public final class ExploreView extends BorderPane {
    private static final int THUMB = 64;
    private static final int LARGE = 256;

    private final ExploreViewModel vm;
    private final ArithmeticViewModel arithmetic;
    private final DirectionsViewModel directions;
    private final Map<String, Slider> directionSliders = new HashMap<>();
    private final Map<String, Label> directionValues = new HashMap<>();
    private VBox directionBox;
    private ToggleButton playButton;
    private ImageView walkPlayer;
    private Timeline animation;
    private ChoiceBox<Path> checkpointBox;
    private ChoiceBox<Checkpoint.Weights> weightsBox;
    private TextField zNameField;
    private Button saveZButton;
    private ChoiceBox<String> savedZBox;
    private TextField setNameField;
    private Button saveSetButton;
    private ChoiceBox<String> savedSetBox;
    private final List<ImageView> sampleViews = new ArrayList<>();
    private final List<Slider> dimSliders = new ArrayList<>();
    private final List<Label> dimLabels = new ArrayList<>();
    private boolean syncing;

    private Label runLabel;
    private Button reloadButton;
    private TextField seedField;
    private Button rerollButton;
    private Label errorLabel;
    private Label messageLabel;
    private ImageView currentImage;
    private Button prevPageButton;
    private Button nextPageButton;
    private Label pageLabel;
    private Button addToWalkButton;
    private Button clearWalkButton;
    private Label walkPointsLabel;
    private ChoiceBox<Latent.Mode> walkModeBox;
    private Spinner<Integer> walkFramesSpinner;
    private Button renderWalkButton;
    private Button exportPngButton;
    private Button exportGifButton;
    private HBox walkStrip;

    public ExploreView(ExploreViewModel vm, ArithmeticViewModel arithmetic, DirectionsViewModel directions) {
        this.vm = vm;
        this.arithmetic = arithmetic;
        this.directions = directions;
        createView();
        initListeners();
    }

    public ExploreViewModel viewModel() {
        return vm;
    }

    public ArithmeticViewModel arithmetic() {
        return arithmetic;
    }

    public DirectionsViewModel directions() {
        return directions;
    }

    private void createView() {
        runLabel = Fx.label("no run: train or open one on the Train tab", "exploreRunLabel");
        reloadButton = button("Reload newest checkpoint", "reloadCheckpointButton",
                "Load the newest checkpoint of this run (training writes them as it goes)");
        seedField = new TextField("1");
        seedField.setId("seedField");
        seedField.setPrefColumnCount(8);
        seedField.setTooltip(new Tooltip("Seed of the sample grid; Enter applies"));
        rerollButton = button("Reroll", "rerollButton", "Next seed: sixteen new samples");
        checkpointBox = new ChoiceBox<>();
        checkpointBox.setId("checkpointBox");
        checkpointBox.setTooltip(new Tooltip("Explore an earlier checkpoint of this run"));
        checkpointBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        weightsBox = new ChoiceBox<>();
        weightsBox.setId("weightsBox");
        weightsBox.getItems().setAll(Checkpoint.Weights.values());
        weightsBox.setTooltip(new Tooltip("Which generator of the checkpoint: the moving average of G's weights where "
                + "the run kept one (Settings > G moving average), G as trained, or the average only"));
        weightsBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Checkpoint.Weights w) {
                return w == null ? "" : switch (w) {
                    case AUTO -> "G's average if kept";
                    case TRAINED -> "G as trained";
                    case AVERAGE -> "G's average";
                };
            }

            @Override
            public Checkpoint.Weights fromString(String s) {
                return null;
            }
        });
        ToolBar bar = new ToolBar(reloadButton, checkpointBox, weightsBox, new Separator(), new Label("seed"), seedField,
                rerollButton, new Separator(), runLabel);
        errorLabel = Fx.label("", "exploreErrorLabel");
        errorLabel.setWrapText(true);
        errorLabel.setStyle("-fx-text-fill: #8b0000; -fx-background-color: #fdecea; -fx-padding: 6 10 6 10;");
        errorLabel.setMaxWidth(Double.MAX_VALUE);
        messageLabel = Fx.label("", "exploreMessageLabel");
        setTop(new VBox(bar, errorLabel));

        GridPane grid = new GridPane();
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < CurrentLatent.SAMPLES; i++) {
            ImageView v = pixelView(THUMB);
            v.setId("sample" + i);
            int index = i;
            v.setOnMouseClicked(e -> vm.current().selectSample(index));
            StackPane cell = new StackPane(v);
            cell.setMinSize(THUMB, THUMB);
            cell.setStyle("-fx-background-color: #202020;");
            sampleViews.add(v);
            grid.add(cell, i % 4, i / 4);
        }
        Label samplesTitle = title("Samples (click one to explore it)");
        VBox left = new VBox(6, samplesTitle, grid);
        left.setPadding(new Insets(8));

        currentImage = pixelView(LARGE);
        currentImage.setId("currentImage");
        StackPane frame = new StackPane(currentImage);
        frame.setMinSize(LARGE + 4, LARGE + 4);
        frame.setMaxSize(LARGE + 4, LARGE + 4);
        frame.setStyle("-fx-background-color: #202020;");
        VBox sliders = new VBox(2);
        for (int i = 0; i < CurrentLatent.DIMS_PER_PAGE; i++) {
            Slider s = new Slider(-CurrentLatent.DIM_RANGE, CurrentLatent.DIM_RANGE, 0);
            s.setId("dimSlider" + i);
            s.setBlockIncrement(0.25);
            s.setPrefWidth(220);
            Label l = new Label();
            l.setMinWidth(90);
            dimLabels.add(l);
            dimSliders.add(s);
            sliders.getChildren().add(new HBox(6, l, s));
        }
        prevPageButton = button("◀", "prevDimPageButton", "Previous dimensions");
        nextPageButton = button("▶", "nextDimPageButton", "Next dimensions");
        pageLabel = Fx.label("", "dimPageLabel");
        HBox pager = new HBox(6, prevPageButton, pageLabel, nextPageButton);
        pager.setAlignment(Pos.CENTER_LEFT);
        addToWalkButton = button("Add to walk", "addToWalkButton", "Mark the current z as the walk's next point");
        directionBox = new VBox(2);
        directionBox.setId("directionSliders");
        Label directionsTitle = title("Direction sliders");
        Label noDirections = new Label("none yet: make one on the Directions panel, or auto-fill the arithmetic");
        noDirections.setWrapText(true);
        noDirections.setMaxWidth(320);
        noDirections.visibleProperty().bind(Bindings.isEmpty(vm.sliders().directions()));
        noDirections.managedProperty().bind(noDirections.visibleProperty());
        zNameField = new TextField();
        zNameField.setId("zNameField");
        zNameField.setPromptText("name");
        zNameField.setPrefColumnCount(7);
        saveZButton = button("Save z", "saveZButton", "Save the current z under this name in the run's latents.json");
        savedZBox = new ChoiceBox<>();
        savedZBox.setId("savedZBox");
        savedZBox.setTooltip(new Tooltip("A z saved in this run: choosing it makes it current"));
        HBox named = new HBox(6, zNameField, saveZButton, new Label("saved"), savedZBox);
        named.setAlignment(Pos.CENTER_LEFT);
        VBox center = new VBox(6, title("Current z"), frame, addToWalkButton, named, pager, sliders, new Separator(),
                directionsTitle, noDirections, directionBox);
        center.setPadding(new Insets(8));
        ScrollPane centerScroll = new ScrollPane(center);
        centerScroll.setFitToWidth(true);
        centerScroll.setMinWidth(LARGE + 110);
        centerScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        Tab arithmeticTab = new Tab("Arithmetic", scroll(new ArithmeticView(arithmetic)));
        arithmeticTab.setId("arithmeticTab");
        Tab directionsTab = new Tab("Directions", scroll(new DirectionsView(directions)));
        directionsTab.setId("directionsTab");
        TabPane panels = new TabPane(new Tab("Walk", walkPanel()), arithmeticTab, directionsTab);
        panels.setId("explorePanels");
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(panels, Priority.ALWAYS);

        ScrollPane leftScroll = new ScrollPane(new VBox(left, messageLabel));
        leftScroll.setFitToWidth(true);
        setLeft(leftScroll);
        setCenter(new HBox(centerScroll, panels));
    }

    private VBox walkPanel() {
        walkPointsLabel = Fx.label("", "walkPointsLabel");
        clearWalkButton = button("Clear", "clearWalkButton", "Remove the walk's points");
        walkModeBox = new ChoiceBox<>();
        walkModeBox.setId("walkModeBox");
        walkModeBox.getItems().setAll(Latent.Mode.SPHERICAL, Latent.Mode.LINEAR);
        walkModeBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(Latent.Mode m) {
                return m == null ? "" : m == Latent.Mode.SPHERICAL ? "slerp" : "lerp";
            }

            @Override
            public Latent.Mode fromString(String s) {
                return "lerp".equals(s) ? Latent.Mode.LINEAR : Latent.Mode.SPHERICAL;
            }
        });
        walkFramesSpinner = new Spinner<>(2, 64, 16);
        walkFramesSpinner.setId("walkFramesSpinner");
        walkFramesSpinner.setPrefWidth(80);
        renderWalkButton = button("Render walk", "renderWalkButton", "Render the frames through the marked points");
        exportPngButton = button("Export PNG…", "exportWalkPngButton", "Save the strip as one PNG");
        exportGifButton = button("Export GIF…", "exportWalkGifButton", "Save the walk as an animated GIF");
        walkStrip = new HBox(2);
        walkStrip.setId("walkStrip");
        ScrollPane stripScroll = new ScrollPane(walkStrip);
        stripScroll.setPrefViewportHeight(THUMB + 4);
        HBox row1 = new HBox(6, walkPointsLabel, clearWalkButton);
        HBox row2 = new HBox(6, new Label("mode"), walkModeBox, new Label("frames"), walkFramesSpinner,
                renderWalkButton);
        HBox row3 = new HBox(6, exportPngButton, exportGifButton);
        for (HBox r : List.of(row1, row2, row3)) {
            r.setAlignment(Pos.CENTER_LEFT);
        }
        playButton = new ToggleButton("Play");
        playButton.setId("playWalkButton");
        playButton.setTooltip(new Tooltip("Play the rendered walk as an animation, "
                + 1000 / LatentWalk.GIF_DELAY_MS + " frames a second, looping"));
        walkPlayer = pixelView(2 * THUMB);
        walkPlayer.setId("walkPlayer");
        StackPane playerFrame = new StackPane(walkPlayer);
        playerFrame.setMinSize(2 * THUMB + 4, 2 * THUMB + 4);
        playerFrame.setMaxSize(2 * THUMB + 4, 2 * THUMB + 4);
        playerFrame.setStyle("-fx-background-color: #202020;");
        Label frameLabel = Fx.label("", "walkFrameLabel");
        frameLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.walk().walkImages().isEmpty() ? ""
                : "frame " + (vm.walk().walkFrameProperty().get() + 1) + " of " + vm.walk().walkImages().size(),
                vm.walk().walkFrameProperty(), vm.walk().walkImages()));
        HBox player = new HBox(8, playerFrame, new VBox(6, playButton, frameLabel));
        setNameField = new TextField();
        setNameField.setId("setNameField");
        setNameField.setPromptText("set name");
        setNameField.setPrefColumnCount(8);
        saveSetButton = button("Save points", "saveSetButton", "Save the walk's points as a named set in latents.json");
        savedSetBox = new ChoiceBox<>();
        savedSetBox.setId("savedSetBox");
        savedSetBox.setTooltip(new Tooltip("A saved set (also the arithmetic and direction groups): choosing it "
                + "makes its points the walk's"));
        HBox sets = new HBox(6, setNameField, saveSetButton, new Label("load"), savedSetBox);
        sets.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, title("Walk through the marked points (paper Fig. 4)"), row1, sets, row2, stripScroll,
                row3, player);
        box.setPadding(new Insets(8));
        return box;
    }

    private void initListeners() {
        runLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.generator().checkpointProperty().get() != null
                ? "checkpoint: " + vm.generator().checkpointProperty().get()
                : vm.generator().runDirectoryProperty().get() == null ? "no run: train or open one on the Train tab"
                : "run: " + vm.generator().runDirectoryProperty().get(), vm.generator().checkpointProperty(), vm.generator().runDirectoryProperty()));
        reloadButton.disableProperty().bind(vm.generator().runDirectoryProperty().isNull().or(vm.generator().loadingProperty()));
        reloadButton.setOnAction(e -> vm.generator().reload());
        errorLabel.textProperty().bind(vm.generator().errorProperty());
        errorLabel.visibleProperty().bind(vm.generator().errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        messageLabel.textProperty().bind(vm.generator().messageProperty());

        seedField.setOnAction(e -> applySeed());
        seedField.focusedProperty().addListener((obs, o, focused) -> {
            if (!focused) {
                applySeed();
            }
        });
        vm.current().seedProperty().addListener((obs, o, n) -> seedField.setText(Long.toString(n.longValue())));
        rerollButton.setOnAction(e -> vm.current().reroll());
        rerollButton.disableProperty().bind(vm.generator().readyProperty().not());

        vm.current().samples().addListener((ListChangeListener<Pixels>) c -> showSamples());
        currentImage.imageProperty().bind(Bindings.createObjectBinding(() -> vm.current().currentImageProperty().get() == null
                ? null : Fx.image(vm.current().currentImageProperty().get()), vm.current().currentImageProperty()));

        for (int i = 0; i < dimSliders.size(); i++) {
            int slot = i;
            dimSliders.get(i).valueProperty().addListener((obs, o, n) -> {
                if (!syncing) {
                    vm.current().setDimension(dimensionOf(slot), n.doubleValue());
                    dimLabels.get(slot).setText(dimText(dimensionOf(slot), n.doubleValue()));
                }
            });
        }
        vm.current().currentZProperty().addListener((obs, o, n) -> syncSliders());
        vm.current().pageProperty().addListener((obs, o, n) -> syncSliders());
        vm.generator().latentDimProperty().addListener((obs, o, n) -> syncSliders());
        prevPageButton.setOnAction(e -> vm.current().previousPage());
        nextPageButton.setOnAction(e -> vm.current().nextPage());
        prevPageButton.disableProperty().bind(vm.current().pageProperty().lessThanOrEqualTo(0));
        nextPageButton.disableProperty().bind(vm.current().pageProperty().greaterThanOrEqualTo(
                vm.current().pageCountProperty().subtract(1)));
        pageLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.generator().latentDimProperty().get() == 0 ? ""
                : "dimensions " + (vm.current().pageProperty().get() * CurrentLatent.DIMS_PER_PAGE + 1) + "–"
                + Math.min(vm.generator().latentDimProperty().get(), (vm.current().pageProperty().get() + 1) * CurrentLatent.DIMS_PER_PAGE)
                + " of " + vm.generator().latentDimProperty().get(), vm.current().pageProperty(), vm.generator().latentDimProperty()));
        addToWalkButton.disableProperty().bind(vm.current().currentZProperty().isNull()
                .or(Bindings.size(vm.walk().walkPoints()).greaterThanOrEqualTo(LatentWalk.MAX_WALK_POINTS)));
        addToWalkButton.setOnAction(e -> vm.walk().addToWalk());

        walkPointsLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.walk().walkPoints().size()
                + " of 2–" + LatentWalk.MAX_WALK_POINTS + " points", vm.walk().walkPoints()));
        clearWalkButton.setOnAction(e -> vm.walk().clearWalk());
        walkModeBox.valueProperty().bindBidirectional(vm.walk().walkModeProperty());
        walkFramesSpinner.getValueFactory().valueProperty().addListener((obs, o, n) -> vm.walk().walkFramesProperty()
                .set(n));
        renderWalkButton.disableProperty().bind(vm.walk().canWalkProperty().not());
        exportPngButton.disableProperty().bind(vm.walk().canWalkProperty().not());
        exportGifButton.disableProperty().bind(vm.walk().canWalkProperty().not());
        renderWalkButton.setOnAction(e -> vm.walk().renderWalk());
        exportPngButton.setOnAction(e -> chooseFile("walk.png", "PNG image", "*.png").ifPresent(vm.walk()::exportWalkPng));
        exportGifButton.setOnAction(e -> chooseFile("walk.gif", "GIF animation", "*.gif").ifPresent(vm.walk()::exportWalkGif));
        vm.walk().walkImages().addListener((ListChangeListener<Pixels>) c -> {
            walkStrip.getChildren().clear();
            for (Pixels p : vm.walk().walkImages()) {
                ImageView v = pixelView(THUMB);
                v.setImage(Fx.image(p));
                walkStrip.getChildren().add(v);
            }
        });
        checkpointBox.setItems(vm.generator().checkpoints());
        weightsBox.valueProperty().bindBidirectional(vm.generator().weightsProperty());
        weightsBox.disableProperty().bind(vm.generator().loadingProperty());
        checkpointBox.disableProperty().bind(vm.generator().loadingProperty().or(Bindings.size(vm.generator().checkpoints()).lessThan(2)));
        vm.generator().checkpointProperty().addListener((obs, o, n) -> checkpointBox.setValue(n));
        // new items clear a ChoiceBox's value; reopening the same checkpoint (other weights) leaves
        // the checkpoint unchanged, so the value is set again from it
        vm.generator().checkpoints().addListener((ListChangeListener<Path>) c -> checkpointBox.setValue(vm.generator().checkpointProperty().get()));
        checkpointBox.setOnAction(e -> {
            Path chosen = checkpointBox.getValue();
            if (chosen != null && !chosen.equals(vm.generator().checkpointProperty().get())) {
                vm.generator().openCheckpoint(chosen);
            }
        });
        saveZButton.disableProperty().bind(vm.current().currentZProperty().isNull().or(zNameField.textProperty().isEmpty()));
        saveZButton.setOnAction(e -> vm.current().saveCurrentAs(zNameField.getText()));
        savedZBox.setItems(vm.saved().savedVectors());
        savedZBox.setOnAction(e -> {
            if (savedZBox.getValue() != null) {
                vm.current().loadVector(savedZBox.getValue());
            }
        });
        saveSetButton.disableProperty().bind(Bindings.isEmpty(vm.walk().walkPoints()).or(setNameField.textProperty()
                .isEmpty()));
        saveSetButton.setOnAction(e -> vm.walk().saveWalkAs(setNameField.getText()));
        savedSetBox.setItems(vm.saved().savedSets());
        savedSetBox.setOnAction(e -> {
            if (savedSetBox.getValue() != null) {
                vm.walk().loadSetIntoWalk(savedSetBox.getValue());
            }
        });
        animation = new Timeline(new KeyFrame(Duration.millis(LatentWalk.GIF_DELAY_MS),
                e -> vm.walk().advanceWalkFrame()));
        animation.setCycleCount(Animation.INDEFINITE);
        playButton.disableProperty().bind(Bindings.isEmpty(vm.walk().walkImages()));
        playButton.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                animation.play();
            } else {
                animation.stop();
            }
        });
        vm.walk().walkImages().addListener((ListChangeListener<Pixels>) c -> {
            if (vm.walk().walkImages().isEmpty()) {
                playButton.setSelected(false);
            }
            showWalkFrame();
        });
        vm.walk().walkFrameProperty().addListener((obs, o, n) -> showWalkFrame());
        playButton.textProperty().bind(Bindings.when(playButton.selectedProperty()).then("Pause").otherwise("Play"));
        sceneProperty().addListener((obs, o, n) -> {
            if (n == null) {
                playButton.setSelected(false); // no animation ticking behind a closed window
            }
        });

        vm.sliders().directions().addListener((ListChangeListener<DirectionSliders.Direction>) c -> buildDirectionSliders());
        vm.sliders().strengths().addListener((javafx.collections.MapChangeListener<String, Double>) c -> syncDirectionSliders());
        vm.current().currentZProperty().addListener((obs, o, n) -> syncDirectionSliders());
        showSamples();
        syncSliders();
        buildDirectionSliders();
    }

    private void showWalkFrame() {
        int i = vm.walk().walkFrameProperty().get();
        walkPlayer.setImage(i < vm.walk().walkImages().size() ? Fx.image(vm.walk().walkImages().get(i)) : null);
    }

    /** One slider per named direction: strength from -3 to 3 away from the z it started at. */
    private void buildDirectionSliders() {
        directionBox.getChildren().clear();
        directionSliders.clear();
        directionValues.clear();
        for (DirectionSliders.Direction d : vm.sliders().directions()) {
            Label name = new Label(d.name());
            name.setMinWidth(70);
            name.setMaxWidth(70);
            name.setTooltip(new Tooltip(d.origin()));
            Slider s = new Slider(-DirectionSliders.STRENGTH_RANGE, DirectionSliders.STRENGTH_RANGE, 0);
            s.setId("direction-" + d.name());
            s.setBlockIncrement(0.25);
            s.setPrefWidth(160);
            s.setTooltip(new Tooltip(d.origin()));
            Label value = new Label();
            value.setMinWidth(40);
            Button remove = button("✕", "removeDirection-" + d.name(), "Remove the direction " + d.name());
            remove.setOnAction(e -> vm.sliders().removeDirection(d.name()));
            s.valueProperty().addListener((obs, o, n) -> {
                if (!syncing) {
                    vm.sliders().setStrength(d.name(), n.doubleValue());
                    value.setText(String.format("%+.2f", n.doubleValue()));
                }
            });
            HBox row = new HBox(6, name, s, value, remove);
            row.setAlignment(Pos.CENTER_LEFT);
            directionSliders.put(d.name(), s);
            directionValues.put(d.name(), value);
            directionBox.getChildren().add(row);
        }
        syncDirectionSliders();
    }

    private void syncDirectionSliders() {
        syncing = true;
        try {
            for (var e : directionSliders.entrySet()) {
                double v = vm.sliders().strength(e.getKey());
                e.getValue().setValue(v);
                e.getValue().setDisable(vm.current().currentZProperty().get() == null);
                directionValues.get(e.getKey()).setText(String.format("%+.2f", v));
            }
        } finally {
            syncing = false;
        }
    }

    /**
     * Shows {@code group}'s members as thumbnails in {@code pane}, rendered in one batch off the UI
     * thread; a render overtaken by a change of the group is dropped (a newer one follows).
     */
    static void showMembers(ExploreViewModel explore, List<float[]> group, javafx.scene.layout.Pane pane, int size) {
        List<float[]> members = List.copyOf(group);
        if (members.isEmpty()) {
            pane.getChildren().clear();
            return;
        }
        explore.generator().render(members).whenComplete((images, e) -> explore.generator().ui().execute(() -> {
            if (e != null || !members.equals(List.copyOf(group))) {
                return;
            }
            pane.getChildren().clear();
            for (Pixels p : images) {
                ImageView v = pixelView(size);
                v.setImage(Fx.image(p));
                pane.getChildren().add(v);
            }
        }));
    }

    static ScrollPane scroll(javafx.scene.Node content) {
        ScrollPane sp = new ScrollPane(content);
        sp.setFitToWidth(true);
        return sp;
    }

    private void applySeed() {
        try {
            long s = Long.parseLong(seedField.getText().trim());
            if (s != vm.current().seedProperty().get()) {
                vm.current().seedProperty().set(s);
            }
        } catch (NumberFormatException e) {
            seedField.setText(Long.toString(vm.current().seedProperty().get()));
        }
    }

    private void showSamples() {
        for (int i = 0; i < sampleViews.size(); i++) {
            sampleViews.get(i).setImage(i < vm.current().samples().size() ? Fx.image(vm.current().samples().get(i)) : null);
        }
    }

    private int dimensionOf(int slot) {
        return vm.current().pageProperty().get() * CurrentLatent.DIMS_PER_PAGE + slot;
    }

    private static String dimText(int d, double v) {
        return String.format("z[%d] %+.2f", d, v);
    }

    /** Shows the current page of z on the sliders without feeding the values back. */
    private void syncSliders() {
        syncing = true;
        try {
            int dim = vm.generator().latentDimProperty().get();
            for (int i = 0; i < dimSliders.size(); i++) {
                int d = dimensionOf(i);
                boolean used = d < dim;
                Slider s = dimSliders.get(i);
                s.getParent().setVisible(used);
                s.getParent().setManaged(used);
                s.setDisable(vm.current().currentZProperty().get() == null);
                s.setValue(used ? vm.current().dimension(d) : 0);
                dimLabels.get(i).setText(used ? dimText(d, vm.current().dimension(d)) : "");
            }
        } finally {
            syncing = false;
        }
    }

    private java.util.Optional<Path> chooseFile(String name, String what, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        if (vm.generator().runDirectoryProperty().get() != null) {
            fc.setInitialDirectory(vm.generator().runDirectoryProperty().get().toFile());
        }
        File f = fc.showSaveDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }

    static ImageView pixelView(int size) {
        ImageView v = new ImageView();
        v.setFitWidth(size);
        v.setFitHeight(size);
        v.setPreserveRatio(true);
        v.setSmooth(false);
        return v;
    }

    static Label title(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }
}
