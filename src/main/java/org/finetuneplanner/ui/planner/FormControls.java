package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import org.controlsfx.control.SearchableComboBox;
import org.controlsfx.control.SegmentedButton;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.CompoundValidationDecoration;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;
import org.controlsfx.validation.decoration.StyleClassValidationDecoration;
import org.controlsfx.validation.decoration.ValidationDecoration;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.ui.common.DropDowns;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Tips;
import org.finetuneplanner.ui.common.Styles;
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
     * accessible help is the message too, so a screen reader says what is wrong (or its explanation, which leads with
     * the message: {@link #explain(Control, String, ObservableValue)}).
     */
    static void decorate(Control control, ObservableValue<String> error) {
        error.subscribe(text -> {
            DECORATION.removeDecorations(control);
            if (text != null && !text.isEmpty()) {
                DECORATION.applyValidationDecoration(ValidationMessage.error(control, text));
            }
            if (!control.accessibleHelpProperty().isBound()) {
                control.setAccessibleHelp(text == null || text.isEmpty() ? null : text);
            }
        });
    }

    /** A field's value, shown right of its label ("4 sequences"). */
    static Label valueLabel(String id, ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(Styles.FIELD_VALUE);
        l.textProperty().bind(text);
        return l;
    }

    /**
     * A field: its label (with the value on the right), then the control. The label names the control for screen
     * readers and the tooltip explains it; {@code error}'s message, if any (null: the field has no problems of its
     * own), is painted on {@code control} and said under it.
     */
    VBox field(String key, Node control, Label value, ObservableValue<String> error) {
        Label name = new Label();
        name.textProperty().bind(texts.t(key));
        name.getStyleClass().add(Styles.FIELD_LABEL);
        name.setLabelFor(control);
        // The value keeps its width; a long name gives way on a second line rather than being cut ("Gradient acc…"),
        // its tooltip and accessible text keep it whole.
        name.setMinWidth(40);
        name.setWrapText(true);
        if (value != null) {
            value.setMinWidth(Region.USE_PREF_SIZE);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = value == null ? new HBox(name) : new HBox(6, name, spacer, value);
        VBox box = new VBox(2, head, control);
        if (control instanceof Control c) {
            c.setMaxWidth(Double.MAX_VALUE);
            c.accessibleTextProperty().bind(texts.t(key));
            if (error == null) {
                explain(c, key + ".tip");
            } else {
                explain(c, key + ".tip", error);
                decorate(c, error);
                box.getChildren().add(errorLine(error));
            }
        }
        return box;
    }

    /**
     * The message under a field in error, so nobody has to hover to learn what is wrong; nothing (no height) while
     * the field is fine. The decoration marks the field, this says why.
     */
    static Label errorLine(ObservableValue<String> error) {
        return whileSaid(Styles.FIELD_ERROR, error);
    }

    /** A wrapping label of {@code style} saying {@code text}; nothing (no height) while the text is empty. */
    static Label whileSaid(String style, ObservableValue<String> text) {
        Label l = new Label();
        l.getStyleClass().add(style);
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(text.map(s -> !s.isEmpty()));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    /** {@code c} explained by {@code key}'s words (accessible help now, a tooltip on hover: {@link Tips}). */
    void explain(Control c, String key) {
        texts.explain(c, key);
    }

    /** The same, led by the field's problem while it has one. */
    void explain(Control c, String key, ObservableValue<String> error) {
        ObservableValue<String> help = texts.t(key);
        Tips.explain(c, javafx.beans.binding.Bindings.createStringBinding(() -> error.getValue().isEmpty()
                ? help.getValue() : error.getValue() + "\n\n" + help.getValue(), error, help));
    }

    /**
     * The model preset box: type words of a name ("llama 8b" matches every word), arrows and Enter to pick; one line
     * in the form. VM → view first; the box writes only real choices: while the user types, the filter can leave it
     * without a value for a moment, and that must not turn the inputs invalid (the results would flash stale).
     */
    SearchableComboBox<ModelSpec> modelBox(String id, InputsViewModel vm) {
        SearchableComboBox<ModelSpec> preset = new SearchableComboBox<>(vm.presets());
        preset.setId(id);
        preset.setConverter(converter(ModelSpec::displayName));
        vm.modelProperty().subscribe(m -> {
            if (m != null && preset.getValue() != m) {
                preset.setValue(m);
            }
        });
        preset.valueProperty().subscribe(m -> {
            if (m != null && m != vm.modelProperty().get()) {
                vm.modelProperty().set(m);
            }
        });
        preset.setVisibleRowCount(12);
        DropDowns.innerListsWhenOpened(preset);
        preset.promptTextProperty().bind(texts.t("inputs.modelSearch.prompt"));
        // The search field inside the popup: its prompt in the user's language, not ControlsFX's English one.
        preset.skinProperty().subscribe(skin -> {
            if (skin != null && preset.lookup("#search") instanceof TextField search) {
                search.promptTextProperty().bind(texts.t("inputs.modelSearch.prompt"));
            }
        });
        return preset;
    }

    /** The GPU of the scenario, each named with its memory ("NVIDIA L40S 48GB · 45.0 GiB"), in the language. */
    static ComboBox<GpuSpec> gpuBox(String id, InputsViewModel vm) {
        ComboBox<GpuSpec> gpu = new ComboBox<>();
        gpu.setId(id);
        // The list itself: a price list changes which GPUs there are.
        gpu.setItems(vm.gpus());
        gpu.converterProperty().bind(vm.texts().gpuName().map(FormControls::converter));
        gpu.valueProperty().bindBidirectional(vm.gpuProperty());
        gpu.setVisibleRowCount(14);
        followConverter(gpu);
        DropDowns.listWhenOpened(gpu);
        return gpu;
    }

    /** A text field bound two-way to {@code property}, its prompt in the language. */
    TextField textField(String id, String promptKey, StringProperty property) {
        TextField t = new TextField();
        t.setId(id);
        t.promptTextProperty().bind(texts.t(promptKey));
        t.textProperty().bindBidirectional(property);
        return t;
    }

    <E extends Enum<E>> ComboBox<E> enumBox(String id, E[] values, ObjectProperty<E> property) {
        ComboBox<E> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(values);
        box.converterProperty().bind(texts.enumConverter());
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(property);
        // The list says each choice in full; the closed box, half a row wide, its short name where it has one
        // ("Megatron" for "Megatron / NeMo (Transformer Engine)"), so it is never cut to "Megatron / N…".
        ListCell<E> shown = new ListCell<>() {
            @Override
            protected void updateItem(E item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : InputsTexts.shortLabel(texts.now(), item));
            }
        };
        box.setButtonCell(shown);
        texts.messages().subscribe(m -> shown.setText(box.getValue() == null ? null
                : InputsTexts.shortLabel(m, box.getValue())));
        DropDowns.listWhenOpened(box);
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
        // Selecting the wanted toggle deselects the others in the same step: deselecting first would leave the group
        // empty for a moment, and the guard below would put the old value back (two segmented controls bound to one
        // property, the form's and the presentation's, would then bounce it between them).
        property.subscribe(v -> seg.getButtons().stream().filter(b -> b.getUserData() == v).findFirst()
                .ifPresent(b -> b.setSelected(true)));
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

    /**
     * Leaving a text field or pressing Enter in it commits what was typed: the next characters typed there are
     * another step of the history, not more of the same one.
     */
    static void commits(TextField field, EditHistory history) {
        field.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                history.seal();
            }
        });
        field.addEventHandler(ActionEvent.ACTION, e -> history.seal());
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
