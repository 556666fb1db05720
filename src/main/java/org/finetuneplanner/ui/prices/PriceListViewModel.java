package org.finetuneplanner.ui.prices;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;

import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.PlannerViewModel;

/**
 * File → Price list…: a seller's price list put in force (the plan tries only its offers, at its prices, in its
 * currency), cleared again, and edited ({@link PriceListEditorViewModel}) and saved. A file or an edit that is no
 * price list is refused with the key named, and the price list in force stays. Disk work runs on the background
 * executor. Call on the FX thread.
 */
public final class PriceListViewModel {
    private final PlannerViewModel planner;
    private final PriceListFiles files;
    private final UiExecutors executors;
    private final Supplier<LocalDate> today;
    private final PriceListEditorViewModel editor;
    private final ReadOnlyObjectWrapper<Phrase> said = new ReadOnlyObjectWrapper<>(this, "said");
    private final ReadOnlyObjectWrapper<Optional<Path>> file = new ReadOnlyObjectWrapper<>(this, "file",
            Optional.empty());
    private final ObservableValue<String> inForce;

    /**
     * @param today the date a new price list is quoted on
     */
    public PriceListViewModel(PlannerViewModel planner, PriceListFiles files, UiExecutors executors,
                              Supplier<LocalDate> today) {
        this.planner = planner;
        this.files = files;
        this.executors = executors;
        this.today = today;
        editor = new PriceListEditorViewModel(files, planner.catalogGpus().stream().map(GpuSpec::id).toList(),
                planner.messagesProperty());
        inForce = Bindings.createStringBinding(() -> planner.priceListProperty().get()
                        .map(l -> describe(l, planner.messagesProperty().get())).orElse(""),
                planner.priceListProperty(), planner.messagesProperty());
    }

    /**
     * "Price list: VinaGPU Cloud (VND), 1 US$ = 25.400 ₫ (rate of 01/12/2026)": the seller, the currency and the
     * rate with its date, amounts never broken across lines.
     */
    static String describe(PriceList l, Messages m) {
        LocaleFormat f = m.words().format();
        String rate = f.wholeMoney(1, Currency.getInstance("USD")) + "\u00a0= "
                + f.wholeMoney(l.usdRate(), Currency.getInstance(l.currency()));
        String date = l.rateDate().map(d -> m.text("prices.inForce.rateDate", f.date(d))).orElse("");
        return m.text("prices.inForce", l.seller().name(), l.currency(), rate, date);
    }

    /** Opens {@code file} and puts it in force; a bad file is named with its key, the list in force stays. */
    public CompletableFuture<Void> open(Path file) {
        return CompletableFuture.supplyAsync(() -> files.read(file), executors.background())
                .handleAsync((list, error) -> {
                    if (error != null) {
                        said.set(Phrase.failed("status.pricesFailed", cause(error), file.getFileName()));
                    } else {
                        use(list, file);
                    }
                    return null;
                }, executors.ui());
    }

    /**
     * At start: puts the price list of the last session back in force, read on the calling thread, so that the
     * scenarios read after it (the last scenario, an autosave left by a crash) may name its own GPUs. A file that is
     * gone or is no price list any more is said once, naming the file and the reason, and the catalog's prices stay
     * in force: it is not remembered again.
     */
    public void restore(Path remembered) {
        try {
            PriceList list = files.read(remembered);
            planner.usePriceList(Optional.of(list));
            file.set(Optional.of(remembered));
        } catch (RuntimeException e) {
            Throwable why = cause(e);
            said.set(why instanceof NoSuchFileException ? Phrase.of("status.pricesGone", remembered)
                    : Phrase.failed("status.pricesLost", why, remembered));
        }
    }

    /** The catalog's prices again. */
    public void clear() {
        planner.usePriceList(Optional.empty());
        file.set(Optional.empty());
        said.set(Phrase.of("status.pricesCleared"));
    }

    /** Fills the editor with the list in force, or a new one. */
    public void edit() {
        editor.edit(planner.priceListProperty().get(), today.get());
    }

    /**
     * Saves the editor's list to {@code file} atomically and puts it in force; fields that are no price list are
     * named (the editor's problem and the status line) and nothing is written or changed.
     */
    public CompletableFuture<Boolean> saveAndUse(Path file) {
        Optional<PriceList> checked = editor.check();
        if (checked.isEmpty()) {
            said.set(Phrase.of("status.pricesInvalid", editor.problemProperty().getValue()));
            return CompletableFuture.completedFuture(false);
        }
        PriceList list = checked.get();
        return CompletableFuture.runAsync(() -> files.write(list, file), executors.background())
                .handleAsync((ignored, error) -> {
                    if (error != null) {
                        said.set(Phrase.failed("status.saveFailed", cause(error), file.getFileName()));
                        return false;
                    }
                    planner.usePriceList(Optional.of(list));
                    this.file.set(Optional.of(file));
                    said.set(Phrase.of("status.pricesSaved", file.getFileName(), list.seller().name()));
                    return true;
                }, executors.ui());
    }

    private void use(PriceList list, Path from) {
        planner.usePriceList(Optional.of(list));
        file.set(Optional.of(from));
        said.set(Phrase.of("status.pricesOpened", list.seller().name(), list.currency()));
    }

    /** The failure behind the future's wrappers. */
    private static Throwable cause(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException)) {
            t = t.getCause();
        }
        return t;
    }

    public PriceListEditorViewModel editor() {
        return editor;
    }

    /** The price list in force, empty at the catalog's prices. */
    public ReadOnlyObjectProperty<Optional<PriceList>> priceListProperty() {
        return planner.priceListProperty();
    }

    /** The file of the price list in force (what the next start puts back in force), empty at the catalog's prices. */
    public ReadOnlyObjectProperty<Optional<Path>> fileProperty() {
        return file.getReadOnlyProperty();
    }

    /** The price list in force in a line for the status bar ({@link #describe}); "" at the catalog's prices. */
    public ObservableValue<String> inForceProperty() {
        return inForce;
    }

    /** The last thing said about price lists (null before anything), for the status line. */
    public ReadOnlyObjectProperty<Phrase> saidProperty() {
        return said.getReadOnlyProperty();
    }
}
