package org.finetuneplanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostAssumptions;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.model.ModelSpec;
import org.finetuneplanner.core.plan.Caveats;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.catalog.CatalogModel;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.model.ModelFiles;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.quickstart.QuickStarts;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.prices.PriceListJson;
import org.finetuneplanner.service.report.ReportAccuracy;
import org.finetuneplanner.service.report.ReportLanguage;
import org.finetuneplanner.service.report.ReportService;
import org.finetuneplanner.service.report.pdf.PdfReportExporter;
import org.finetuneplanner.service.settings.RecoveryStore;
import org.finetuneplanner.service.settings.Settings;
import org.finetuneplanner.service.settings.SettingsStore;
import org.finetuneplanner.service.validation.ErrorBandsFile;
import org.finetuneplanner.service.validation.ValidationRunner;
import org.finetuneplanner.ui.common.Frames;
import org.finetuneplanner.ui.common.Messages;
import org.finetuneplanner.ui.common.Phrase;
import org.finetuneplanner.ui.common.StartupProbe;
import org.finetuneplanner.ui.common.UiExecutors;
import org.finetuneplanner.ui.planner.ModelSources;
import org.finetuneplanner.ui.planner.PlannerServices;
import org.finetuneplanner.ui.planner.PlannerViewModel;
import org.finetuneplanner.ui.planner.SetupFacts;
import org.finetuneplanner.ui.prices.PriceListFiles;
import org.finetuneplanner.ui.prices.PriceListViewModel;
import org.finetuneplanner.ui.report.ExportViewModel;
import org.finetuneplanner.ui.report.ReportFileDialogs;
import org.finetuneplanner.ui.shell.Autosave;
import org.finetuneplanner.ui.shell.ComparisonExport;
import org.finetuneplanner.ui.shell.FxFileDialogs;
import org.finetuneplanner.ui.shell.FxPrompts;
import org.finetuneplanner.ui.shell.Notices;
import org.finetuneplanner.ui.shell.WindowPlace;
import org.finetuneplanner.ui.shell.PdfExport;
import org.finetuneplanner.ui.shell.ScenarioDocument;
import org.finetuneplanner.ui.shell.ScenarioFiles;
import org.finetuneplanner.ui.shell.ShellView;
import org.finetuneplanner.ui.shell.ShellViewModel;
import org.finetuneplanner.ui.shell.StoredWorkingCopy;

/**
 * The desktop app's composition root: catalogs and core → view-models → views. Remembers the window, theme,
 * language and last scenario between runs ({@code -Dfinetuneplanner.settings=DIR} uses another folder).
 */
public final class App extends Application {
    /** AtlantaFX Primer themes, shipped as CSS (see {@code ui/theme/NOTICE.md}: the jar needs Java 21). */
    public static final String LIGHT = "/org/finetuneplanner/ui/theme/primer-light.css";
    public static final String DARK = "/org/finetuneplanner/ui/theme/primer-dark.css";

    private ExecutorService io;
    private SettingsStore store;
    private ShellViewModel shell;
    private Stage stage;
    private ScenarioJson json;
    /** Scenarios read and written with the own GPUs of the price list in force. */
    private Supplier<ScenarioJson> scenarios;
    private PriceListViewModel prices;
    /** The window's place and size when it last went full screen (presentation mode). */
    private Rectangle2D windowed;

    /** Catalogs read while the toolkit starts (cold start: both take about a second). */
    private static volatile CompletableFuture<Catalogs> catalogsAhead;

    /** Starts the desktop app ({@link Launcher} calls this when there are no arguments). */
    public static void main(String[] args) {
        // AWT only draws the PDF report off screen. Left to connect to X11, it sets an error handler inside
        // GTK's and GTK prints "Gdk-WARNING ... XSetErrorHandler() called with a GDK error trap pushed".
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        catalogsAhead = CompletableFuture.supplyAsync(Catalogs::load);
        launch(App.class, args);
    }

    /** The full composition of the planning screen, shared by the app, the UI tests and the tick benchmark. */
    public static PlannerServices services(Catalogs catalogs) {
        return services(catalogs, Optional.empty());
    }

