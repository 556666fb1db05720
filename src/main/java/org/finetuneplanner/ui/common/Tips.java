package org.finetuneplanner.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.event.EventHandler;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * Explanations on hover. A {@link Tooltip} is a popup window with a scene of its own; the window's first frame made
 * twenty of them (11 % of the start's FX-thread samples, docs/performance.md) though most are never shown. Here the
 * tooltip is made when the pointer first enters its control, and its words are the control's accessible help at
 * once (what a screen reader says, which JavaFX otherwise takes from the tooltip).
 */
public final class Tips {
    /** Tooltips wrap at this width (px). */
    private static final double WIDTH = 420;

    private Tips() {
    }

    /** {@code control} explained by {@code text} (in the language of the moment): help now, tooltip on hover. */
    public static void explain(Control control, ObservableValue<String> text) {
        control.accessibleHelpProperty().bind(text);
        EventHandler<MouseEvent> first = new EventHandler<>() {
            @Override
            public void handle(MouseEvent e) {
                control.removeEventHandler(MouseEvent.MOUSE_ENTERED, this);
                if (control.getTooltip() == null) {
                    control.setTooltip(tooltip(text));
                }
            }
        };
        control.addEventHandler(MouseEvent.MOUSE_ENTERED, first);
    }

    /** A tooltip that says {@code text}, wrapped. */
    public static Tooltip tooltip(ObservableValue<String> text) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(text);
        tip.setWrapText(true);
        tip.setMaxWidth(WIDTH);
        return tip;
    }
}
