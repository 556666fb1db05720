package org.finetuneplanner.ui.common;

import java.util.List;

import javafx.scene.Node;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Layout helpers shared by the views. */
public final class Rows {
    private Rows() {
    }

    /**
     * Two nodes side by side sharing the width evenly: both grow, and both ask for the same small width so that
     * neither's content decides the split.
     */
    public static HBox pair(double gap, Node left, Node right) {
        HBox row = new HBox(gap, left, right);
        for (Node n : List.of(left, right)) {
            HBox.setHgrow(n, Priority.ALWAYS);
            if (n instanceof Region r) {
                r.setPrefWidth(50);
                r.setMaxWidth(Double.MAX_VALUE);
            }
        }
        return row;
    }
}
