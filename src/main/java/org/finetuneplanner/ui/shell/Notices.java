package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;

import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;

import org.finetuneplanner.ui.common.Messages;

/**
 * Short messages that something finished, shown at the window's corner for a few seconds (ControlsFX
 * {@link Notifications}) with an action to follow them up. Call on the FX thread.
 */
public final class Notices {
    private final Supplier<Window> owner;
    private final ObservableValue<Messages> messages;
    private final Consumer<Path> open;

    /**
     * @param owner    the window the notice belongs to (it appears at its lower right corner)
     * @param messages the language of the notice
     * @param open     opens a written file with the desktop's viewer
     */
    public Notices(Supplier<Window> owner, ObservableValue<Messages> messages, Consumer<Path> open) {
        this.owner = owner;
        this.messages = messages;
        this.open = open;
    }

    /**
     * "Report written" with the file's name and an Open action (the export flow calls this when a report is on
     * disk). The notice hides itself after eight seconds; the action opens the file and hides it.
     */
    public Notifications reportWritten(Path file) {
        Messages m = messages.getValue();
        Action openAction = new Action(m.text("notice.report.open"), e -> open.accept(file));
        Notifications n = Notifications.create()
                .title(m.text("notice.report.title"))
                .text(m.text("notice.report.text", file.getFileName(), file.toAbsolutePath().getParent()))
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(Duration.seconds(8))
                .action(openAction);
        Window w = owner.get();
        if (w != null) {
            n.owner(w);
        }
        n.showInformation();
        return n;
    }
}
