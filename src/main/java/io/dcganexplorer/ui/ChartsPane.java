package io.dcganexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Point2D;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Loss_D and Loss_G on one chart, D(x) and D(G(z)) on another, over the whole run (the view
 * model's bounded series), with a smoothing slider and a hover readout of step and values. The
 * charts are redrawn at most every {@value #REDRAW_MS} ms however fast training goes.
 */
final class ChartsPane extends VBox {
    static final int REDRAW_MS = 200;

    private final TrainingViewModel vm;
    private LineChart<Number, Number> lossChart;
    private LineChart<Number, Number> probChart;
    /** The sample-quality score over training (scores.csv); shown once the run has a score. */
    private LineChart<Number, Number> scoreChart;
    private Label scoreStatus;
    private Slider smoothingSlider;
    private Label smoothingValue;
    private Label hoverLabel;
    private final PauseTransition redrawLater = new PauseTransition(Duration.millis(REDRAW_MS));
    private boolean dirty;

    ChartsPane(TrainingViewModel vm) {
        this.vm = vm;
        createView();
        initListeners();
    }

    private void createView() {
        setSpacing(4);
        setPadding(new Insets(6));
        lossChart = chart("lossChart", "Loss", "Loss_D", "Loss_G");
        probChart = chart("probChart", "D output", "D(x)", "D(G(z))");
        scoreChart = chart("scoreChart", "FD (lower is better)", "FD of generated images",
                "floor: real training images");
        Tooltip.install(scoreChart, new Tooltip("Frechet distance to the test images in the features of a classifier "
                + "trained on the dataset (the score command; \"Score every\" in the settings)"));
        scoreStatus = Fx.label("", "scoreStatus");
        smoothingSlider = new Slider(0, Smoothing.MAX, vm.smoothingProperty().get());
        smoothingSlider.setId("smoothingSlider");
        smoothingSlider.setTooltip(new Tooltip("Exponential moving average of the lines: 0 = raw values"));
        HBox.setHgrow(smoothingSlider, Priority.ALWAYS);
        smoothingValue = Fx.label("", "smoothingValue");
        smoothingValue.setMinWidth(40);
        hoverLabel = Fx.label("hover over a chart for step and values", "hoverLabel");
        hoverLabel.setStyle("-fx-font-family: monospace;");
        HBox controls = new HBox(6, new Label("Smoothing"), smoothingSlider, smoothingValue);
        VBox.setVgrow(lossChart, Priority.ALWAYS);
        VBox.setVgrow(probChart, Priority.ALWAYS);
        VBox.setVgrow(scoreChart, Priority.ALWAYS);
        getChildren().setAll(lossChart, probChart, scoreChart, scoreStatus, controls, hoverLabel);
    }

    private static LineChart<Number, Number> chart(String id, String yLabel, String... names) {
        NumberAxis x = new NumberAxis();
        x.setLabel("step");
        x.setForceZeroInRange(false);
        x.setAnimated(false);
        NumberAxis y = new NumberAxis();
        y.setLabel(yLabel);
        y.setForceZeroInRange(false);
        y.setAnimated(false);
        LineChart<Number, Number> c = new LineChart<>(x, y);
        c.setId(id);
        c.setAnimated(false);
        c.setCreateSymbols(false);
        c.setMinHeight(160);
        for (String n : names) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(n);
            c.getData().add(s);
        }
        return c;
    }

    private void initListeners() {
        smoothingSlider.valueProperty().bindBidirectional(vm.smoothingProperty());
        smoothingValue.textProperty().bind(vm.smoothingProperty().asString(Locale.ROOT, "%.2f"));
        vm.seriesVersionProperty().addListener((obs, o, n) -> requestRedraw());
        vm.scoreVersionProperty().addListener((obs, o, n) -> requestRedraw());
        scoreStatus.textProperty().bind(vm.scoreStatusProperty());
        scoreStatus.visibleProperty().bind(vm.scoreStatusProperty().isNotEmpty());
        scoreStatus.managedProperty().bind(scoreStatus.visibleProperty());
        redrawLater.setOnFinished(e -> redraw());
        for (LineChart<Number, Number> c : List.of(lossChart, probChart)) {
            c.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(c, e));
            c.setOnMouseExited(e -> hoverLabel.setText("hover over a chart for step and values"));
        }
        redraw();
    }

    private void requestRedraw() {
        if (!dirty) {
            dirty = true;
            redrawLater.playFromStart();
        }
    }

    /** Rebuilds the lines from the bounded series (at most its capacity points each). */
    void redraw() {
        dirty = false;
        fill(lossChart, TrainingViewModel.LOSS_D, TrainingViewModel.LOSS_G);
        fill(probChart, TrainingViewModel.D_REAL, TrainingViewModel.D_FAKE);
        fillScores();
    }

    private void fillScores() {
        List<XYChart.Data<Number, Number>> fd = new ArrayList<>();
        List<XYChart.Data<Number, Number>> floor = new ArrayList<>();
        for (var r : vm.scores()) {
            fd.add(new XYChart.Data<>(r.step(), r.fd()));
            if (Double.isFinite(r.floor())) {
                floor.add(new XYChart.Data<>(r.step(), r.floor()));
            }
        }
        scoreChart.getData().get(0).getData().setAll(fd);
        scoreChart.getData().get(1).getData().setAll(floor);
        boolean any = !fd.isEmpty();
        scoreChart.setVisible(any);
        scoreChart.setManaged(any);
    }

    private void fill(LineChart<Number, Number> chart, int... channels) {
        DownsampledSeries s = vm.series();
        for (int k = 0; k < channels.length; k++) {
            double[] v = vm.smoothed(channels[k]);
            List<XYChart.Data<Number, Number>> points = new ArrayList<>(v.length);
            for (int i = 0; i < v.length; i++) {
                points.add(new XYChart.Data<>(s.step(i), v[i]));
            }
            chart.getData().get(k).getData().setAll(points);
        }
    }

    private void hover(LineChart<Number, Number> c, MouseEvent e) {
        NumberAxis x = (NumberAxis) c.getXAxis();
        Point2D p = x.sceneToLocal(e.getSceneX(), e.getSceneY());
        if (p == null || p.getX() < 0 || p.getX() > x.getWidth()) {
            return;
        }
        double step = x.getValueForDisplay(p.getX()).doubleValue();
        String text = vm.describeNear(step);
        if (!text.isEmpty()) {
            hoverLabel.setText(text);
        }
    }

    /** Points in a chart's first line, for tests. */
    int points(String chartId) {
        LineChart<Number, Number> c = chartId.equals("lossChart") ? lossChart
                : chartId.equals("scoreChart") ? scoreChart : probChart;
        return c.getData().get(0).getData().size();
    }
}
