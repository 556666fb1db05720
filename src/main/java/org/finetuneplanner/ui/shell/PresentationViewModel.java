package org.finetuneplanner.ui.shell;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.quickstart.QuickStart;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * How the window shows the planner in a meeting: presentation mode (full screen, the essential inputs, the results
 * large; F11, Esc leaves), the zoom of all text and charts, and the quick starts that answer the common questions
 * in one click. Call on the FX thread.
 */
public final class PresentationViewModel {
    private final PlannerViewModel planner;
    private final ScenarioDocument document;
    private final Optional<QuickStartFiles> quickStarts;
    private final UiExecutors executors;

    private final BooleanProperty presenting = new SimpleBooleanProperty(this, "presenting");
    private final BooleanProperty allInputs = new SimpleBooleanProperty(this, "allInputs");
    private final ZoomViewModel zoom = new ZoomViewModel();
    private final ReadOnlyObjectWrapper<Phrase> said = new ReadOnlyObjectWrapper<>(this, "said");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");

    /**
     * @param document    the working scenario, which a quick start replaces as File → New does
     * @param quickStarts reads the bundled quick starts; empty: this window offers none
     */
    PresentationViewModel(PlannerViewModel planner, ScenarioDocument document, Optional<QuickStartFiles> quickStarts,
                          UiExecutors executors) {
        this.planner = planner;
        this.document = document;
        this.quickStarts = quickStarts;
        this.executors = executors;
        // Each time the presentation starts, the inputs are folded to the essentials again.
        presenting.subscribe(on -> {
            if (!on) {
                allInputs.set(false);
            }
        });
    }

    /** Turns presentation mode on or off (F11, View → Presentation mode). */
    public void togglePresenting() {
        presenting.set(!presenting.get());
    }

    /** Ctrl +: one step larger, said in the status line (or that it is as large as it goes). */
    public void zoomIn() {
        sayZoom(zoom.zoomIn(), "status.zoomLargest");
    }

    /** Ctrl −: one step smaller, said in the status line (or that it is as small as it goes). */
    public void zoomOut() {
        sayZoom(zoom.zoomOut(), "status.zoomSmallest");
    }

    /** Ctrl 0: the actual size. */
    public void resetZoom() {
        zoom.reset();
        sayZoom(true, null);
    }

    private void sayZoom(boolean changed, String limitKey) {
        said.set(changed ? Phrase.of("status.zoom", zoom.percentProperty().getValue())
                : Phrase.of(limitKey, zoom.percentProperty().getValue()));
    }

    /** The quick starts this window offers, in menu order (none when it has no way to read them). */
    public List<QuickStart> quickStarts() {
        return quickStarts.isPresent() ? List.of(QuickStart.values()) : List.of();
    }

    /** A quick start's name in the words of {@code m} ("Llama 3.1 8B, QLoRA, 1× RTX 4090"). */
    public static String name(Messages m, QuickStart q) {
        return m.text("quickstart." + q.id());
    }

    /** What a quick start answers, one sentence, worded when shown (said when it is applied). */
    public static Phrase about(QuickStart q) {
        return Phrase.of("quickstart." + q.id() + ".about");
    }

    /**
     * File → New from quick start, or the presentation's quick-start menu: every input of the quick start into the
     * form at once, as a new scenario named after its model and method (unsaved changes are asked about first, as by
     * File → New; one step to undo). The file is read on the background executor; a failure leaves the inputs as
     * they were and says why. Completes with whether the quick start was put in.
     */
    public CompletableFuture<Boolean> applyQuickStart(QuickStart q) {
        if (quickStarts.isEmpty()) {
            said.set(Phrase.of("status.quickStartUnavailable"));
            return CompletableFuture.completedFuture(false);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> quickStarts.get().read(q), executors.background())
                .handleAsync((scenario, error) -> {
                    busy.set(false);
                    Messages m = planner.messagesProperty().get();
                    if (error != null) {
                        said.set(Phrase.failed("status.quickStartFailed", ShellViewModel.rootCause(error),
                                name(m, q)));
                        return CompletableFuture.completedFuture(false);
                    }
                    // Named after its model and method, a name that follows them (the quick start's own title,
                    // "… LoRA, 4× H100", would be wrong after a switch to QLoRA).
                    String title = name(m, q);
                    return document.newScenario(planner.inputs().automaticallyNamed(scenario),
                            Phrase.of("edit.cause.quickStart", title),
                            Phrase.of("status.quickStart", title, about(q)));
                }, executors.ui())
                .thenCompose(applied -> applied);
    }

    /** Whether presentation mode is on: full screen, the essential inputs and the results large. */
    public BooleanProperty presentingProperty() {
        return presenting;
    }

    /** In presentation mode, whether the whole form shows instead of the essentials (one click away). */
    public BooleanProperty allInputsProperty() {
        return allInputs;
    }

    /** The zoom of all text and charts, in and out of presentation mode. */
    public ZoomViewModel zoom() {
        return zoom;
    }

    /** The last thing this view-model said (zoom, a quick start applied or refused), for the status line. */
    public ReadOnlyObjectProperty<Phrase> saidProperty() {
        return said.getReadOnlyProperty();
    }

    /** Whether a quick start is being read. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
