package org.finetuneplanner.ui.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import org.finetuneplanner.service.report.PaperSize;
import org.finetuneplanner.service.report.ReportException;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportLogo;
import org.finetuneplanner.service.report.ReportMeta;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.ui.common.UiExecutors;

/**
 * File → Export PDF…: the report's details (customer, company, consultant, logo, language, paper) and the export
 * itself. The scenario and the details are snapshot on the FX thread; the report is computed and written on the
 * background executor; busy, progress and status come back on the FX thread, then the file is shown through the
 * opener (HostServices in the app). Call on the FX thread.
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

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyObjectWrapper<Path> lastReport = new ReadOnlyObjectWrapper<>(this, "lastReport");

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
                language.get(), paper.get());
    }

    /** The details as the user confirmed them in the dialog: immutable, so a background thread may read them. */
    private record Confirmed(ReportMeta meta, Path logo, boolean open) {
    }

    private volatile Confirmed confirmed;

    /**
     * Takes the dialog's details as they are now for the next {@link #writeConfirmed}. Call on the FX thread when
     * the export dialog is closed with OK.
     */
    public void confirm() {
        confirmed = new Confirmed(currentMeta(), logo.get(), openWhenDone.get());
    }

    /**
     * Writes the report with the details of the last {@link #confirm()} (or the defaults). For a caller that runs
     * its own background task and status line (the shell's File → Export PDF…): call on a background thread; the
     * file is opened afterwards on the FX executor.
     *
     * @throws ReportException with a message for the user; the previous file is then intact
     */
    public void writeConfirmed(Scenario scenario, Path target) {
        Confirmed c = confirmed;
        if (c == null) {
            c = new Confirmed(ReportMeta.defaults(today.get()), null, false);
        }
        ReportMeta meta = c.logo() == null ? c.meta() : c.meta().withLogo(Optional.of(ReportLogo.read(c.logo())));
        service.export(scenario, meta, target);
        boolean open = c.open();
        executors.ui().execute(() -> {
            lastReport.set(target);
            if (open) {
                openQuietly(target);
            }
        });
    }

    /**
     * Writes the report of {@code scenario} to {@code target}. Ignored while an export is running. Call on the FX
     * thread; the returned future completes on the FX executor after the status is set.
     */
    public CompletableFuture<Void> export(Scenario scenario, Path target) {
        if (busy.get()) {
            return CompletableFuture.completedFuture(null);
        }
        ReportMeta meta = currentMeta();            // snapshot: properties are read on the FX thread only
        Path logoFile = logo.get();
        boolean open = openWhenDone.get();
        busy.set(true);
        progress.set(-1);                           // indeterminate: one computation, then one write
        status.set(text("export.running", target.getFileName()));
        return CompletableFuture.runAsync(() -> {
            ReportMeta withLogo = logoFile == null ? meta : meta.withLogo(Optional.of(ReportLogo.read(logoFile)));
            service.export(scenario, withLogo, target);
        }, executors.background()).handleAsync((ignored, error) -> {
            busy.set(false);
            if (error == null) {
                progress.set(1);
                lastReport.set(target);
                status.set(text("export.done", target));
                if (open) {
                    openQuietly(target);
                }
            } else {
                progress.set(0);
                status.set(text("export.failed", target.getFileName(), reason(error)));
            }
            return null;
        }, executors.ui());
    }

    private void openQuietly(Path target) {
        try {
            opener.accept(target);
        } catch (RuntimeException e) {
            // The report is written; a desktop without a PDF viewer must not turn success into an error.
            status.set(text("export.doneNotOpened", target));
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

    private String text(String key, Object... args) {
        return Words.forLocale(uiLocale.get()).text(key, args);
    }

    /** The app's language, for the status text; the report's own language is {@link #languageProperty()}. */
    public ObjectProperty<Locale> uiLocaleProperty() {
        return uiLocale;
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

    /** 0 idle or failed, −1 (indeterminate) while writing, 1 when the last export succeeded. */
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
