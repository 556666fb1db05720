package org.finetuneplanner.ui.planner;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;

/**
 * Undo and redo of the form's inputs. A step is the form before and after one change: one edit of a field (with the
 * companions it brings, such as the base weights a method implies and the name that follows the model), one batch
 * (a scenario opened, another option picked, all linear targets) or one gesture (a slider dragged from press to
 * release). Characters typed into one text field one after another make one step, until the field is left or Enter
 * pressed ({@link #seal}); an edit that leaves every value as it was ("80M" typed over "80000000") makes none. Undo
 * and redo put a whole state back in one batch and never record themselves. Call on the FX thread.
 */
public final class EditHistory {
    /** Steps kept for undo; the oldest go first. */
    static final int LIMIT = 200;

    /**
     * One undoable change.
     *
     * @param before the form before it
     * @param after  the form after it
     * @param cause  what made it when it was more than an edit of a field (an opened file, a picked option)
     */
    public record Step(FormState before, FormState after, Optional<Phrase> cause) {
    }

    private final FormInputs inputs;
    private final ObservableValue<Messages> messages;
    private final BooleanSupplier inBatch;
    private final Consumer<Runnable> batch;
    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<FormState> state = new ReadOnlyObjectWrapper<>(this, "state");
    /** Counts changes of the two stacks: what the menu's words follow. */
    private final ReadOnlyIntegerWrapper version = new ReadOnlyIntegerWrapper(this, "version");
    private final ObservableValue<Boolean> canUndo;
    private final ObservableValue<Boolean> canRedo;
    private final ObservableValue<String> undoText;
    private final ObservableValue<String> redoText;
    private int gestures;
    private boolean restoring;
    /** Whether the next typed edit starts a step of its own (after undo, redo, save or an edit of another kind). */
    private boolean sealed = true;

    /**
     * @param inBatch whether the form is putting in several inputs at once (a step is recorded when it is done)
     * @param batch   runs changes of the form as one batch
     */
    EditHistory(FormInputs inputs, ObservableValue<Messages> messages, BooleanSupplier inBatch,
                Consumer<Runnable> batch) {
        this.inputs = inputs;
        this.messages = messages;
        this.inBatch = inBatch;
        this.batch = batch;
        state.set(inputs.capture());
        canUndo = version.map(v -> !undo.isEmpty());
        canRedo = version.map(v -> !redo.isEmpty());
        undoText = Bindings.createStringBinding(() -> menuText("menu.edit.undo", undo.peek()), version, messages);
        redoText = Bindings.createStringBinding(() -> menuText("menu.edit.redo", redo.peek()), version, messages);
    }

    private String menuText(String key, Step step) {
        Messages m = messages.getValue();
        // The words go into a menu item that reads "_" as a mnemonic: a literal one is written twice.
        return step == null ? m.text(key) : m.text(key + ".step", describe(m, step).replace("_", "__"));
    }

    /** A step in words: its cause ("open plan.json") or the input it changed ("Micro-batch 8 → 4"). */
    public String describe(Messages m, Step step) {
        return step.cause().map(c -> c.words(m)).orElseGet(() -> inputs.describe(m, step.before(), step.after()));
    }

    /** An input changed: a step is recorded now, unless a batch or a gesture is still running (it records then). */
    void changed() {
        if (!inBatch.getAsBoolean()) {
            settle(Optional.empty());
        }
    }

    /** A batch or a gesture ended: records what changed since the last step as one step, with its cause. */
    void settle(Optional<Phrase> cause) {
        if (restoring || gestures > 0) {
            return;
        }
        FormState before = state.get();
        FormState now = inputs.capture();
        if (now.equals(before)) {
            return;
        }
        Optional<Integer> typed = cause.isEmpty() ? inputs.onlyTyped(before, now) : Optional.empty();
        Step top = undo.peek();
        if (typed.isPresent() && !sealed && top != null && top.cause().isEmpty()
                && typed.equals(inputs.onlyTyped(top.before(), top.after()))) {
            // One more character in the same field: the step grows (and goes when the text means what it meant
            // before: "80M" typed over "80000000").
            undo.pop();
            if (!inputs.sameValues(top.before(), now)) {
                undo.push(new Step(top.before(), now, Optional.empty()));
            }
        } else if (inputs.sameValues(before, now)) {
            // Another text for the same value ("80M" typed over "80000000" in one go, a pasted "3.0" over "3"): the
            // form keeps the text, undo has nothing to put back.
            state.set(now);
            return;
        } else {
            undo.push(new Step(before, now, cause));
            if (undo.size() > LIMIT) {
                undo.removeLast();
            }
        }
        sealed = typed.isEmpty();
        redo.clear();
        state.set(now);
        version.set(version.get() + 1);
    }

    /** A gesture begins (a slider or a spinner pressed): its changes become one step when it ends. */
    public void beginGesture() {
        gestures++;
    }

    /** The gesture ends: what it changed is one step. */
    public void endGesture() {
        if (gestures > 0 && --gestures == 0) {
            settle(Optional.empty());
        }
    }

    /**
     * The next typed edit starts a step of its own: a save is a point undo can return to exactly, and a text field
     * left or confirmed with Enter has committed its edit.
     */
    public void seal() {
        sealed = true;
    }

    /** Forgets every step: the form as it is now is where undo starts (a session's first scenario). */
    public void clear() {
        undo.clear();
        redo.clear();
        gestures = 0;
        sealed = true;
        state.set(inputs.capture());
        version.set(version.get() + 1);
    }

    /** Puts the form back as it was before the last step; empty when there is none. */
    public Optional<Step> undo() {
        return move(undo, redo, Step::before);
    }

    /** Makes the last undone step again; empty when there is none. */
    public Optional<Step> redo() {
        return move(redo, undo, Step::after);
    }

    /** Takes the top step of {@code from}, puts the form in its {@code side}, and keeps the step on {@code to}. */
    private Optional<Step> move(Deque<Step> from, Deque<Step> to, Function<Step, FormState> side) {
        finishGesture();
        Step step = from.poll();
        if (step == null) {
            return Optional.empty();
        }
        put(side.apply(step));
        to.push(step);
        version.set(version.get() + 1);
        return Optional.of(step);
    }

    /** A key pressed while a slider is held: what the gesture changed so far is a step of its own first. */
    private void finishGesture() {
        if (gestures > 0) {
            gestures = 0;
            settle(Optional.empty());
        }
    }

    private void put(FormState target) {
        restoring = true;
        try {
            batch.accept(() -> inputs.restore(target));
        } finally {
            restoring = false;
        }
        sealed = true;
        state.set(inputs.capture());
    }

    /** The form as of the last step (or undo, or redo): what the unsaved mark and the autosave follow. */
    public ReadOnlyObjectProperty<FormState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The form as {@code s} fills it (what a saved scenario looks like in the form). */
    public FormState stateOf(Scenario s) {
        return inputs.of(s);
    }

    /** The form now, read at once (within a gesture too). */
    public FormState capture() {
        return inputs.capture();
    }

    public ObservableValue<Boolean> canUndoProperty() {
        return canUndo;
    }

    public ObservableValue<Boolean> canRedoProperty() {
        return canRedo;
    }

    /** The Undo item's words: "_Undo: Micro-batch 8 → 4", or "_Undo" when there is nothing to undo. */
    public ObservableValue<String> undoTextProperty() {
        return undoText;
    }

    /** The Redo item's words, as {@link #undoTextProperty()}. */
    public ObservableValue<String> redoTextProperty() {
        return redoText;
    }
}
