package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import io.dcganexplorer.latent.Latent;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The Walk panel (paper Fig. 4): the marked points, saving and loading them as a set, mode and
 * frames, the rendered strip, its export, and a player that animates it.
 */
final class WalkPane extends VBox {
    private static final int THUMB = SampleGridPane.THUMB;

    private final LatentWalk walk;
    private final ExploreViewModel vm;
    private Label walkPointsLabel;
    private Button clearWalkButton;
    private ChoiceBox<Latent.Mode> walkModeBox;
    private Spinner<Integer> walkFramesSpinner;
    private Button renderWalkButton;
    private Button exportPngButton;
    private Button exportGifButton;
    private HBox walkStrip;
    private ToggleButton playButton;
    private ImageView walkPlayer;
    private TextField setNameField;
    private Button saveSetButton;
    private ChoiceBox<String> savedSetBox;
    private Timeline animation;

    WalkPane(ExploreViewModel vm) {
        super(8);
        this.vm = vm;
        this.walk = vm.walk();
        createView();
        initListeners();
    }

    /** Stops the animation (the window closed: nothing should tick behind it). */
    void stop() {
        playButton.setSelected(false);
    }

    private void createView() {
        walkPointsLabel = Fx.label("", "walkPointsLabel");
        clearWalkButton = Fx.button("Clear", "clearWalkButton", "Remove the walk's points");
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
        renderWalkButton = Fx.button("Render walk", "renderWalkButton", "Render the frames through the marked points");
        exportPngButton = Fx.button("Export PNG…", "exportWalkPngButton", "Save the strip as one PNG");
        exportGifButton = Fx.button("Export GIF…", "exportWalkGifButton", "Save the walk as an animated GIF");
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
        walkPlayer = Fx.pixelView(2 * THUMB);
        walkPlayer.setId("walkPlayer");
        StackPane playerFrame = new StackPane(walkPlayer);
        playerFrame.setMinSize(2 * THUMB + 4, 2 * THUMB + 4);
        playerFrame.setMaxSize(2 * THUMB + 4, 2 * THUMB + 4);
        playerFrame.setStyle("-fx-background-color: #202020;");
        Label frameLabel = Fx.label("", "walkFrameLabel");
        frameLabel.textProperty().bind(Bindings.createStringBinding(() -> walk.walkImages().isEmpty() ? ""
                : "frame " + (walk.walkFrameProperty().get() + 1) + " of " + walk.walkImages().size(),
                walk.walkFrameProperty(), walk.walkImages()));
        HBox player = new HBox(8, playerFrame, new VBox(6, playButton, frameLabel));
        setNameField = new TextField();
        setNameField.setId("setNameField");
        setNameField.setPromptText("set name");
        setNameField.setPrefColumnCount(8);
        saveSetButton = Fx.button("Save points", "saveSetButton",
                "Save the walk's points as a named set in latents.json");
        savedSetBox = new ChoiceBox<>();
        savedSetBox.setId("savedSetBox");
        savedSetBox.setTooltip(new Tooltip("A saved set (also the arithmetic and direction groups): choosing it "
                + "makes its points the walk's"));
        HBox sets = new HBox(6, setNameField, saveSetButton, new Label("load"), savedSetBox);
        sets.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(Fx.title("Walk through the marked points (paper Fig. 4)"), row1, sets, row2,
                stripScroll, row3, player);
        setPadding(new Insets(8));
    }

    private void initListeners() {
        walkPointsLabel.textProperty().bind(Bindings.createStringBinding(() -> walk.walkPoints().size()
                + " of 2–" + LatentWalk.MAX_WALK_POINTS + " points", walk.walkPoints()));
        clearWalkButton.setOnAction(e -> walk.clearWalk());
        walkModeBox.valueProperty().bindBidirectional(walk.walkModeProperty());
        walkFramesSpinner.getValueFactory().valueProperty().addListener((obs, o, n) -> walk.walkFramesProperty()
                .set(n));
        renderWalkButton.disableProperty().bind(walk.canWalkProperty().not());
        exportPngButton.disableProperty().bind(walk.canWalkProperty().not());
        exportGifButton.disableProperty().bind(walk.canWalkProperty().not());
        renderWalkButton.setOnAction(e -> walk.renderWalk());
        exportPngButton.setOnAction(e -> chooseFile("walk.png", "PNG image", "*.png").ifPresent(walk::exportWalk));
        exportGifButton.setOnAction(
                e -> chooseFile("walk.gif", "GIF animation", "*.gif").ifPresent(walk::exportWalk));
        walk.walkImages().addListener((ListChangeListener<Pixels>) c -> {
            walkStrip.getChildren().clear();
            for (Pixels p : walk.walkImages()) {
                ImageView v = Fx.pixelView(THUMB);
                v.setImage(Fx.image(p));
                walkStrip.getChildren().add(v);
            }
        });
        saveSetButton.disableProperty().bind(Bindings.isEmpty(walk.walkPoints()).or(setNameField.textProperty()
                .isEmpty()));
        saveSetButton.setOnAction(e -> walk.saveWalkAs(setNameField.getText()));
        savedSetBox.setItems(vm.saved().savedSets());
        savedSetBox.setOnAction(e -> {
            if (savedSetBox.getValue() != null) {
                walk.loadSetIntoWalk(savedSetBox.getValue());
            }
        });
        animation = new Timeline(new KeyFrame(Duration.millis(LatentWalk.GIF_DELAY_MS),
                e -> walk.advanceWalkFrame()));
        animation.setCycleCount(Animation.INDEFINITE);
        playButton.disableProperty().bind(Bindings.isEmpty(walk.walkImages()));
        playButton.selectedProperty().addListener((obs, o, on) -> {
            if (on) {
                animation.play();
            } else {
                animation.stop();
            }
        });
        walk.walkImages().addListener((ListChangeListener<Pixels>) c -> {
            if (walk.walkImages().isEmpty()) {
                playButton.setSelected(false);
            }
            showWalkFrame();
        });
        walk.walkFrameProperty().addListener((obs, o, n) -> showWalkFrame());
        playButton.textProperty().bind(Bindings.when(playButton.selectedProperty()).then("Pause").otherwise("Play"));
    }

    private void showWalkFrame() {
        int i = walk.walkFrameProperty().get();
        walkPlayer.setImage(i < walk.walkImages().size() ? Fx.image(walk.walkImages().get(i)) : null);
    }

    private Optional<Path> chooseFile(String name, String what, String pattern) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, pattern));
        Path run = vm.generator().runDirectoryProperty().get();
        if (run != null) {
            fc.setInitialDirectory(Fx.saveFolderFor(run));
        }
        File f = fc.showSaveDialog(getScene().getWindow());
        return Optional.ofNullable(f).map(File::toPath);
    }
}
