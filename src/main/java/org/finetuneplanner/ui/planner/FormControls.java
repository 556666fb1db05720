package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.util.StringConverter;

import org.controlsfx.control.SegmentedButton;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.controlsfx.validation.decoration.ValidationDecoration;

import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Texts;

/** The form's controls, each bound to its view-model property without loops (STYLE.md §5). */
final class FormControls {
    /**
     * ControlsFX's error mark at the control's corner with the message as its tooltip, and the {@code error} style
     * class on the control (a red border in both themes, app.css). The tooltip takes the theme's colours instead of
     * the fixed light ones ControlsFX writes inline.
     */
    static final ValidationDecoration DECORATION = new CompoundValidationDecoration(
            new GraphicValidationDecoration() {
                @Override
                protected Tooltip createTooltip(ValidationMessage message) {
                    Tooltip t = new Tooltip(message.getText());
                    t.getStyleClass().add("validation-tooltip");
                    t.setWrapText(true);
                    t.setMaxWidth(420);
                    return t;
                }
            },
            new StyleClassValidationDecoration());

    private final Texts texts;

    FormControls(Texts texts) {
        this.texts = texts;
    }

    /**
     * Paints the message the view-model computed for a field on {@code control}: the decoration appears when the
     * message is not empty and goes when it is; its text follows the language with the message. The control's
     * accessible help is the message too, so a screen reader says what is wrong.
     */
    static void decorate(Control control, ObservableValue<String> error) {
        error.subscribe(text -> {
            DECORATION.removeDecorations(control);
            if (text != null && !text.isEmpty()) {
                DECORATION.applyValidationDecoration(ValidationMessage.error(control, text));
            }
            control.setAccessibleHelp(text == null || text.isEmpty() ? null : text);
        });
    }

    Tooltip tooltip(String key) {
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(texts.t(key));
        tip.setWrapText(true);
        tip.setMaxWidth(400);
        return tip;
    }

