package org.finetuneplanner.ui.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * Inputs on the left, results on the right; in presentation mode the essential inputs under the presentation's bar,
 * and the results folded to what a meeting looks at.
 */
public final class PlannerView extends SplitPane {
    /** The style class of the planner while presenting (presentation.css). */
    static final String PRESENTING = "presenting";
    /** The style class of the presentation's inputs while they show the whole form. */
    private static final String ALL_INPUTS = "all-inputs";
    private final PlannerViewModel vm;
    private final Texts texts;
    private final InputsView inputs;
    private ResultsView results;
    private boolean placed;
    private boolean scheduled;

    /** Made on first use: presentation mode stays off the start path. */
    private BorderPane presentationInputs;
    private ScrollPane essentials;
    private double[] normalDividers;
    private boolean followingTable;
    /** What {@link #fold} changed, each undone when the presentation ends. */
    private final List<Runnable> unfold = new ArrayList<>();

    /** Inputs and results built at once. */
    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser) {
        this(vm, texts, configChooser, null);
    }

    /**
     * @param resultsShown null: the results are built at once; else the window's first frame shows the inputs and
     *                     an empty results pane, the results are built right after it, and this runs once they are
     *                     in the scene (the app's start: the results' nodes are half of the window's)
     */
    public PlannerView(PlannerViewModel vm, Texts texts, Supplier<Path> configChooser, Runnable resultsShown) {
        this.vm = vm;
        this.texts = texts;
        inputs = new InputsView(vm.inputs(), texts, configChooser);
        if (resultsShown == null) {
            getItems().setAll(inputs, results());
        } else {
            Region pending = new Region();
            pending.getStyleClass().add(Styles.RESULTS);
            getItems().setAll(inputs, pending);
            sceneProperty().subscribe(scene -> {
                if (scene != null && !scheduled) {
                    scheduled = true;
                    // Behind what else waits for the first frame (the start's probe): once more through the queue.
                    Frames.afterNext(scene, () -> Platform.runLater(() -> {
                        double[] divider = getDividerPositions();
                        getItems().set(1, results());
                        setDividerPositions(divider);
                        if (getStyleClass().contains(PRESENTING)) {
                            // Presenting already (F11 in the first frame): the results fold as they come.
                            fold();
                        }
                        resultsShown.run();
                    }));
                }
            });
        }
        SplitPane.setResizableWithParent(inputs, false);
        // The inputs' least width is in em (app.css: 25.4em, 330 px at 13 px): it grows with the zoom, so a zoomed
        // form pushes the divider instead of cutting its labels.
        // The inputs get about 30% of the first real width, between 340 and 440 px: two short fields to a row
        // fit, and the results keep the rest. Later the user's divider wins (the inputs do not resize with the
        // window).
        widthProperty().subscribe(w -> {
            if (!placed && w.doubleValue() > 0) {
                placed = true;
                setDividerPositions(Math.min(440, Math.max(340, w.doubleValue() * 0.3)) / w.doubleValue());
            }
        });
    }

    /**
     * Follows presentation mode: while {@code presenting}, {@code bar} (asked for once, on first use) above the
     * essential inputs, or above the whole form while {@code allInputs}; the results folded (the options' tab in
     * front, the table filling the height). Off again, the form and the dividers come back as they were.
     */
    public void presentation(ObservableValue<Boolean> presenting, ObservableValue<Boolean> allInputs,
                             Supplier<Node> bar) {
        presenting.subscribe(on -> {
            if (on) {
                present(allInputs.getValue(), bar);
            } else if (presentationInputs != null && getItems().get(0) == presentationInputs) {
                unpresent();
            }
        });
        allInputs.subscribe(all -> {
            if (presentationInputs != null && getItems().get(0) == presentationInputs) {
                showInputs(all);
            }
        });
    }

    private void present(boolean allInputs, Supplier<Node> bar) {
        if (presentationInputs == null) {
            essentials = new ScrollPane(new EssentialsView(vm.inputs(), texts));
            essentials.setFitToWidth(true);
            essentials.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            essentials.getStyleClass().add("essentials-pane");
            presentationInputs = new BorderPane();
            presentationInputs.setId("presentationInputs");
            presentationInputs.getStyleClass().add("presentation-inputs");
            presentationInputs.setTop(bar.get());
            SplitPane.setResizableWithParent(presentationInputs, false);
            getStylesheets().add(PlannerView.class.getResource("/org/finetuneplanner/ui/presentation.css")
                    .toExternalForm());
        }
        normalDividers = getDividerPositions();
        // The form leaves the split pane before it may enter the presentation's pane (a node has one parent).
        getItems().set(0, presentationInputs);
        showInputs(allInputs);
        getStyleClass().add(PRESENTING);
        fold();
    }

    /**
     * The essentials, or the whole form with the width it needs (presentation.css: "all-inputs"); the divider as far
     * left as the presentation's inputs allow (their minimum width is in em: it follows the zoom).
     */
    private void showInputs(boolean all) {
        presentationInputs.setCenter(all ? inputs : essentials);
        presentationInputs.getStyleClass().remove(ALL_INPUTS);
        if (all) {
            presentationInputs.getStyleClass().add(ALL_INPUTS);
        }
        presentationInputs.applyCss();
        setDividerPositions(0);
    }

    private void unpresent() {
        presentationInputs.setCenter(null);
        getItems().set(0, inputs);
        getStyleClass().remove(PRESENTING);
        // Put back in the reverse order of the changes.
        for (int i = unfold.size() - 1; i >= 0; i--) {
            unfold.get(i).run();
        }
        unfold.clear();
        setDividerPositions(normalDividers);
    }

    /**
     * Folds the results to what a meeting looks at: the options' tab in front, the options taking the height; what it
     * changes is remembered and put back as it was when the presentation ends (a node the results view does not have
     * is left alone).
     */
    private void fold() {
        if (results == null) {
            return;
        }
        // The options' tab in front while presenting (the memory of every option, cost over time and the notes
        // stay a click away); the tab the user had comes back after.
        Node options = results.lookup("#resultTabs");
        if (options instanceof TabPane tabs) {
            int shown = tabs.getSelectionModel().getSelectedIndex();
            tabs.getSelectionModel().select(0);
            unfold.add(() -> tabs.getSelectionModel().select(shown));
        }
        Node table = results.lookup("#optionsTable");
        for (Node n : List.of(options, table)) {
            if (n != null && n.getParent() instanceof VBox) {
                Priority grow = VBox.getVgrow(n);
                VBox.setVgrow(n, Priority.ALWAYS);
                unfold.add(() -> VBox.setVgrow(n, grow));
            }
        }
        if (table instanceof TableView<?> t) {
            if (!followingTable) {
                followingTable = true;
                // A new height (the zoom, the fold) or new rows (a recomputation) bring the rows back to the top
                // (cheapest first, as the recommendation reads) with the selected one in view: after the results
                // view's own scrolling, which puts the selected row on top.
                t.heightProperty().subscribe(h -> revealLater(t));
                t.getItems().addListener((ListChangeListener<Object>) c -> revealLater(t));
            }
            revealLater(t);
        }
        // Only the options give height: the cards above keep theirs (a wrapped recommendation is never cut to one
        // line), so the table scrolls its rows inside the screen instead of the results scrolling past it.
        if (results.getContent() instanceof Pane content) {
            for (Node n : content.getChildren()) {
                if (n != options && n instanceof Region r && !r.minHeightProperty().isBound()) {
                    double min = r.getMinHeight();
                    r.setMinHeight(Region.USE_PREF_SIZE);
                    unfold.add(() -> r.setMinHeight(min));
                }
            }
        }
        boolean fit = results.isFitToHeight();
        results.setFitToHeight(true);
        unfold.add(() -> results.setFitToHeight(fit));
    }

    private void revealLater(TableView<?> t) {
        Platform.runLater(() -> {
            if (getStyleClass().contains(PRESENTING)) {
                t.scrollTo(0);
                int selected = t.getSelectionModel().getSelectedIndex();
                if (selected >= 0 && t.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                    // As little as it takes to show the whole row.
                    flow.scrollTo(selected);
                }
            }
        });
    }

    private ResultsView results() {
        results = new ResultsView(vm.results(), texts);
        return results;
    }

    /** The results side, once it is built (for the chart exports of the File menu). */
    public Optional<ResultsView> resultsView() {
        return Optional.ofNullable(results);
    }
}
