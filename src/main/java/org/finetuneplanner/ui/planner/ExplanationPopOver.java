package org.finetuneplanner.ui.planner;

import java.util.ArrayList;
import java.util.List;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.Subscription;

import org.controlsfx.control.PopOver;

import org.finetuneplanner.ui.common.Styles;
import org.finetuneplanner.ui.common.Texts;

/**
 * How a memory part is computed, shown where the user clicked: a pop-over anchored at the part's segment (or its
 * legend entry) with each term's formula, numbers and source. Escape or a click elsewhere closes it. The words
 * follow the view-model while it is open and are not made while it is closed.
 */
final class ExplanationPopOver {
    private final ResultsViewModel vm;
    private final PopOver popOver = new PopOver();
    private final VBox terms = new VBox(4);
    private final Label title = new Label();
    private final ObservableValue<String> emptyText;
    private Subscription following = Subscription.EMPTY;

    ExplanationPopOver(ResultsViewModel vm, Texts texts) {
        this.vm = vm;
        terms.setId("explanation");
        terms.getStyleClass().add(Styles.EXPLANATION);
        title.setId("explanationTitle");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        title.setWrapText(true);
        // No scroll pane: a part has a handful of terms, and the pop-over grows to show them all at once.
        VBox box = new VBox(6, title, terms);
        box.getStyleClass().add("explanation-box");
        box.setPrefWidth(480);
        box.setMaxWidth(480);
        popOver.setContentNode(box);
        popOver.setDetachable(false);
        popOver.setAutoHide(true);
        popOver.setHideOnEscape(true);
        popOver.setArrowLocation(PopOver.ArrowLocation.TOP_CENTER);
        popOver.getStyleClass().add("explanation-popover");
        popOver.setOnShowing(e -> following = Subscription.combine(
                vm.explanationTitleProperty().subscribe(title::setText),
                vm.explanationProperty().subscribe(this::show)));
        popOver.setOnHidden(e -> {
            following.unsubscribe();
            following = Subscription.EMPTY;
        });
        this.emptyText = texts.t("results.explanation.empty");
    }

    /** Opens the pop-over at {@code anchor} (a bar segment or a legend entry). */
    void show(Node anchor) {
        if (popOver.isShowing()) {
            popOver.hide(Duration.ZERO);
        }
        // A pop-over is a window of its own: it takes the app's stylesheets (theme tokens, app.css) from the anchor.
        if (anchor.getScene() != null) {
            popOver.getRoot().getStylesheets().setAll(anchor.getScene().getStylesheets());
        }
        popOver.show(anchor);
    }

    boolean isShowing() {
        return popOver.isShowing();
    }

    PopOver popOver() {
        return popOver;
    }

    private void show(List<ExplainedTerm> list) {
        List<Node> nodes = new ArrayList<>();
        if (list.isEmpty()) {
            Label none = new Label();
            none.textProperty().bind(emptyText);
            none.getStyleClass().add(Styles.MUTED);
            nodes.add(none);
        }
        for (ExplainedTerm t : list) {
            Label name = new Label(t.name());
            name.getStyleClass().add("term-name");
            name.setWrapText(true);
            nodes.add(name);
            nodes.add(wrapped(t.formula(), Styles.FORMULA));
            nodes.add(wrapped(t.numbers(), Styles.FORMULA));
            if (!t.source().isEmpty()) {
                nodes.add(wrapped(t.source(), Styles.MUTED));
            }
        }
        terms.getChildren().setAll(nodes);
    }

    private static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add(style);
        return l;
    }
}