    /** A tooltip that leads with the field's problem while it has one, then explains the field. */
    Tooltip tooltip(String key, ObservableValue<String> error) {
        Tooltip tip = new Tooltip();
        ObservableValue<String> help = texts.t(key);
        tip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> error.getValue().isEmpty()
                ? help.getValue() : error.getValue() + "\n\n" + help.getValue(), error, help));
        tip.setWrapText(true);
        tip.setMaxWidth(400);
        return tip;
    }

    <E extends Enum<E>> ComboBox<E> enumBox(String id, E[] values, ObjectProperty<E> property) {
        ComboBox<E> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.converterProperty().bind(texts.enumConverter());
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(property);
        followConverter(box);
        return box;
    }

    /**
     * Re-words the shown value when the converter changes (a switch of language): the combo box redraws its
     * button only for a new value or a new button cell, and the value must not be touched (it is an input).
     */
    static <T> void followConverter(ComboBox<T> box) {
        ListCell<T> shown = new ListCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || box.getConverter() == null ? null : box.getConverter().toString(item));
            }
        };
        box.setButtonCell(shown);
        box.converterProperty().subscribe(c -> shown.setText(box.getValue() == null || c == null ? null
                : c.toString(box.getValue())));
    }

    /**
     * One toggle per constant, exactly one selected: VM → view first; a click on the selected toggle keeps it (a
     * segmented choice has no "none"). Each toggle's text follows the language through {@code label}.
     */
    <E extends Enum<E>> SegmentedButton segmented(String id, List<E> values, ObjectProperty<E> property,
                                                  Function<Messages, Function<E, String>> label) {
        SegmentedButton seg = new SegmentedButton();
        seg.setId(id);
        for (E v : values) {
            ToggleButton b = new ToggleButton();
            b.setId(id + "-" + v.name().toLowerCase(java.util.Locale.ROOT));
            b.setUserData(v);
            b.setMnemonicParsing(false);
            b.textProperty().bind(texts.messages().map(m -> label.apply(m).apply(v)));
            b.setMaxWidth(Double.MAX_VALUE);
            seg.getButtons().add(b);
        }
        property.subscribe(v -> seg.getButtons().forEach(b -> b.setSelected(b.getUserData() == v)));
        seg.getToggleGroup().selectedToggleProperty().subscribe((before, now) -> {
            if (now == null) {
                if (before != null) {
                    before.setSelected(true);
                }
                return;
            }
            @SuppressWarnings("unchecked")
            E value = (E) now.getUserData();
            property.set(value);
        });
        return seg;
    }

    /**
     * A slider over powers of two: it shows log2 of the VM's integer. VM → view first (the slider's default would
     * win otherwise); both conversions round, so a round trip stops after one step (STYLE.md §5).
     */
    static Slider log2Slider(String id, IntegerProperty property, int minExp, int maxExp) {
        Slider s = new Slider(minExp, maxExp, minExp);
        s.setId(id);
        s.setMajorTickUnit(1);
        s.setMinorTickCount(0);
        s.setSnapToTicks(true);
        s.setShowTickMarks(true);
        s.setBlockIncrement(1);
        property.subscribe(n -> s.setValue(log2(n.intValue())));
        s.valueProperty().subscribe(v -> {
            int value = (int) Math.round(Math.pow(2, v.doubleValue()));
            if (Math.abs(log2(property.get()) - v.doubleValue()) > 1e-9) {
                property.set(value);
            }
        });
        return s;
    }

    /**
     * A press on {@code control} and the release that ends it (a slider dragged by its thumb or along its track, a
     * spinner's arrow held) make one step of the history, not one per tick. The end waits until the control has
     * handled the release: a slider snaps to its tick after it, and the snap belongs to the gesture.
     */
    static void gesture(Node control, EditHistory history) {
        boolean[] held = {false};
        control.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (!held[0]) {
                held[0] = true;
                history.beginGesture();
            }
        });
        control.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (held[0]) {
                held[0] = false;
                Platform.runLater(history::endGesture);
            }
        });
    }

    /** The exponent of a power of two (a slider end). */
    static int exponent(int powerOfTwo) {
        return Integer.numberOfTrailingZeros(powerOfTwo);
    }

    private static double log2(int n) {
        return Math.log(Math.max(1, n)) / Math.log(2);
    }

    /**
     * An editable integer spinner bound two-way to {@code property}. {@code keep} receives the asObject() adapter:
     * the value factory holds it only weakly, so the view keeps it in a field (STYLE.md §5).
     */
    static Spinner<Integer> intSpinner(String id, int min, int max, IntegerProperty property,
                                       Consumer<ObjectProperty<Integer>> keep) {
        Spinner<Integer> sp = new Spinner<>();
        sp.setId(id);
        SpinnerValueFactory.IntegerSpinnerValueFactory f =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, property.get());
        // Text that is no whole number puts the current value back instead of throwing on the FX thread; a number
        // out of range is clamped by the factory.
        f.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.valueOf(text.strip());
                } catch (NumberFormatException e) {
                    return f.getValue();
                }
            }
        });
        sp.setValueFactory(f);
        sp.setEditable(true);
        ObjectProperty<Integer> object = property.asObject();
        keep.accept(object);
        f.valueProperty().bindBidirectional(object);
        sp.setMaxWidth(Double.MAX_VALUE);
        // Typed text is committed when focus leaves, so Tab never loses a value.
        sp.focusedProperty().subscribe(focused -> {
            if (!focused) {
                sp.increment(0);
                sp.getEditor().setText(f.getConverter().toString(f.getValue()));
            }
        });
        return sp;
    }

    /** A read-only converter from a function (the view-model words the values). */
    static <T> StringConverter<T> converter(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T value) {
                return value == null ? "" : text.apply(value);
            }

            @Override
            public T fromString(String s) {
                throw new UnsupportedOperationException("read-only");
            }
        };
    }
}
