package org.finetuneplanner.ui.planner;

import java.util.List;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.cost.Exchange;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.scenario.HardwareSpec;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.ui.common.Formats;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
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
    private final PlannerServices catalog;
    /** The services the results are computed with: the catalog's, or those over the price list in force. */
    private final ObjectProperty<PlannerServices> current;
    private final ReadOnlyObjectWrapper<Optional<PriceList>> priceList =
            new ReadOnlyObjectWrapper<>(this, "priceList", Optional.empty());
    private final ReadOnlyObjectWrapper<Phrase> notice = new ReadOnlyObjectWrapper<>(this, "notice");

    public PlannerViewModel(PlannerServices services, UiExecutors executors, Messages initialMessages) {
        messages = new SimpleObjectProperty<>(this, "messages", initialMessages);
        // A binding caches its value until the language changes (a map() without observers would make a new one
        // on every read).
        formats = Bindings.createObjectBinding(() -> Formats.of(messages.get()), messages);
        catalog = services;
        current = new SimpleObjectProperty<>(this, "services", services);
        inputs = new InputsViewModel(services, executors, messages);
        // The results compute with the services in force; a new price list recomputes them as a new draft does.
        PlannerServices live = new PlannerServices(services.presets(), services.gpus(),
                s -> current.get().estimator().apply(s), s -> current.get().explainer().apply(s),
                (s, gpus) -> current.get().planner().apply(s, current.get().gpus()),
                e -> current.get().facts().apply(e), services.models(), services.sellers());
        ObservableValue<Draft> draft = Bindings.createObjectBinding(() -> inputs.draftProperty().getValue(),
                inputs.draftProperty(), current);
        results = new ResultsViewModel(live, draft, messages, this::useOption);
        inputs.follow(results.problemsProperty(), results.estimateProperty());
    }

    /**
     * Another option's GPU, count, sharding and offload, and the settings the planner changed for it, become the
     * inputs (a row or a bar clicked, advice applied): one step of the history, and a notice that says what was
     * replaced and that Ctrl+Z brings it back.
     */
    private void useOption(Scenario option) {
        HardwareSpec h = option.hardware();
        Optional<HardwareSpec> before = results.shown().map(c -> c.scenario().hardware());
        Phrase now = optionLabel(h);
        if (inputs.useOption(option, Optional.of(Phrase.of("edit.cause.option", now)))) {
            // Null first: the same notice twice in a row (an option picked again after an undo) is news twice.
            notice.set(null);
            // The same GPUs (the sharding or offload may change with the planner's other changes): the notice says
            // the changes were applied, not "1 × RTX 4090 instead of 1 × RTX 4090".
            notice.set(before.map(b -> b.gpu().equals(h.gpu()) && b.gpuCount() == h.gpuCount()
                    ? Phrase.of("status.changesApplied", now)
                    : Phrase.of("status.optionUsed", now, optionLabel(b))).orElse(Phrase.of("status.ready")));
        }
    }

    /** "2 × H100 SXM5 80GB". */
    private static Phrase optionLabel(HardwareSpec h) {
        return Phrase.of("option.label", h.gpuCount(), ResultSentences.shortName(h.gpu()));
    }

    /** What the planner has to say in the status line (another option now in use), as data until shown. */
    public ReadOnlyObjectProperty<Phrase> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Undo and redo of the inputs. */
    public EditHistory history() {
        return inputs.history();
    }

    /**
     * Puts {@code list} in force (empty: the catalog's prices again): the plan tries only its offers at its prices,
     * its own GPUs join the list to choose from, and every amount is shown in its currency. A GPU of the form that
     * is no longer listed gives way to the default scenario's.
     */
    public void usePriceList(Optional<PriceList> list) {
        PlannerServices next = list.map(l -> catalog.withSeller(l.sellerPrices())).orElse(catalog);
        if (!next.gpus().contains(inputs.gpuProperty().get())) {
            inputs.gpuProperty().set(defaultScenario().hardware().gpu());
        }
        // Only the list's own GPUs go and come (after the catalog's): replacing every item would clear the GPU
        // chooser's selection, and with it the form's GPU.
        inputs.gpus().removeIf(g -> !next.gpus().contains(g));
        next.gpus().stream().filter(g -> !inputs.gpus().contains(g)).forEach(inputs.gpus()::add);
        current.set(next);
        priceList.set(list);
        messages.set(messages.get().withMoney(list.map(PriceList::exchange).orElse(Exchange.USD)));
    }

    /** The catalog's GPUs (without a price list's own). */
    public List<GpuSpec> catalogGpus() {
        return catalog.gpus();
    }

    /** The seller's price list in force, empty at the catalog's prices. */
    public ReadOnlyObjectProperty<Optional<PriceList>> priceListProperty() {
        return priceList.getReadOnlyProperty();
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