    /**
     * The planning screen's services over the catalog's prices, or over a seller's price list: then the estimate and
     * the planner price only its offers, and its own GPUs follow the catalog's in the list to choose from.
     */
    private static PlannerServices services(Catalogs catalogs, Optional<SellerPrices> seller) {
        MemoryEstimator memory = new MemoryEstimator();
        CostProjector costs = new CostProjector(CostAssumptions.defaults(), seller);
        Estimator estimator = new Estimator(memory, new ThroughputEstimator(), costs);
        Confidence confidence = new Confidence(ErrorBandsFile.bundled());
        Planner planner = new Planner(memory::estimate, estimator::estimate, costs, confidence);
        // The user's own setup as the planner judges its options: status and ranges, caveats (with what is rented),
        // the largest micro-batch and sequence its estimate fits.
        Function<Estimate, SetupFacts> facts = e -> new SetupFacts(confidence.of(e),
                Caveats.of(e.scenario(), e.memory(), costs.rental(e.scenario())),
                planner.largestMicroBatch(e.scenario()), planner.largestSequenceLength(e.scenario()));
        List<GpuSpec> gpus = new ArrayList<>(catalogs.gpus());
        seller.ifPresent(p -> p.gpus().stream().filter(g -> catalogs.gpu(g.id()).isEmpty()).forEach(gpus::add));
        return new PlannerServices(catalogs.models().stream().map(CatalogModel::toModelSpec).toList(),
                gpus, estimator::estimate, estimator::explain, planner::plan, facts, new ModelSources() {
                    @Override
                    public ModelSpec fromConfig(Path file) {
                        return ModelFiles.readConfig(file);
                    }

                    @Override
                    public ModelSpec fromParameters(long parameters) {
                        return ModelFiles.fromParameters(parameters);
                    }
                }, prices -> services(catalogs, Optional.of(prices)));
    }

    /** Scenario files through {@link ScenarioJson}, written atomically. */
    public static ScenarioFiles scenarioFiles(ScenarioJson json) {
        return scenarioFiles(() -> json);
    }

    /**
     * Scenario files that also know the own GPUs of the price list in force, so that a scenario may name one while
     * the list is in force; written atomically.
     */
    public static ScenarioFiles scenarioFiles(Catalogs catalogs, ObservableValue<Optional<PriceList>> prices) {
        return scenarioFiles(scenarioJson(catalogs, prices));
    }

    /**
     * The scenario reader in force: the catalogs' GPUs and the own GPUs of the price list in force, for scenario
     * files, the last scenario and the working copy alike. Read on any thread: the reader in force when it is asked.
     */
    public static Supplier<ScenarioJson> scenarioJson(Catalogs catalogs, ObservableValue<Optional<PriceList>> prices) {
        AtomicReference<ScenarioJson> current = new AtomicReference<>(new ScenarioJson(catalogs));
        prices.subscribe(list -> current.set(new ScenarioJson(catalogs.withGpus(list.map(PriceList::customGpus)
                .orElse(List.of())))));
        return current::get;
    }

