package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.function.Supplier;

import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.WeakInvalidationListener;
import javafx.beans.binding.ObjectBinding;

/**
 * A binding over many inputs that a group of changes invalidates once: inside {@link #batch} a change of a
 * dependency is noted, and the binding is invalidated when the outermost batch ends. Outside a batch it behaves as
 * any binding. The computation itself changes nothing.
 */
final class BatchedBinding<T> extends ObjectBinding<T> {
    private final Supplier<T> compute;
    private final InvalidationListener changed = this::changed;
    private int depth;
    private boolean pending;

    BatchedBinding(Supplier<T> compute, List<? extends Observable> dependencies) {
        this.compute = compute;
        // Weakly: the inputs must not keep the binding alive; the view-model holds it (and this listener).
        InvalidationListener weak = new WeakInvalidationListener(changed);
        for (Observable o : dependencies) {
            o.addListener(weak);
        }
    }

    private void changed(Observable source) {
        if (depth > 0) {
            pending = true;
        } else {
            invalidate();
        }
    }

    /** Runs {@code changes}; the binding is invalidated at most once, after the outermost batch. */
    void batch(Runnable changes) {
        depth++;
        try {
            changes.run();
        } finally {
            depth--;
            if (depth == 0 && pending) {
                pending = false;
                invalidate();
            }
        }
    }

    /** Whether a batch is running (companion defaults are not applied while a scenario is put in). */
    boolean inBatch() {
        return depth > 0;
    }

    @Override
    protected T computeValue() {
        return compute.get();
    }
}
