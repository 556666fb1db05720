package org.finetuneplanner.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import org.finetuneplanner.core.Estimate;
import org.finetuneplanner.core.Estimator;
import org.finetuneplanner.core.cost.CostAssumptions;
import org.finetuneplanner.core.cost.CostProjector;
import org.finetuneplanner.core.cost.SellerPrices;
import org.finetuneplanner.core.gpu.GpuSpec;
import org.finetuneplanner.core.memory.MemoryEstimator;
import org.finetuneplanner.core.plan.Plan;
import org.finetuneplanner.core.plan.Planner;
import org.finetuneplanner.core.range.Confidence;
import org.finetuneplanner.core.scenario.Scenario;
import org.finetuneplanner.core.time.ThroughputEstimator;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.persistence.PlanJson;
import org.finetuneplanner.service.io.SafeText;
import org.finetuneplanner.service.persistence.ScenarioJson;
import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.text.LocaleFormat;
import org.finetuneplanner.service.text.Words;
import org.finetuneplanner.service.validation.ErrorBandsFile;

/**
 * {@code plan SCENARIO.json [--json] [--gpus ID,ID,…] [--lang en|vi] [--prices FILE]}: the scenario's job tried on
 * every GPU of the catalog (or of {@code --gpus}, else of {@code plan.gpus}; always its own GPU): per GPU the
 * cheapest setup that fits ({@code core.plan.Planner}), with its status, ranges, changed settings and caveats; the
 * cheapest and fastest. With {@code --prices} only the price list's GPUs are tried, at its prices and in its
 * currency; the scenario's own GPU is shown unpriced when the list does not offer it.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {
            "Tries the scenario on every GPU in the catalog (or the listed ones, and always its own GPU): for each "
                    + "GPU the cheapest setup that fits, choosing the GPU count (rented in whole instances), the "
                    + "sharding and the CPU offload, and lowering the micro-batch (keeping the sequences per step), "
                    + "turning on activation checkpointing or a chunked loss only when that is needed to fit or "
                    + "cheaper; up to plan.max_gpus GPUs (64). Each option has a status (fits, tight, no), ranges "
                    + "and caveats; options that do not fit carry no time or cost and say what they would need.",
            "Without --json a table (--lang en|vi); with --json the plan object of the scenario format "
                    + "(advice-and-prices.md)."})
final class PlanCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO.json",
            description = "a scenario file (finetune-plan/1); - reads standard input")
    private String scenario;

    @Option(names = "--json", description = "print the plan as JSON")
    private boolean json;

    @Option(names = "--gpus", split = ",", paramLabel = "ID",
            description = "GPU catalog ids to try, comma-separated (default: plan.gpus of the scenario, else every "
                    + "GPU in the catalog); the scenario's own GPU is always tried")
    private List<String> gpus;

    @Option(names = "--discount", paramLabel = "FRACTION",
            description = "spot or off-peak discount on every GPU price, 0 to 0.95 (default 0: on-demand)")
    private double discount;

    @Option(names = "--usd-per-kwh", paramLabel = "USD",
            description = "electricity price for the energy cost of owning the GPUs (default "
                    + CostAssumptions.DEFAULT_USD_PER_KWH + ")")
    private double usdPerKwh = CostAssumptions.DEFAULT_USD_PER_KWH;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "a seller's price list (finetune-prices/1): only its GPUs are tried, at its prices, in its "
                    + "currency; the scenario may name its own GPUs")
    private String prices;

    @Option(names = "--lang", paramLabel = "en|vi",
            description = "language of the table (default en); JSON keys and texts stay English")
    private String lang = "en";

    private final CliContext context;

    PlanCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // The command line is checked whole before any file is read: a wrong option value is a usage error (2).
        CliFiles.requirePath(spec, scenario, "SCENARIO.json");
        CliFiles.requirePath(spec, prices, "--prices");
        if (!(discount >= 0 && discount <= 0.95)) {
            throw new ParameterException(spec.commandLine(), "--discount " + discount
                    + " is not allowed; give a fraction from 0 to 0.95");
        }
        if (!(usdPerKwh >= 0 && usdPerKwh < 100)) {
            throw new ParameterException(spec.commandLine(), "--usd-per-kwh " + usdPerKwh
                    + " is not allowed; give a price from 0 to 100 USD/kWh");
        }
        Locale locale = language();
        // Without a price list --gpus names catalog ids, checked now; with one they may name its own GPUs too, so
        // they are checked once it is read (before the scenario).
        Optional<List<GpuSpec>> listed = prices == null ? listedGpus(context, Optional.empty()) : Optional.empty();
        Optional<PriceList> priceList = Optional.empty();
        CliContext ctx = context;
        if (prices != null) {
            CliFiles.Prices read = CliFiles.readPriceList(prices, context);
            if (!read.ok()) {
                return read.status();
            }
            priceList = Optional.of(read.list());
            ctx = context.withPriceList(read.list());
            listed = listedGpus(ctx, priceList);
        }
        CliFiles.Loaded loaded = CliFiles.readScenario(scenario, ctx);
        if (!loaded.ok()) {
            return loaded.status();
        }
        ScenarioJson.Document document = loaded.document();
        Catalogs catalogs = ctx.scenarios().catalogs();
        Optional<SellerPrices> seller = priceList.map(PriceList::sellerPrices);
        List<GpuSpec> all = seller.map(SellerPrices::gpus).orElse(catalogs.gpus());
        List<GpuSpec> chosen = listed.orElseGet(() -> document.plan().gpuIds().isEmpty() ? all
                : document.plan().gpuIds().stream().map(id -> catalogs.gpu(id).orElseThrow()).toList());
        // The search asks the memory estimator only (fast); the candidates get the context's full estimate.
        CostAssumptions assumptions = CostAssumptions.defaults().withDiscount(discount).withUsdPerKwh(usdPerKwh);
        CostProjector costs = new CostProjector(assumptions, seller);
        MemoryEstimator memory = new MemoryEstimator();
        // Default assumptions and prices: the context's estimator (tests may inject one); else the standard parts.
        Function<Scenario, Estimate> estimator = assumptions.equals(CostAssumptions.defaults()) && seller.isEmpty()
                ? context.estimator() : new Estimator(memory, new ThroughputEstimator(), costs)::estimate;
        Planner planner = new Planner(memory::estimate, estimator, costs, new Confidence(ErrorBandsFile.bundled()));
        Plan plan = planner.plan(document.scenario(), chosen, document.plan());
        PrintWriter out = context.out();
        if (json) {
            out.println(PlanJson.write(plan, costs));
        } else {
            Words words = Words.forLocale(locale);
            new PlanTable(words, costs).print(plan, out);
            priceList.ifPresent(list -> out.println(pricesLine(list, words)));
        }
        return context.finishOutput("the plan");
    }

    /** "Prices: VinaGPU Cloud's price list (sales@…), 25,400 VND per US dollar (rate of …); quoted …". */
    static String pricesLine(PriceList list, Words words) {
        LocaleFormat f = words.format();
        String none = words.text("plan.priceList.unknownDate");
        String contact = list.seller().contact().isEmpty() ? list.currency() : list.seller().contact();
        return SafeText.escape(words.text("plan.priceList", list.seller().name(), contact,
                f.money(list.usdRate(), Currency.getInstance(list.currency())),
                list.rateDate().map(d -> words.text("plan.priceList.rateDate", f.date(d))).orElse(""),
                list.quoteDate().map(f::date).orElse(none), list.validUntil().map(f::date).orElse(none)));
    }

    private Locale language() {
        String value = lang == null ? "" : lang.strip().toLowerCase(Locale.ROOT);
        if (!value.equals("en") && !value.equals("vi")) {
            throw new ParameterException(spec.commandLine(), "--lang " + lang + ": expected en or vi");
        }
        return Locale.forLanguageTag(value);
    }

    /**
     * The GPUs of {@code --gpus} in the order given (duplicates once), or empty when the option is not given: catalog
     * ids, or with a price list the ids it offers (its own GPUs too).
     */
    private Optional<List<GpuSpec>> listedGpus(CliContext ctx, Optional<PriceList> priceList) {
        if (gpus == null || gpus.isEmpty()) {
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : gpus) {
            ids.add(id.strip());
        }
        Catalogs catalogs = ctx.scenarios().catalogs();
        Optional<SellerPrices> seller = priceList.map(PriceList::sellerPrices);
        List<GpuSpec> chosen = new ArrayList<>();
        for (String id : ids) {
            Optional<GpuSpec> gpu = catalogs.gpu(id);
            if (seller.isPresent() && (gpu.isEmpty() || seller.get().offer(gpu.get().id()).isEmpty())) {
                throw new ParameterException(spec.commandLine(), "--gpus: \"" + id + "\" is not offered by the "
                        + "price list; offered: " + String.join(", ", seller.get().gpus().stream().map(GpuSpec::id)
                        .toList()));
            }
            if (gpu.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--gpus: unknown GPU id \"" + id + "\"; allowed: "
                        + String.join(", ", catalogs.gpuIds()));
            }
            chosen.add(gpu.get());
        }
        return Optional.of(chosen);
    }
}
