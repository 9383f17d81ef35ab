package io.dcganexplorer.ui;

import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The Explore tab, assembled from small panes: the {@link GeneratorBar} on top, the
 * {@link SampleGridPane} on the left (click one to make it current), the {@link CurrentZPane} with
 * its dimension and direction sliders in the middle, and on the right the walk (paper Fig. 4,
 * strip and animation), arithmetic (Fig. 7), direction (Fig. 8), Project (an image into z) and
 * nearest-neighbour (section 6) panels.
 */
public final class ExploreView extends BorderPane {
    private final ExploreViewModel vm;
    private final ArithmeticViewModel arithmetic;
    private final DirectionsViewModel directions;

    /**
     * Builds the panes and binds them to their models.
     *
     * @param vm the explorer the tab shows
     * @param arithmetic the arithmetic panel's model, over the same explorer
     * @param directions the directions panel's model, over the same explorer
     */
    public ExploreView(ExploreViewModel vm, ArithmeticViewModel arithmetic, DirectionsViewModel directions) {
        this.vm = vm;
        this.arithmetic = arithmetic;
        this.directions = directions;
        GeneratorBar bar = new GeneratorBar(vm.generator(), vm.current());
        SampleGridPane samples = new SampleGridPane(vm.generator(), vm.current());
        CurrentZPane current = new CurrentZPane(vm);
        WalkPane walk = new WalkPane(vm);

        // Built when first selected (Fx.lazyTab), as the main tabs are
        Tab arithmeticTab = Fx.lazyTab("Arithmetic", "arithmeticTab", () -> Fx.scroll(new ArithmeticView(arithmetic)));
        Tab directionsTab = Fx.lazyTab("Directions", "directionsTab", () -> Fx.scroll(new DirectionsView(directions)));
        Tab projectTab = Fx.lazyTab("Project", "projectTab", () -> Fx.scroll(new ProjectionPane(vm.projection())));
        Tab neighboursTab = Fx.lazyTab("Neighbours", "neighboursTab", () -> Fx.scroll(new NeighboursPane(
                vm.neighbours())));
        vm.neighbours().activeProperty().bind(neighboursTab.selectedProperty());
        TabPane panels = new TabPane(new Tab("Walk", walk), arithmeticTab, directionsTab, projectTab, neighboursTab);
        panels.setId("explorePanels");
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(panels, Priority.ALWAYS);

        setTop(bar);
        setLeft(samples);
        setCenter(new HBox(current, panels));
        sceneProperty().addListener((obs, o, n) -> {
            if (n == null) {
                walk.stop(); // no animation ticking behind a closed window
            }
        });
    }

    /** The explorer this tab shows. */
    public ExploreViewModel viewModel() {
        return vm;
    }

    /** The arithmetic panel's model. */
    public ArithmeticViewModel arithmetic() {
        return arithmetic;
    }

    /** The directions panel's model. */
    public DirectionsViewModel directions() {
        return directions;
    }
}