    private static ScenarioFiles scenarioFiles(Supplier<ScenarioJson> json) {
        return new ScenarioFiles() {
            @Override
            public Scenario read(Path file) {
                return json.get().read(file);
            }

            @Override
            public void write(Scenario scenario, Path file) {
                try {
                    json.get().writeFile(scenario, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }
        };
    }

    /** Price list files through {@link PriceListJson}, GPU ids resolved in {@code catalogs}, written atomically. */
    public static PriceListFiles priceListFiles(Catalogs catalogs) {
        PriceListJson json = new PriceListJson(catalogs);
        return new PriceListFiles() {
            @Override
            public PriceList read(Path file) {
                try {
                    return json.read(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(file.getFileName() + ": cannot be read", e);
                }
            }

            @Override
            public void write(PriceList list, Path file) {
                try {
                    PriceListJson.save(list, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
            }

            @Override
            public PriceList fromFields(Map<String, ?> fields) {
                return json.fromFields(fields);
            }
        };
    }

    /**
     * Puts the price list of the last session ({@code settings}) back in force, then remembers in {@code store} the
     * list in force each time it changes, at once: a crash must not forget it, since the autosave it leaves may run
     * on one of the list's own GPUs. A list that could not be put back is forgotten at once, so it is said once.
     */
    public static void rememberPriceLists(PriceListViewModel prices, SettingsStore store, Settings settings) {
        if (!settings.priceList().isEmpty()) {
            prices.restore(Path.of(settings.priceList()));
        }
        AtomicReference<String> remembered = new AtomicReference<>(settings.priceList());
        prices.fileProperty().subscribe(file -> {
            String path = file.map(Path::toString).orElse("");
            if (!path.equals(remembered.getAndSet(path))) {
                try {
                    store.rememberPriceList(path);
                } catch (IOException e) {
                    // As the other settings: a convenience whose failure must not stop the work.
                    System.err.println("Fine-Tune Planner: the price list in force not remembered: "
                            + e.getMessage());
                }
            }
        });
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "planner-io");
            t.setDaemon(true);
            return t;
        });
        String folder = System.getProperty("finetuneplanner.settings");
        store = folder == null || folder.isBlank() ? SettingsStore.standard() : new SettingsStore(Path.of(folder));
        SettingsStore.Loaded<Settings> loaded = store.load();
        Settings settings = loaded.value();

        CompletableFuture<Catalogs> ahead = catalogsAhead;
        Catalogs catalogs = ahead != null ? ahead.join() : Catalogs.load();
        json = new ScenarioJson(catalogs);
        Messages messages = Messages.forLocale(Locale.forLanguageTag(settings.language()));
        UiExecutors executors = UiExecutors.forApp(io);
        PlannerServices planning = services(catalogs);
        PlannerViewModel planner = new PlannerViewModel(planning, executors, messages);
        ExportViewModel export = reportExport(planning, catalogs, executors);
        Phrase notice = loaded.setAside().map(p -> Phrase.of("status.settingsDamaged", p.getFileName()))
                .orElse(null);
        // File → Price list…: the price list in force prices the plan and the report alike. The last session's is
        // put back first: the last scenario and a crashed session's autosave may run on one of its own GPUs.
        prices = new PriceListViewModel(planner, priceListFiles(catalogs), executors,
                LocalDate::now);
        rememberPriceLists(prices, store, settings);
        scenarios = scenarioJson(catalogs, planner.priceListProperty());
        Optional<Scenario> lastScenario = Optional.empty();
        Optional<String> last = Optional.empty();
        try {
            last = store.lastScenario();
            if (last.isPresent()) {
                lastScenario = Optional.of(scenarios.get().read(last.get()));
            }
        } catch (IOException | RuntimeException e) {
            Optional<Path> aside = store.setAsideLastScenario();
            String kept = aside.map(p -> p.getFileName().toString()).orElse(String.valueOf(e.getMessage()));
            // On the GPU of a price list that could not be put back: kept aside, named with its GPU.
            Optional<String> gpu = last.flatMap(text -> StoredWorkingCopy.unknownGpu(e, text));
            notice = gpu.isPresent() && aside.isPresent()
                    ? Phrase.of("status.lastScenarioUnknownGpu", gpu.get(), aside.get())
                    : Phrase.of("status.scenarioDamaged", kept);
        }
        // File → Export PDF…: the dialogs ran on the FX thread (ReportFileDialogs); the shell runs this on its IO
        // thread: the one export path, with the app's language for a report whose dialog chose none.
        PdfExport pdf = export::write;
        // File → Export comparison…: the pinned scenarios through the same path.
        ComparisonExport comparison = export::writeComparison;
        FxFileDialogs fileDialogs = new FxFileDialogs(() -> stage, () -> planner.messagesProperty().get());
        // File → New from quick start and the presentation's quick starts: the bundled scenarios, read as files are.
        QuickStarts quickStarts = new QuickStarts(json);
        shell = new ShellViewModel(planner, scenarioFiles(scenarios), Optional.of(pdf), Optional.of(comparison),
                executors, fileDialogs, new FxPrompts(() -> stage, () -> planner.messagesProperty().get()),
                Optional.of(quickStarts::read));
        shell.presentation().zoom().restore(settings.zoom());
        // The scenario shown when the app quit, with its file; nothing to undo before it.
        Optional<Path> lastFile = lastScenario.isPresent() && !settings.scenarioFile().isEmpty()
                ? Optional.of(Path.of(settings.scenarioFile())) : Optional.empty();
        shell.document().begin(lastScenario, lastFile, settings.recentFiles().stream().map(Path::of).toList());
        export.pricesProperty().bind(planner.priceListProperty());
        // The export's progress and words in the status bar while it runs.
        shell.follow(export.progressProperty(), export.statusProperty());
        // The report's language follows the app's until the user picks another in the export dialog.
        shell.localeProperty().subscribe(l -> {
            export.uiLocaleProperty().set(l);
            export.languageProperty().set(ReportLanguage.fromId(l.getLanguage()).orElse(ReportLanguage.EN));
        });
        shell.darkThemeProperty().set(settings.dark());
        shell.darkThemeProperty().subscribe(dark -> setUserAgentStylesheet(
                App.class.getResource(dark ? DARK : LIGHT).toExternalForm()));
        // The first frame shows the menus, the inputs and the status line; the results follow a frame later.
        ShellView root = new ShellView(shell, new ReportFileDialogs(fileDialogs, export, () -> stage), this::quit,
                Optional.of(prices), this::resultsShown);
        // After the view, which says what the price lists said (a list that could not be put back): a scenario set
        // aside says more.
        if (notice != null) {
            shell.report(notice);
        }
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        Rectangle2D place = WindowPlace.fit(settings, screens, Screen.getPrimary().getVisualBounds());
        Scene scene = new Scene(root);
        scene.getStylesheets().add(App.class.getResource("/org/finetuneplanner/ui/app.css").toExternalForm());
        stage.setScene(scene);
        stage.titleProperty().bind(shell.titleProperty());
        stage.setMinWidth(Math.min(900, place.getWidth()));
        stage.setMinHeight(Math.min(600, place.getHeight()));
        // The stage's size includes the window's frame, as the remembered size does.
        stage.setWidth(place.getWidth());
        stage.setHeight(place.getHeight());
        stage.setX(place.getMinX());
        stage.setY(place.getMinY());
        stage.setMaximized(settings.maximized() || WindowPlace.fillsScreen(place, screens));
        // The property turns true before the window grows: its bounds then are those of the window.
        stage.fullScreenProperty().subscribe(full -> {
            if (full) {
                windowed = new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            }
        });
        // "Report written" with an Open action whenever the export flow has put a report on disk.
        Notices notices = new Notices(() -> stage, planner.messagesProperty(),
                file -> getHostServices().showDocument(file.toUri().toString()));
        export.lastReportProperty().subscribe(file -> {
            if (file != null) {
                notices.reportWritten(file);
            }
        });
        StartupProbe.firstFrame(scene);
        // Closing the window asks about unsaved changes, as File → Quit does.
        stage.setOnCloseRequest(e -> {
            e.consume();
            quit();
        });
        stage.show();
        // After the first frame: what a session that did not end cleanly left is offered back, read on the IO
        // thread; then the working scenario is autosaved a moment after each change.
        shell.document().startSession(new StoredWorkingCopy(new RecoveryStore(store.folder()), scenarios),
                CompletableFuture.delayedExecutor(Autosave.DELAY_MILLIS, TimeUnit.MILLISECONDS, Platform::runLater));
    }


    /** The results are in the window: once they are drawn, the report's warm-up may take the spare CPU. */
    private void resultsShown() {
        StartupProbe.complete(stage.getScene());
        Frames.afterNext(stage.getScene(), () -> {
            // Fonts, PDFBox and JFreeChart loaded before the first export, on a low-priority thread of its own so
            // that opening or saving a scenario never waits behind it on the IO executor; after the start, which
            // it would slow down on a machine with few cores.
            Thread warmUp = new Thread(PdfReportExporter::warmUp, "report-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        });
    }

    /**
     * File → Export PDF…: the report's details dialog before the file chooser, the report written on the IO thread
     * with the shell's status line, then opened with the desktop's PDF viewer.
     */
    private ExportViewModel reportExport(PlannerServices services, Catalogs catalogs, UiExecutors executors) {
        // The accuracy figures the report states: computed once, through the app's own catalog and estimator.
        ReportService reports = new ReportService(services.estimator(), services.explainer(), services.planner(),
                catalogs.gpus(), ReportAccuracy.shared(() -> new ValidationRunner(json, services.estimator())),
                new PdfReportExporter(AtomicFiles.Links.FOLLOW));
        ExportViewModel vm = new ExportViewModel(reports, executors,
                file -> getHostServices().showDocument(file.toUri().toString()), LocalDate::now);
        return vm;
    }

    /** File → Quit and the window's close button: unsaved changes are asked about first. */
    private void quit() {
        shell.document().quit().thenAccept(mayQuit -> {
            if (mayQuit) {
                Platform.exit();
            }
        });
    }

    @Override
    public void stop() {
        if (shell != null && stage != null) {
            boolean max = stage.isMaximized();
            ScenarioDocument document = shell.document();
            // In presentation mode the stage fills the screen: the window is remembered as it was before.
            Rectangle2D w = stage.isFullScreen() && windowed != null ? windowed
                    : new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
            Settings s = new Settings(w.getMinX(), w.getMinY(), w.getWidth(), w.getHeight(), max,
                    shell.darkThemeProperty().get(), shell.localeProperty().get().getLanguage(),
                    document.recentFiles().files().stream().map(Path::toString).toList(),
                    document.fileProperty().get().map(Path::toString).orElse(""),
                    shell.presentation().zoom().getFactor(),
                    prices.fileProperty().get().map(Path::toString).orElse(""));
            try {
                store.save(s);
                // The next start puts the price list back in force before it reads the last scenario, so one on the
                // list's own GPU is kept too; a GPU no list in force knows would not be read again.
                Optional<Scenario> scenario = document.remembered().filter(sc -> shell.planner().catalogGpus()
                        .contains(sc.hardware().gpu()) || shell.planner().priceListProperty().get()
                        .map(l -> l.customGpus().contains(sc.hardware().gpu())).orElse(false));
                if (scenario.isPresent()) {
                    store.saveLastScenario(scenarios.get().write(scenario.get()));
                }
                // A clean end: the working copy goes, after any autosave still queued on the IO thread.
                document.endSession().get(5, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException | ExecutionException | TimeoutException e) {
                // Settings are a convenience: failing to save them must not block quitting.
                System.err.println("Fine-Tune Planner: settings not saved: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (io != null) {
            io.shutdownNow();
        }
    }
}
