package org.finetuneplanner.ui.common;

import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/** Text that follows the language: each value re-reads its key when the user switches language. */
public final class Texts {
    private final ObservableValue<Messages> messages;

    public Texts(ObservableValue<Messages> messages) {
        this.messages = messages;
    }

    public ObservableValue<Messages> messages() {
        return messages;
    }

    public Messages now() {
        return messages.getValue();
    }

    /** The text of {@code key} with fixed arguments, following the language. */
    public ObservableValue<String> t(String key, Object... args) {
        return messages.map(m -> m.text(key, args));
    }

    /** A button whose words follow the language ("_" before its Alt letter), with an id for tests and styles. */
    public Button button(String id, String key, Runnable action) {
        Button b = new Button();
        b.setId(id);
        b.textProperty().bind(t(key));
        b.setMnemonicParsing(true);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** A converter that shows numbers in the current language's style, "12,5" in Vietnamese (chart axes). */
    public ObservableValue<StringConverter<Number>> numberConverter() {
        return messages.map(m -> {
            Formats f = Formats.of(m);
            return new StringConverter<Number>() {
                @Override
                public String toString(Number value) {
                    return value == null ? "" : f.number(value.doubleValue());
                }

                @Override
                public Number fromString(String string) {
                    throw new UnsupportedOperationException("read-only");
                }
            };
        });
    }

    /** A converter that shows enum constants in the current language (re-created on a switch). */
    public <E extends Enum<E>> ObservableValue<StringConverter<E>> enumConverter() {
        return messages.map(m -> new StringConverter<E>() {
            @Override
            public String toString(E value) {
                return m.label(value);
            }

            @Override
            public E fromString(String string) {
                throw new UnsupportedOperationException("read-only");
            }
        });
    }

    /** A tooltip that says {@code key}'s words in the language of the moment, wrapped. */
    public Tooltip tooltip(String key) {
        return Tips.tooltip(t(key));
    }

    /** {@code control} explained by {@code key}'s words: accessible help at once, a tooltip on hover ({@link Tips}). */
    public void explain(Control control, String key) {
        Tips.explain(control, t(key));
    }
}
