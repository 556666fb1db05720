package org.finetuneplanner.ui.planner;

import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * The planner screen: the form ({@link InputsViewModel}) and its results ({@link ResultsViewModel}) in the user's
 * language. The results follow the form's draft; the form shows the results' problems at its fields. Call on the
 * FX thread.
 */
public final class PlannerViewModel {
    private final ObjectProperty<Messages> messages;
    private final ObservableValue<Formats> formats;
    private final InputsViewModel inputs;
    private final ResultsViewModel results;

    public PlannerViewModel(PlannerServices services, UiExecutors executors, Messages initialMessages) {
        messages = new SimpleObjectProperty<>(this, "messages", initialMessages);
        // A binding caches its value until the language changes (a map() without observers would make a new one
        // on every read).
        formats = Bindings.createObjectBinding(() -> Formats.of(messages.get()), messages);
        inputs = new InputsViewModel(services, executors, messages);
        results = new ResultsViewModel(services, inputs.draftProperty(), messages, inputs::useOption);
        inputs.follow(results.problemsProperty(), results.estimateProperty());
    }

    public InputsViewModel inputs() {
        return inputs;
    }

    public ResultsViewModel results() {
        return results;
    }

    /** The language of every text of the screen. */
    public ObjectProperty<Messages> messagesProperty() {
        return messages;
    }

    public ObservableValue<Formats> formatsProperty() {
        return formats;
    }

    /** The last valid scenario (what Save writes) with the name typed now, empty before the first valid inputs. */
    public Optional<Scenario> currentScenario() {
        return results.shown().map(c -> c.scenario().withName(inputs.scenarioNameProperty().get()));
    }

    /** Whether the inputs have problems (the results shown are those of the last valid inputs). */
    public boolean stale() {
        return results.staleProperty().getValue();
    }

    /** Puts every input of {@code s} into the form at once (one recomputation). */
    public void applyScenario(Scenario s) {
        inputs.applyScenario(s);
    }

    public Scenario defaultScenario() {
        return inputs.defaultScenario();
    }
}
