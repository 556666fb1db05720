package org.finetuneplanner.ui.common;

import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.ListView;
import javafx.scene.control.SkinBase;

/**
 * Combo boxes whose drop-down list joins the scene when it is first opened. JavaFX's combo box skin
 * ({@code ComboBoxListViewSkin}) makes the list (a {@code ListView} with its flow, two scroll bars and cells) and
 * keeps it among the box's children, unmanaged, so that it is styled before it first opens: in the planner's form
 * ten lists, 216 of the first frame's 718 nodes, styled and laid out at every start though none is open (measured
 * with the startup probe: 0.11 s of the start's CPU, docs/performance.md). Here the list leaves the box when the
 * skin is made and comes back, and is styled, when the box is about to open for the first time ({@code ON_SHOWING}
 * fires before the skin shows its popup): from then on the box is exactly as JavaFX made it.
 */
public final class DropDowns {
    private DropDowns() {
    }

    /**
     * The same for the combo boxes a control's skin is made of (ControlsFX's searchable and check combo boxes open
     * an inner combo box).
     */
    public static void innerListsWhenOpened(Control control) {
        control.skinProperty().subscribe(skin -> {
            if (skin instanceof SkinBase<?> s) {
                s.getChildren().stream().filter(ComboBox.class::isInstance)
                        .forEach(inner -> listWhenOpened((ComboBox<?>) inner));
            }
        });
    }

    /** Keeps {@code box}'s list out of the scene until the box first opens (each skin the box is given). */
    public static void listWhenOpened(ComboBox<?> box) {
        box.skinProperty().subscribe(skin -> {
            if (!(skin instanceof SkinBase<?> s)) {
                return;
            }
            s.getChildren().stream().filter(ListView.class::isInstance).findFirst().ifPresent(list -> {
                s.getChildren().remove(list);
                EventHandler<Event> back = new EventHandler<>() {
                    @Override
                    public void handle(Event e) {
                        box.removeEventHandler(ComboBoxBase.ON_SHOWING, this);
                        if (list.getParent() == null && box.getSkin() == skin) {
                            s.getChildren().add(list);
                            box.applyCss();
                        }
                    }
                };
                box.addEventHandler(ComboBoxBase.ON_SHOWING, back);
            });
        });
    }
}
