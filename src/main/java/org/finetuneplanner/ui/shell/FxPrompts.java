package org.finetuneplanner.ui.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Optional;
import java.util.function.Supplier;

import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar.ButtonData;
import javafx.scene.control.ButtonType;
import javafx.stage.Window;

import org.finetuneplanner.ui.common.Messages;

/**
 * {@link Prompts} as dialogs over the window, in the app's language and theme. Every answer has a mnemonic (Alt and
 * its underlined letter), Enter takes the safe default (Save, Restore) and Escape cancels (Cancel, Later).
 */
public final class FxPrompts implements Prompts {
    private final Supplier<Window> owner;
    private final Supplier<Messages> messages;

    public FxPrompts(Supplier<Window> owner, Supplier<Messages> messages) {
        this.owner = owner;
        this.messages = messages;
    }

    @Override
    public Unsaved unsavedChanges(String scenarioName) {
        Messages m = messages.get();
        ButtonType save = new ButtonType(m.text("prompt.unsaved.save"), ButtonData.YES);
        ButtonType discard = new ButtonType(m.text("prompt.unsaved.discard"), ButtonData.NO);
        ButtonType cancel = new ButtonType(m.text("prompt.unsaved.cancel"), ButtonData.CANCEL_CLOSE);
        Alert alert = alert(m.text("prompt.unsaved.title"), m.text("prompt.unsaved.header", scenarioName),
                m.text("prompt.unsaved.text"), save, discard, cancel);
        alert.getDialogPane().setId("unsavedPrompt");
        ButtonType answer = alert.showAndWait().orElse(cancel);
        return answer == save ? Unsaved.SAVE : answer == discard ? Unsaved.DISCARD : Unsaved.CANCEL;
    }

    @Override
    public Recovery recover(String scenarioName, Optional<Instant> savedAt, Optional<Path> source) {
        Messages m = messages.get();
        ButtonType restore = new ButtonType(m.text("prompt.recover.restore"), ButtonData.YES);
        ButtonType discard = new ButtonType(m.text("prompt.recover.discard"), ButtonData.NO);
        ButtonType later = new ButtonType(m.text("prompt.recover.later"), ButtonData.CANCEL_CLOSE);
        String when = savedAt.map(t -> m.text("prompt.recover.at", DateTimeFormatter
                .ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(m.locale()).withZone(ZoneId.systemDefault())
                .format(t))).orElse("");
        String text = source.map(f -> m.text("prompt.recover.textFile", scenarioName, when, f.getFileName()))
                .orElseGet(() -> m.text("prompt.recover.text", scenarioName, when));
        Alert alert = alert(m.text("prompt.recover.title"), m.text("prompt.recover.header"), text, restore, discard,
                later);
        alert.getDialogPane().setId("recoverPrompt");
        ButtonType answer = alert.showAndWait().orElse(later);
        return answer == restore ? Recovery.RESTORE : answer == discard ? Recovery.DISCARD : Recovery.LATER;
    }

    private Alert alert(String title, String header, String text, ButtonType... answers) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, answers);
        alert.setTitle(title);
        alert.setHeaderText(header);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        for (ButtonType t : answers) {
            if (alert.getDialogPane().lookupButton(t) instanceof Button b) {
                b.setMnemonicParsing(true);
                b.setDefaultButton(t == answers[0]);
            }
        }
        return alert;
    }
}
