package org.finetuneplanner.ui.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.report.ComparisonData;
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportData;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportMeta;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * File → Export PDF… and Export comparison…: the report's details (customer, company, consultant, logo, language,
 * paper) and the one path that writes a report or a comparison. The details are taken on the FX thread when the
 * export dialog is confirmed ({@link #confirm()}); the report is computed, laid out and written by {@link #write}
 * (a comparison by {@link #writeComparison}), off the FX thread (the shell's background executor calls it); busy, progress, status and the written file come back on the FX executor,
 * for the status line and the "report written" notice to follow; then the file is shown through the opener
 * (HostServices in the app).
 */
public final class ExportViewModel {
    private final ReportService service;
    private final UiExecutors executors;
    private final Consumer<Path> opener;
    private final Supplier<LocalDate> today;

    private final StringProperty customer = new SimpleStringProperty(this, "customer", "");
    private final StringProperty company = new SimpleStringProperty(this, "company", "");
    private final StringProperty consultant = new SimpleStringProperty(this, "consultant", "");
    private final ObjectProperty<Path> logo = new SimpleObjectProperty<>(this, "logo");
    private final ObjectProperty<ReportLanguage> language =
            new SimpleObjectProperty<>(this, "language", ReportLanguage.EN);
    private final ObjectProperty<PaperSize> paper = new SimpleObjectProperty<>(this, "paper", PaperSize.A4);
    private final BooleanProperty openWhenDone = new SimpleBooleanProperty(this, "openWhenDone", true);
    private final ObjectProperty<Locale> uiLocale = new SimpleObjectProperty<>(this, "uiLocale", Locale.ENGLISH);
    private final ObjectProperty<Optional<PriceList>> prices =
            new SimpleObjectProperty<>(this, "prices", Optional.empty());

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Path> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");

    /** The details as the user confirmed them in the dialog: immutable, so a background thread may read them. */
    private record Confirmed(ReportMeta meta, Path logo, boolean open, Locale uiLocale) {
    }

    private final AtomicReference<Confirmed> confirmed = new AtomicReference<>();

    /**
     * @param service   computes and writes reports
     * @param executors background (disk) and FX executors
     * @param opener    shows a written report (HostServices.showDocument in the app; may do nothing)
     * @param today     the report's date
     */
    public ExportViewModel(ReportService service, UiExecutors executors, Consumer<Path> opener,
                           Supplier<LocalDate> today) {
        this.service = Objects.requireNonNull(service, "service");
        this.executors = Objects.requireNonNull(executors, "executors");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.today = Objects.requireNonNull(today, "today");
    }

    /** The report's details as they are now. Call on the FX thread. */
    public ReportMeta currentMeta() {
        return new ReportMeta("", customer.get(), company.get(), consultant.get(), Optional.empty(), today.get(),
                language.get(), paper.get(), prices.get());
    }

    /**
     * Takes the dialog's details as they are now for the next {@link #write}. Call on the FX thread when the export
     * dialog is closed with OK; a later edit of the fields does not change a report already asked for.
     */
    public void confirm() {
        confirmed.set(new Confirmed(currentMeta(), logo.get(), openWhenDone.get(), uiLocale.get()));
    }

    /**
     * Writes the report of {@code scenario} to {@code target}: the one export path, the shell's File → Export PDF…
     * and the tests alike. Call off the FX thread (it computes and writes). The details are those of the last
     * {@link #confirm()}; without one, a plain report in the language of {@code appLanguage}, opened by no one.
     * Progress and status are posted to the FX executor as the work goes.
     *
     * @param appLanguage the app's language: the report's when the dialog did not choose one
     * @throws ReportException with a message for the user; the previous file is then intact
     */
    public void write(Scenario scenario, Locale appLanguage, Path target) {
        run(appLanguage, target, (meta, computed) -> {
            ReportData data = service.prepare(scenario, meta);
            computed.run();
            service.exporter().write(data, target);
        });
    }

    /**
     * Writes the comparison of {@code scenarios} (two to four, in order: A, B, …) to {@code target}, on the same path
     * as {@link #write}: the details of the last {@link #confirm()}, else a plain comparison in the language of
     * {@code appLanguage}; progress and status posted to the FX executor. Call off the FX thread.
     *
     * @throws ReportException with a message for the user; the previous file is then intact
     */
    public void writeComparison(List<Scenario> scenarios, Locale appLanguage, Path target) {
        List<Scenario> compared = List.copyOf(scenarios);
        run(appLanguage, target, (meta, computed) -> {
            ComparisonData data = service.prepareComparison(compared, meta);
            computed.run();
            service.exporter().write(data, target);
        });
    }

    /** The work of one export: computes with the details, says when computed, writes. */
    @FunctionalInterface
    private interface Job {
        void run(ReportMeta meta, Runnable computed);
    }

    /** The one export path: the details, the logo read, the job run with progress and status, the file opened. */
    private void run(Locale appLanguage, Path target, Job job) {
        Confirmed c = confirmed.getAndSet(null);
        if (c == null) {
            ReportLanguage lang = ReportLanguage.fromId(appLanguage == null ? "" : appLanguage.getLanguage())
                    .orElse(ReportLanguage.EN);
            c = new Confirmed(ReportMeta.defaults(today.get()).withLanguage(lang).withPrices(prices.get()), null,
                    false, appLanguage);
        }
        Confirmed request = c;
        Locale words = request.uiLocale() == null ? Locale.ENGLISH : request.uiLocale();
        executors.ui().execute(() -> {
            busy.set(true);
            progress.set(-1);                       // indeterminate until the data are computed
            status.set(text(words, "export.running", target.getFileName()));
        });
        try {
            ReportMeta meta = request.logo() == null ? request.meta()
                    : request.meta().withLogo(Optional.of(ReportLogo.read(request.logo())));
            // Computed: laying out and writing remain.
            job.run(meta, () -> executors.ui().execute(() -> progress.set(0.5)));
        } catch (RuntimeException e) {
            executors.ui().execute(() -> {
                busy.set(false);
                progress.set(0);
                status.set(text(words, "export.failed", target.getFileName(), reason(e)));
            });
            throw e;
        }
        executors.ui().execute(() -> {
            busy.set(false);
            progress.set(1);
            lastReport.set(target);
            status.set(text(words, "export.done", target));
            if (request.open()) {
                openQuietly(target, words);
            }
        });
    }

    private void openQuietly(Path target, Locale words) {
        try {
            opener.accept(target);
        } catch (RuntimeException e) {
            // The report is written; a desktop without a PDF viewer must not turn success into an error.
            status.set(text(words, "export.doneNotOpened", target));
        }
    }

    /** The user-facing reason: a ReportException's message as it is, else the root cause's message. */
    static String reason(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || !(t instanceof ReportException) && t.getMessage() == null)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return Words.english().message(t);
    }

    private static String text(Locale locale, String key, Object... args) {
        return Words.forLocale(locale).text(key, args);
    }

    /** The app's language, for the status text; the report's own language is {@link #languageProperty()}. */
    public ObjectProperty<Locale> uiLocaleProperty() {
        return uiLocale;
    }

    /** The seller's price list the report quotes (the app's in force), empty for the catalog's prices. */
    public ObjectProperty<Optional<PriceList>> pricesProperty() {
        return prices;
    }

    public StringProperty customerProperty() {
        return customer;
    }

    public StringProperty companyProperty() {
        return company;
    }

    public StringProperty consultantProperty() {
        return consultant;
    }

    public ObjectProperty<Path> logoProperty() {
        return logo;
    }

    public ObjectProperty<ReportLanguage> languageProperty() {
        return language;
    }

    public ObjectProperty<PaperSize> paperProperty() {
        return paper;
    }

    public BooleanProperty openWhenDoneProperty() {
        return openWhenDone;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** 0 idle or failed, −1 (indeterminate) while computing, ½ while writing, 1 when the last export succeeded. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyObjectProperty<Path> lastReportProperty() {
        return lastReport.getReadOnlyProperty();
    }
}
