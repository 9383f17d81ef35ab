package io.dcganexplorer.ui;

import io.dcganexplorer.image.Pixels;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The arithmetic panel (paper Fig. 7): groups A, B, C filled from the current z, each with its
 * members and the image of its mean; Compute shows mean(A) - mean(B) + mean(C) as a 3x3 grid with
 * noise around the centre, and beside it the same from single exemplars.
 */
final class ArithmeticView extends VBox {
    private static final int MEMBER = 32;
    private static final int MEAN = 64;
    private static final int CELL = 56;

    private final ArithmeticViewModel vm;
    private final java.util.Map<String, FlowPane> memberPanes = new java.util.HashMap<>();
    private final java.util.Map<String, ImageView> meanViews = new java.util.HashMap<>();
    private final java.util.Map<String, Button> addButtons = new java.util.HashMap<>();
    private final java.util.Map<String, Button> clearButtons = new java.util.HashMap<>();
    private final java.util.Map<String, Label> countLabels = new java.util.HashMap<>();
    private TextField scaleField;
    private Button computeButton;
    private Button saveButton;
    private GridPane resultGrid;
    private GridPane naiveGrid;
    private final java.util.Map<String, TextField> exprFields = new java.util.HashMap<>();
    private TextField poolField;
    private TextField membersField;
    private javafx.scene.control.ComboBox<ArithmeticViewModel.AttributeFeatures> featuresChoice;
    private javafx.scene.control.ComboBox<io.dcganexplorer.latent.GroupMean> meansChoice;
    private Button autoButton;
    private Button cancelAutoButton;
    private ProgressBar autoProgress;
    private Label autoStatus;
    private TextField sweepSeedsField;
    private Button sweepButton;
    private Button cancelSweepButton;
    private Button exploreChosenButton;
    private ProgressBar sweepProgress;
    private Label sweepStatus;
    private javafx.scene.control.ListView<ArithmeticSweepViewModel.Row> sweepRows;

