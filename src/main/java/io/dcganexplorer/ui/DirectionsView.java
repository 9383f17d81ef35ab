package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The direction panel (paper Fig. 8): groups P and Q from the current z make a named direction
 * mean(P) - mean(Q); principal directions of chosen points; any direction rendered along a line of
 * strengths through the current z. Every direction also becomes a slider under the current z.
 */
final class DirectionsView extends VBox {
    private static final int MEMBER = 32;
    private static final int CELL = 56;

    private final DirectionsViewModel vm;
    private final Map<String, FlowPane> memberPanes = new HashMap<>();
    private final Map<String, Button> addButtons = new HashMap<>();
    private final Map<String, Button> clearButtons = new HashMap<>();
    private final Map<String, Label> countLabels = new HashMap<>();
    private TextField nameField;
    private Button makeButton;
    private ChoiceBox<DirectionsViewModel.Source> sourceBox;
    private Button principalButton;
    private ChoiceBox<DirectionSliders.Direction> lineBox;
    private TextField strengthField;
    private Spinner<Integer> framesSpinner;
    private Button renderLineButton;
    private Button exportLineButton;
    private HBox lineStrip;

    DirectionsView(DirectionsViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(8);
        setPadding(new Insets(8));
        HBox groups = new HBox(10);
        String[] roles = {"P: e.g. four facing left", "Q: e.g. four facing right"};
        for (int i = 0; i < DirectionsViewModel.GROUPS.size(); i++) {
            String g = DirectionsViewModel.GROUPS.get(i);
            FlowPane members = new FlowPane(2, 2);
            members.setPrefWrapLength(4 * (MEMBER + 2));
            members.setMinHeight(MEMBER);
            Button add = Fx.button("Add current to " + g, "add" + g + "Button", "Add the current z to " + g);
            Button clear = Fx.button("Clear", "clear" + g + "Button", "Empty group " + g);
            Label count = Fx.label("", "count" + g + "Label");
            VBox box = new VBox(4, Fx.title(roles[i]), new HBox(4, add, clear), count, members);
            box.setId("group" + g);
            box.setPrefWidth(4 * (MEMBER + 2) + 60);
            box.setStyle("-fx-border-color: #cccccc; -fx-padding: 4;");
            memberPanes.put(g, members);
            addButtons.put(g, add);
            clearButtons.put(g, clear);
            countLabels.put(g, count);
            groups.getChildren().add(box);
        }
        nameField = new TextField();
        nameField.setId("directionNameField");
        nameField.setPrefColumnCount(10);
        makeButton = Fx.button("Make direction", "makeDirectionButton",
                "mean(P) - mean(Q) becomes a named direction: a slider under the current z, saved with the run");
        HBox make = new HBox(6, new Label("name"), nameField, makeButton);
        make.setAlignment(Pos.CENTER_LEFT);

        sourceBox = new ChoiceBox<>();
        sourceBox.setId("pcaSourceBox");
        sourceBox.getItems().setAll(DirectionsViewModel.Source.values());
        principalButton = Fx.button("Principal directions", "principalDirectionsButton",
                "The top " + DirectionSliders.PRINCIPAL_DIRECTIONS + " principal directions of these points become "
                        + "sliders PC1... (strength 1 = one standard deviation among them)");
        HBox pca = new HBox(6, new Label("of"), sourceBox, principalButton);
        pca.setAlignment(Pos.CENTER_LEFT);

        lineBox = new ChoiceBox<>();
        lineBox.setId("lineDirectionBox");
        lineBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(DirectionSliders.Direction d) {
                return d == null ? "" : d.name();
            }

            @Override
            public DirectionSliders.Direction fromString(String s) {
                return null;
            }
        });
        strengthField = new TextField("2");
        strengthField.setId("lineStrengthField");
        strengthField.setPrefColumnCount(4);
        strengthField.setTooltip(new Tooltip("The line runs from minus this strength to plus it; Enter applies"));
        framesSpinner = new Spinner<>(2, 32, 7);
        framesSpinner.setId("lineFramesSpinner");
        framesSpinner.setPrefWidth(70);
        renderLineButton = Fx.button("Render line", "renderLineButton",
                "G(z + s d) for the current z, s evenly from -strength to +strength");
        exportLineButton = Fx.button("Export PNG…", "exportLinePngButton", "Save the line as one PNG strip");
        HBox line = new HBox(6, lineBox, new Label("±"), strengthField, new Label("frames"), framesSpinner,
                renderLineButton, exportLineButton);
        line.setAlignment(Pos.CENTER_LEFT);
        lineStrip = new HBox(2);
        lineStrip.setId("lineStrip");
        ScrollPane stripScroll = new ScrollPane(lineStrip);
        stripScroll.setPrefViewportHeight(CELL + 24);

        getChildren().setAll(Fx.title("A direction from two groups (paper Fig. 8, the \"turn\" vector)"),
                groups, make, new Separator(), Fx.title("Principal directions of chosen points"), pca,
                new Separator(), Fx.title("Apply a direction along a line of strengths"), line, stripScroll);
    }

    private void initListeners() {
        ExploreViewModel explore = vm.explore();
        for (String g : DirectionsViewModel.GROUPS) {
            ObservableList<float[]> members = vm.group(g);
            addButtons.get(g).setOnAction(e -> vm.addCurrent(g));
            addButtons.get(g).disableProperty().bind(explore.current().currentZProperty().isNull());
            clearButtons.get(g).setOnAction(e -> vm.clear(g));
            clearButtons.get(g).disableProperty().bind(Bindings.isEmpty(members));
            countLabels.get(g).textProperty().bind(Bindings.createStringBinding(() -> members.size() + " members",
                    members));
            members.addListener((ListChangeListener<float[]>) c -> showMembers(g));
        }
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        makeButton.disableProperty().bind(vm.canMakeProperty().not());
        makeButton.setOnAction(e -> vm.make());
        sourceBox.valueProperty().bindBidirectional(vm.sourceProperty());
        principalButton.disableProperty().bind(explore.generator().readyProperty().not());
        principalButton.setOnAction(e -> vm.principalDirections());
        lineBox.setItems(explore.sliders().directions());
        lineBox.valueProperty().bindBidirectional(vm.lineDirectionProperty());
        strengthField.setOnAction(e -> applyStrength());
        framesSpinner.getValueFactory().valueProperty().addListener((obs, o, n) -> vm.lineFramesProperty().set(n));
        renderLineButton.disableProperty().bind(vm.canRenderLineProperty().not());
        exportLineButton.disableProperty().bind(vm.canRenderLineProperty().not());
        renderLineButton.setOnAction(e -> {
            applyStrength();
            vm.renderLine();
        });
        exportLineButton.setOnAction(e -> {
            applyStrength();
            chooseFile().ifPresent(vm::exportLinePng);
        });
        vm.lineImages().addListener((ListChangeListener<Pixels>) c -> showLine());
    }

    private void applyStrength() {
        try {
            double s = Double.parseDouble(strengthField.getText().trim());
            if (s > 0 && s <= 10) {
                vm.lineStrengthProperty().set(s);
                return;
            }
        } catch (NumberFormatException e) {
            // fall through: show the value in use
        }
        strengthField.setText(Double.toString(vm.lineStrengthProperty().get()));
    }

    private void showLine() {
        lineStrip.getChildren().clear();
        List<Pixels> images = List.copyOf(vm.lineImages());
        float[] s = images.size() < 2 ? new float[images.size()]
                : io.dcganexplorer.latent.Latent.strengths(vm.lineStrengthProperty().get(), images.size());
        for (int i = 0; i < images.size(); i++) {
            ImageView v = Fx.pixelView(CELL);
            v.setImage(Fx.image(images.get(i)));
            lineStrip.getChildren().add(new VBox(2, v, new Label(String.format("%+.2f", s[i]))));
        }
    }

    private void showMembers(String g) {
        Thumbnails.show(vm.explore().generator(), vm.group(g), memberPanes.get(g), MEMBER);
    }

    private java.util.Optional<java.nio.file.Path> chooseFile() {
        FileChooser fc = new FileChooser();
        DirectionSliders.Direction d = vm.lineDirectionProperty().get();
        fc.setInitialFileName((d == null ? "direction" : d.name().replaceAll("[^A-Za-z0-9_-]", "_")) + "-line.png");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        if (vm.explore().generator().runDirectoryProperty().get() != null) {
            fc.setInitialDirectory(Fx.saveFolderFor(vm.explore().generator().runDirectoryProperty().get()));
        }
        File f = fc.showSaveDialog(getScene().getWindow());
        return java.util.Optional.ofNullable(f).map(File::toPath);
    }
}