    ArithmeticView(ArithmeticViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(8);
        setPadding(new Insets(8));
        // Rows that wrap (FlowPane) rather than run on (HBox): the panel shares a 1280-wide window with
        // the samples and the current z, and groups, grids and fields move below when it is narrow.
        FlowPane groups = new FlowPane(10, 10);
        String[] roles = {"A: smiling woman", "B: neutral woman", "C: neutral man"};
        for (int i = 0; i < ArithmeticViewModel.GROUPS.size(); i++) {
            String g = ArithmeticViewModel.GROUPS.get(i);
            FlowPane members = new FlowPane(2, 2);
            members.setPrefWrapLength(3 * (MEMBER + 2));
            members.setMinHeight(MEMBER);
            ImageView mean = Fx.pixelView(MEAN);
            mean.setId("mean" + g);
            Button add = Fx.button("Add current", "add" + g + "Button", "Add the current z to group " + g
                    + " (e.g. " + roles[i].substring(3) + ")");
            add.setMinWidth(Region.USE_PREF_SIZE);
            Button clear = Fx.button("Clear", "clear" + g + "Button", "Empty group " + g);
            clear.setMinWidth(Region.USE_PREF_SIZE);
            Label count = Fx.label("", "count" + g + "Label");
            VBox box = new VBox(4, Fx.title(roles[i]), new HBox(4, add, clear), count, members,
                    new Label("mean"), mean);
            box.setId("group" + g);
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.setStyle("-fx-border-color: #cccccc; -fx-padding: 4;");
            memberPanes.put(g, members);
            meanViews.put(g, mean);
            addButtons.put(g, add);
            clearButtons.put(g, clear);
            countLabels.put(g, count);
            groups.getChildren().add(box);
        }
        scaleField = new TextField("0.25");
        scaleField.setId("scaleField");
        scaleField.setPrefColumnCount(5);
        scaleField.setTooltip(new Tooltip("Uniform noise +-scale per dimension around Y in the outer eight cells"));
        computeButton = Fx.button("Compute", "computeButton", "Render mean(A) - mean(B) + mean(C)");
        saveButton = Fx.button("Save groups", "saveGroupsButton",
                "Save A, B and C in this run's latents.json; they load again when the run opens");
        meansChoice = new javafx.scene.control.ComboBox<>();
        meansChoice.getItems().setAll(io.dcganexplorer.latent.GroupMean.values());
        meansChoice.setId("groupMeanChoice");
        meansChoice.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(io.dcganexplorer.latent.GroupMean m) {
                return m == null ? "" : m == io.dcganexplorer.latent.GroupMean.PLAIN ? "plain means" : "rescaled means";
            }

            @Override
            public io.dcganexplorer.latent.GroupMean fromString(String s) {
                return s.startsWith("rescaled") ? io.dcganexplorer.latent.GroupMean.RESCALED
                        : io.dcganexplorer.latent.GroupMean.PLAIN;
            }
        });
        meansChoice.setTooltip(new Tooltip("plain: each group's element-wise mean, as in the paper. rescaled: the "
                + "mean's direction at its members' length. The mean of three samples is about 1.7 times shorter "
                + "than each, so plain Y is shorter than the single exemplars' a - b + c, and this generator draws "
                + "an attribute more strongly further out; rescaled compares the two at the same length"));
        FlowPane commands = new FlowPane(6, 6, new Label("noise scale"), scaleField, meansChoice, computeButton,
                saveButton);
        commands.setAlignment(Pos.CENTER_LEFT);
        resultGrid = grid("resultGrid");
        naiveGrid = grid("naiveGrid");
        FlowPane results = new FlowPane(16, 8, new VBox(4, Fx.title("Y = mean(A) - mean(B) + mean(C)"), resultGrid),
                new VBox(4, Fx.title("single exemplars (first of each)"), naiveGrid));
        FlowPane exprs = new FlowPane(6, 4);
        exprs.setAlignment(Pos.CENTER_LEFT);
        for (String g : ArithmeticViewModel.GROUPS) {
            TextField f = new TextField();
            f.setId("autoExpr" + g);
            f.setPrefColumnCount(11);
            f.setTooltip(new Tooltip("Attributes group " + g + " should show: names joined by &, ! negates, "
                    + "e.g. smiling&!male"));
            exprFields.put(g, f);
            HBox labelled = new HBox(4, new Label(g), f);
            labelled.setAlignment(Pos.CENTER_LEFT);
            exprs.getChildren().add(labelled);
        }
        poolField = new TextField();
        poolField.setId("autoPoolField");
        poolField.setPrefColumnCount(5);
        poolField.setTooltip(new Tooltip("How many generated samples the classifier scores"));
        membersField = new TextField();
        membersField.setId("autoMembersField");
        membersField.setPrefColumnCount(3);
        membersField.setTooltip(new Tooltip("Exemplars per group, 1 to " + ArithmeticViewModel.MAX_MEMBERS + ": the "
                + "paper averages 3. On the faces-v3 run, 10 with rescaled means beat the single exemplars on 90 "
                + "held-out seeds where 3 only tied them (README, Face arithmetic)"));
        featuresChoice = new javafx.scene.control.ComboBox<>();
        featuresChoice.getItems().setAll(ArithmeticViewModel.AttributeFeatures.values());
        featuresChoice.setId("autoFeaturesChoice");
        featuresChoice.setTooltip(new Tooltip("Whose features the attribute classifier reads: the real-pixel CNN "
                + "(trained once per dataset and size, then cached; it judges generated faces like real ones) or "
                + "the run's discriminator (nothing to train, but on the 64x64 faces run it saw smiles where "
                + "there were none)"));
        autoButton = Fx.button("Auto-fill", "autoFillButton", "Fit a linear attribute classifier on the "
                + "chosen features of real images, score generated samples and fill A, B, C with the best "
                + "matches among the more real half; also adds a slider direction per attribute");
        cancelAutoButton = Fx.button("Cancel", "cancelAutoButton", "Stop; the groups stay as they were");
        autoProgress = progressBar("autoProgress");
        autoStatus = statusLine("autoStatusLabel", 560);
        // Two rows, so that the labels and buttons keep their text in a 1280-wide window.
        HBox pool = new HBox(6, new Label("samples"), poolField);
        HBox scorer = new HBox(6, new Label("scored by"), featuresChoice);
        HBox perGroup = new HBox(6, new Label("exemplars per group"), membersField);
        for (HBox b : List.of(pool, scorer, perGroup)) {
            b.setAlignment(Pos.CENTER_LEFT);
        }
        FlowPane scoringRow = new FlowPane(6, 4, pool, scorer, perGroup);
        scoringRow.setAlignment(Pos.CENTER_LEFT);
        HBox buttonRow = new HBox(6, autoButton, cancelAutoButton, autoProgress);
        buttonRow.setAlignment(Pos.CENTER_LEFT);
        VBox autoRow = new VBox(4, scoringRow, buttonRow);
        VBox auto = new VBox(4, Fx.title("Automatic exemplars (data with attributes)"), exprs, autoRow,
                autoStatus);
        getChildren().setAll(Fx.title("Vector arithmetic (paper Fig. 7)"), auto, groups, commands, results,
                createSweep());
    }

    /** "Which checkpoint shows it?": the automatic arithmetic measured on every checkpoint of the run. */
    private VBox createSweep() {
        sweepSeedsField = new TextField();
        sweepSeedsField.setId("sweepSeedsField");
        sweepSeedsField.setPrefColumnCount(4);
        sweepSeedsField.setTooltip(new Tooltip("Seeds (rounds) per checkpoint, from the noise seed on; the chosen "
                + "checkpoint is measured again on as many new seeds"));
        sweepButton = Fx.button("Sweep checkpoints", "sweepButton", "Run the automatic arithmetic above on "
                + "every checkpoint of this run (the expressions, samples, scorer and means set here), choose the one "
                + "with the highest averaged share and measure it again on seeds that took no part in the choice, "
                + "as 'arithmetic --sweep' does. Keep every checkpoint with Settings > Keep checkpoints 0");
        cancelSweepButton = Fx.button("Cancel", "cancelSweepButton", "Stop after the current round; nothing "
                + "is saved");
        exploreChosenButton = Fx.button("Explore the chosen checkpoint", "exploreChosenButton",
                "Open the checkpoint the sweep chose here, in place of the one shown");
        sweepProgress = progressBar("sweepProgress");
        sweepStatus = statusLine("sweepStatusLabel", 720);
        sweepRows = new javafx.scene.control.ListView<>();
        sweepRows.setId("sweepRows");
        sweepRows.setPrefHeight(140);
        sweepRows.setMaxWidth(720);
        sweepRows.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ArithmeticSweepViewModel.Row row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : row.text());
            }
        });
        HBox controls = new HBox(6, new Label("seeds per checkpoint"), sweepSeedsField, sweepButton, cancelSweepButton,
                sweepProgress);
        controls.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, Fx.title("Which checkpoint shows it? (the automatic arithmetic above, on each)"),
                controls, sweepStatus, sweepRows, exploreChosenButton);
    }

    private static GridPane grid(String id) {
        GridPane g = new GridPane();
        g.setId(id);
        g.setHgap(2);
        g.setVgap(2);
        g.setStyle("-fx-background-color: #202020;");
        g.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        for (int i = 0; i < 9; i++) {
            g.add(Fx.pixelView(CELL), i % 3, i / 3);
        }
        return g;
    }

    private void initListeners() {
        for (String g : ArithmeticViewModel.GROUPS) {
            ObservableList<float[]> members = vm.group(g);
            addButtons.get(g).setOnAction(e -> vm.addCurrent(g));
            clearButtons.get(g).setOnAction(e -> vm.clear(g));
            clearButtons.get(g).disableProperty().bind(Bindings.isEmpty(members));
            countLabels.get(g).textProperty().bind(Bindings.createStringBinding(() -> members.size() + " of "
                    + vm.autoMembersProperty().get() + " exemplars", members, vm.autoMembersProperty()));
            meanViews.get(g).imageProperty().bind(Bindings.createObjectBinding(() ->
                    vm.meanImageProperty(g).get() == null ? null : Fx.image(vm.meanImageProperty(g).get()),
                    vm.meanImageProperty(g)));
            members.addListener((ListChangeListener<float[]>) c -> showMembers(g));
        }
        vm.explore().current().currentZProperty().addListener((obs, o, n) -> {
            for (Button b : addButtons.values()) {
                b.setDisable(n == null);
            }
        });
        addButtons.values().forEach(b -> b.setDisable(vm.explore().current().currentZProperty().get() == null));
        computeButton.disableProperty().bind(vm.canComputeProperty().not());
        computeButton.setOnAction(e -> {
            applyScale();
            vm.compute();
        });
        saveButton.disableProperty().bind(vm.explore().generator().readyProperty().not());
        saveButton.setOnAction(e -> vm.saveGroups());
        scaleField.setOnAction(e -> applyScale());
        for (String g : ArithmeticViewModel.GROUPS) {
            exprFields.get(g).textProperty().bindBidirectional(vm.autoExpressionProperty(g));
            exprFields.get(g).disableProperty().bind(vm.autoRunningProperty());
        }
        poolField.setText(Integer.toString(vm.autoPoolProperty().get()));
        poolField.disableProperty().bind(vm.autoRunningProperty());
        membersField.setText(Integer.toString(vm.autoMembersProperty().get()));
        membersField.disableProperty().bind(vm.autoRunningProperty().or(vm.sweep().runningProperty()));
        featuresChoice.valueProperty().bindBidirectional(vm.autoFeaturesProperty());
        meansChoice.valueProperty().bindBidirectional(vm.groupMeanProperty());
        featuresChoice.disableProperty().bind(vm.autoRunningProperty());
        ArithmeticSweepViewModel sweep = vm.sweep();
        autoButton.disableProperty().bind(vm.autoRunningProperty().or(sweep.runningProperty())
                .or(vm.explore().generator().readyProperty().not()));
        sweepSeedsField.setText(Integer.toString(sweep.seedsProperty().get()));
        sweepSeedsField.disableProperty().bind(sweep.runningProperty());
        sweepButton.disableProperty().bind(sweep.runningProperty().or(vm.autoRunningProperty())
                .or(vm.explore().generator().readyProperty().not()));
        sweepButton.setOnAction(e -> {
            applyScale();
            if (applyMembers() && applyPool() && applySweepSeeds()) {
                sweep.start();
            }
        });
        bindJob(sweep.runningProperty(), sweep.progressProperty(), sweep.statusProperty(), cancelSweepButton,
                sweep::cancel, sweepProgress, sweepStatus);
        sweepRows.setItems(sweep.rows());
        exploreChosenButton.disableProperty().bind(sweep.chosenProperty().isNull().or(sweep.runningProperty())
                .or(Bindings.equal(sweep.chosenProperty(), vm.explore().generator().checkpointProperty())));
        exploreChosenButton.setOnAction(e -> sweep.exploreChosen());
        autoButton.setOnAction(e -> {
            if (applyMembers() && applyPool()) {
                vm.autoFill();
            }
        });
        bindJob(vm.autoRunningProperty(), vm.autoProgressProperty(), vm.autoStatusProperty(), cancelAutoButton,
                vm::cancelAuto, autoProgress, autoStatus);
        vm.results().addListener((ListChangeListener<Pixels>) c -> show(resultGrid, vm.results()));
        vm.naiveResults().addListener((ListChangeListener<Pixels>) c -> show(naiveGrid, vm.naiveResults()));
    }

    private static ProgressBar progressBar(String id) {
        ProgressBar bar = new ProgressBar(0);
        bar.setId(id);
        bar.setPrefWidth(140);
        return bar;
    }

    private static Label statusLine(String id, double maxWidth) {
        Label line = Fx.label("", id);
        line.setWrapText(true);
        line.setMaxWidth(maxWidth);
        return line;
    }

    /** A background job's Cancel button, progress bar (shown while it runs) and status line. */
    private static void bindJob(javafx.beans.property.ReadOnlyBooleanProperty running,
            javafx.beans.property.ReadOnlyDoubleProperty progress, javafx.beans.property.ReadOnlyStringProperty status,
            Button cancel, Runnable onCancel, ProgressBar bar, Label line) {
        cancel.disableProperty().bind(running.not());
        cancel.setOnAction(e -> onCancel.run());
        bar.progressProperty().bind(progress);
        bar.visibleProperty().bind(running);
        line.textProperty().bind(status);
    }

    /**
     * The pool's lower bound depends on exemplars per group: auto-fill and the sweep refuse a small one, saying why.
     */
    private boolean applyPool() {
        return applyCount(poolField, vm.autoPoolProperty(), 1, 100_000);
    }

    private boolean applyMembers() {
        return applyCount(membersField, vm.autoMembersProperty(), 1, ArithmeticViewModel.MAX_MEMBERS);
    }

    private boolean applySweepSeeds() {
        return applyCount(sweepSeedsField, vm.sweep().seedsProperty(), 1, 100);
    }

    /** The field's whole number into {@code into} if it is in min..max; otherwise the field shows the value in use. */
    private static boolean applyCount(TextField field, javafx.beans.property.IntegerProperty into, int min, int max) {
        try {
            int n = Integer.parseInt(field.getText().trim());
            if (n >= min && n <= max) {
                into.set(n);
                return true;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        field.setText(Integer.toString(into.get()));
        return false;
    }

    private void applyScale() {
        try {
            double s = Double.parseDouble(scaleField.getText().trim());
            if (s >= 0 && s <= 10) {
                vm.scaleProperty().set(s);
                return;
            }
        } catch (NumberFormatException e) {
            // fall through: show the value in use
        }
        scaleField.setText(Double.toString(vm.scaleProperty().get()));
    }

    private static void show(GridPane grid, List<Pixels> images) {
        for (int i = 0; i < grid.getChildren().size(); i++) {
            ((ImageView) grid.getChildren().get(i)).setImage(i < images.size() ? Fx.image(images.get(i)) : null);
        }
    }

    /** Thumbnails of a group's members, rendered in one batch off the UI thread. */
    private void showMembers(String g) {
        Thumbnails.show(vm.explore().generator(), vm.group(g), memberPanes.get(g), MEMBER);
    }
}
