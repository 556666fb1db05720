package org.finetuneplanner.service.prices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.AtomicFiles;
import org.finetuneplanner.service.io.Bounds;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.SafeJson;
import org.finetuneplanner.service.text.Sentence;

/**
 * Reads and writes price lists in the {@code finetune-prices/1} format (spec "Price lists"), with {@link SafeJson}'s
 * hardened mapper. Required: {@code format}, {@code seller.name}, {@code currency} (an ISO 4217 code of a currency,
 * {@link Currency}), {@code usd_rate} (units of the currency per US dollar; exactly 1 for USD) and at least one
 * offer with its {@code gpu} and {@code price_per_gpu_hour} (≥ 0, in the currency). An offer's {@code gpu} is a
 * catalog id, or an object describing a GPU the catalog does not have: {@code id} (lower case, not a catalog id),
 * {@code memory_gib} (usable memory) and {@code bf16_tflops} are required; {@code name} defaults to the id,
 * {@code vendor} to none, {@code fp8} to false, {@code interconnect} to {@code pcie} (one of
 * {@link PriceList.Link}), {@code memory_bandwidth_tbs} to the BF16 peak / {@link PriceList#ASSUMED_FLOPS_PER_BYTE},
 * {@code tdp_w} to none (no energy figure). Defaults: {@code instance_gpus} [1], {@code max_gpus} 64. Dates are ISO
 * ({@code 2026-12-31}); {@code valid_until} is not before {@code quote_date}. Each GPU is offered once. Unknown keys
 * are ignored.
 *
 * <p>A file that is not a price list, names an unknown GPU id, or holds a bad value is refused with an
 * {@link InvalidValueException} naming the key, the value as written and what is allowed. Thread-safe.
 */
public final class PriceListJson {

    /** The format this class reads. */
    public static final String FORMAT = "finetune-prices/1";
    /** The most GPUs an offer may allow when it does not say: the planner's default job size limit. */
    public static final int DEFAULT_MAX_GPUS = Limits.PLANNER_MAX_GPUS;
    /** The largest {@code usd_rate}: a billion units per dollar is beyond any currency in use. */
    public static final double MAX_USD_RATE = 1e9;

    private static final String CUSTOM_ID = "[a-z0-9][a-z0-9._-]{0,63}";

    private final Catalogs catalogs;

    /** A reader that resolves GPU ids through {@code catalogs}. */
    public PriceListJson(Catalogs catalogs) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    /** The file's shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PriceListDto(String format, SellerDto seller, String currency,
                        @Bounds(min = 0, minExclusive = true, max = MAX_USD_RATE) Double usdRate,
                        String rateDate, String quoteDate, String validUntil, List<OfferDto> offers) {
    }

    /** {@code seller}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SellerDto(String name, String contact, String website) {
    }

    /** One of {@code offers}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OfferDto(GpuDto gpu, @Bounds(min = 0, max = 1e12) Double pricePerGpuHour, List<Integer> instanceGpus,
                    @Bounds(min = 1, max = Limits.MAX_GPUS) Integer maxGpus) {
    }

    /** An offer's {@code gpu}: a catalog id (text), or an object describing the GPU. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GpuDto(String id, String name, String vendor,
                  @Bounds(min = 0, minExclusive = true, max = 100_000) Double memoryGib,
                  @Bounds(min = 0, minExclusive = true, max = 1_000_000) Double bf16Tflops, Boolean fp8,
                  String interconnect, @Bounds(min = 0, minExclusive = true, max = 10_000) Double memoryBandwidthTbs,
                  @Bounds(min = 1, max = 100_000) Integer tdpW) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        GpuDto {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static GpuDto of(String catalogId) {
            return new GpuDto(catalogId, null, null, null, null, null, null, null, null);
        }

        /** Only an id: a reference to the catalog. */
        boolean isReference() {
            return name == null && vendor == null && memoryGib == null && bf16Tflops == null && fp8 == null
                    && interconnect == null && memoryBandwidthTbs == null && tdpW == null;
        }
    }

    /**
     * Reads a price list file.
     *
     * @throws IOException           when the file cannot be read (missing, no permission)
     * @throws InvalidValueException naming the key at fault, or the file when it is not JSON or too large
     */
    public PriceList read(Path file) throws IOException {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("", Sentence.of("read.inFile", file.getFileName(), SafeJson.problem(e)));
        }
        return read(text);
    }

    /**
     * Reads a price list from JSON text.
     *
     * @throws InvalidValueException naming the key, the value as written and what is allowed
     */
    public PriceList read(String json) {
        JsonNode tree;
        try {
            tree = SafeJson.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("", SafeJson.problem(e));
        }
        return read(tree, json);
    }

    /**
     * Reads a price list from a JSON tree (the app's editor builds one from its fields, so that it checks exactly
     * what a file is checked for).
     *
     * @param text the text the tree was parsed from, or null (then messages give no line and column)
     * @throws InvalidValueException naming the key, the value as written and what is allowed
     */
    public PriceList read(JsonNode tree, String text) {
        if (!tree.isObject()) {
            throw JsonBinding.invalid("price list", tree, "a JSON object {\"format\": \"" + FORMAT + "\", …}");
        }
        if (!tree.has("format") || tree.get("format").isNull()) {
            throw JsonBinding.missing("format", "\"" + FORMAT + "\" (is this a price list?)");
        }
        if (!FORMAT.equals(tree.get("format").asText()) || !tree.get("format").isTextual()) {
            throw JsonBinding.invalid("format", tree.get("format"), "\"" + FORMAT + "\"");
        }
        PriceListDto dto = JsonBinding.bind(tree, text, PriceListDto.class);
        SellerDto seller = required(dto.seller(), "seller", "an object with a name");
        String name = required(seller.name(), "seller.name", "the seller's name");
        if (name.isBlank()) {
            throw JsonBinding.invalid("seller.name", JsonBinding.at(tree, "seller.name"), "the seller's name");
        }
        String currency = currency(required(dto.currency(), "currency", "an ISO 4217 code such as \"VND\""), tree);
        double rate = required(dto.usdRate(), "usd_rate", "units of " + currency + " per US dollar");
        if (currency.equals("USD") && rate != 1) {
            throw JsonBinding.invalid("usd_rate", tree.get("usd_rate"), "1 for prices in US dollars");
        }
        List<OfferDto> listed = dto.offers() == null ? List.of() : dto.offers();
        if (listed.isEmpty()) {
            throw dto.offers() == null ? JsonBinding.missing("offers", "a list of offers")
                    : JsonBinding.invalid("offers", tree.get("offers"), "at least one offer");
        }
        List<PriceList.Offer> offers = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String key = "offers[" + i + "]";
            PriceList.Offer offer = offer(listed.get(i), key, tree);
            if (!ids.add(offer.gpu().id())) {
                throw JsonBinding.invalid(key + ".gpu", JsonBinding.at(tree, key + ".gpu"),
                        "a GPU not offered before (each GPU is offered once)");
            }
            offers.add(offer);
        }
        Optional<LocalDate> quote = date(dto.quoteDate(), "quote_date", tree);
        Optional<LocalDate> until = date(dto.validUntil(), "valid_until", tree);
        if (quote.isPresent() && until.isPresent() && until.get().isBefore(quote.get())) {
            throw JsonBinding.invalid("valid_until", tree.get("valid_until"), "a date on or after quote_date "
                    + quote.get());
        }
        return new PriceList(new PriceList.Seller(name.strip(), or(seller.contact(), "").strip(),
                or(seller.website(), "").strip()), currency, rate, date(dto.rateDate(), "rate_date", tree), quote,
                until, offers);
    }

    /** The code if it names a currency of ISO 4217 with a minor unit (not a metal or a fund, such as XAU). */
    private static String currency(String code, JsonNode tree) {
        String allowed = "an ISO 4217 currency code such as VND, USD or EUR";
        if (!code.matches("[A-Z]{3}")) {
            throw JsonBinding.invalid("currency", tree.get("currency"), allowed);
        }
        try {
            if (Currency.getInstance(code).getDefaultFractionDigits() < 0) {
                throw JsonBinding.invalid("currency", tree.get("currency"), allowed);
            }
        } catch (IllegalArgumentException e) {
            throw JsonBinding.invalid("currency", tree.get("currency"), allowed);
        }
        return code;
    }

    private PriceList.Offer offer(OfferDto o, String key, JsonNode tree) {
        if (o == null) {
            throw JsonBinding.invalid(key, JsonBinding.at(tree, key), "an offer object");
        }
        GpuDto g = required(o.gpu(), key + ".gpu", "a GPU id of the catalog or a GPU object");
        PriceList.Gpu gpu = g.isReference() ? catalogGpu(g, key, tree) : customGpu(g, key, tree);
        int max = or(o.maxGpus(), DEFAULT_MAX_GPUS);
        List<Integer> counts = o.instanceGpus() == null ? List.of(1) : o.instanceGpus();
        for (int i = 0; i < counts.size(); i++) {
            Integer n = counts.get(i);
            if (n == null || n < 1 || n > max || i > 0 && n <= counts.get(i - 1)) {
                throw JsonBinding.invalid(key + ".instance_gpus[" + i + "]",
                        JsonBinding.at(tree, key + ".instance_gpus[" + i + "]"),
                        "GPU counts from 1 to max_gpus (" + max + "), each larger than the one before");
            }
        }
        if (counts.isEmpty()) {
            throw JsonBinding.invalid(key + ".instance_gpus", JsonBinding.at(tree, key + ".instance_gpus"),
                    "at least one GPU count");
        }
        return new PriceList.Offer(gpu, required(o.pricePerGpuHour(), key + ".price_per_gpu_hour",
                "the price of one GPU-hour"), counts, max);
    }

    private PriceList.Gpu catalogGpu(GpuDto g, String key, JsonNode tree) {
        String id = required(g.id(), key + ".gpu.id", "a GPU id");
        return new PriceList.CatalogGpu(catalogs.gpu(id).orElseThrow(() -> JsonBinding.invalid(key + ".gpu",
                JsonBinding.at(tree, key + ".gpu"), Sentence.of("read.allowed.catalogGpuOrObject",
                        String.join(", ", catalogs.gpuIds())))));
    }

    private PriceList.Gpu customGpu(GpuDto g, String key, JsonNode tree) {
        String k = key + ".gpu.";
        String id = required(g.id(), k + "id", "the seller's id for the GPU");
        if (!id.matches(CUSTOM_ID)) {
            throw JsonBinding.invalid(k + "id", JsonBinding.at(tree, k + "id"),
                    "lower-case letters, digits, '.', '_' and '-' (at most 64)");
        }
        if (catalogs.gpu(id).isPresent()) {
            throw JsonBinding.invalid(k + "id", JsonBinding.at(tree, k + "id"),
                    "an id the catalog does not use (for the catalog's " + id + " give only its id)");
        }
        PriceList.Link link = PriceList.Link.PCIE;
        if (g.interconnect() != null) {
            link = PriceList.Link.fromId(g.interconnect()).orElseThrow(() -> JsonBinding.invalid(k + "interconnect",
                    JsonBinding.at(tree, k + "interconnect"), "one of " + Identified.allowed(PriceList.Link.values())));
        }
        return new PriceList.CustomGpu(id, or(g.name(), id).strip(), or(g.vendor(), "").strip(),
                required(g.memoryGib(), k + "memory_gib", "usable memory per GPU, GiB"),
                required(g.bf16Tflops(), k + "bf16_tflops", "the dense BF16 peak, TFLOPS"), or(g.fp8(), false), link,
                g.memoryBandwidthTbs() == null ? OptionalDouble.empty() : OptionalDouble.of(g.memoryBandwidthTbs()),
                g.tdpW() == null ? OptionalInt.empty() : OptionalInt.of(g.tdpW()));
    }

    private static Optional<LocalDate> date(String text, String key, JsonNode tree) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw JsonBinding.invalid(key, tree.get(key), "a date such as 2026-12-31");
        }
    }

    private static <T> T required(T value, String key, String allowed) {
        if (value == null) {
            throw JsonBinding.missing(key, allowed);
        }
        return value;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Reads a price list from plain values (maps, lists, texts, numbers, booleans) in the file's shape, as the app's
     * editor holds them: checked exactly as a file is, a value typed as text that is no number named with its key.
     *
     * @throws InvalidValueException naming the key, the value as written and what is allowed
     */
    public PriceList fromFields(Map<String, ?> fields) {
        JsonNode tree;
        try {
            tree = SafeJson.readTree(SafeJson.compact(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values are JSON: " + e.getOriginalMessage(), e);
        }
        // No text: the editor's user never saw one, so a message gives no line and column of it.
        return read(tree, null);
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    /** The price list as a JSON tree in the spec's shape (keys it does not need left out). */
    public static ObjectNode toTree(PriceList list) {
        ObjectNode root = SafeJson.nodes().objectNode();
        root.put("format", FORMAT);
        ObjectNode seller = root.putObject("seller");
        seller.put("name", list.seller().name());
        putText(seller, "contact", list.seller().contact());
        putText(seller, "website", list.seller().website());
        root.put("currency", list.currency());
        putNumber(root, "usd_rate", list.usdRate());
        list.rateDate().ifPresent(d -> root.put("rate_date", d.toString()));
        list.quoteDate().ifPresent(d -> root.put("quote_date", d.toString()));
        list.validUntil().ifPresent(d -> root.put("valid_until", d.toString()));
        ArrayNode offers = root.putArray("offers");
        for (PriceList.Offer o : list.offers()) {
            ObjectNode offer = offers.addObject();
            if (o.gpu() instanceof PriceList.CustomGpu c) {
                ObjectNode gpu = offer.putObject("gpu");
                gpu.put("id", c.id());
                gpu.put("name", c.name());
                putText(gpu, "vendor", c.vendor());
                putNumber(gpu, "memory_gib", c.memoryGib());
                putNumber(gpu, "bf16_tflops", c.bf16Tflops());
                gpu.put("fp8", c.fp8());
                gpu.put("interconnect", c.interconnect().id());
                c.memoryBandwidthTbs().ifPresent(v -> putNumber(gpu, "memory_bandwidth_tbs", v));
                c.tdpWatts().ifPresent(v -> gpu.put("tdp_w", v));
            } else {
                offer.put("gpu", o.gpu().id());
            }
            putNumber(offer, "price_per_gpu_hour", o.pricePerGpuHour());
            ArrayNode counts = offer.putArray("instance_gpus");
            o.instanceGpus().forEach(counts::add);
            offer.put("max_gpus", o.maxGpus());
        }
        return root;
    }

    /** Indented JSON of the price list. */
    public static String write(PriceList list) {
        return SafeJson.pretty(toTree(list)) + "\n";
    }

    /**
     * Writes the price list to {@code file} atomically ({@link AtomicFiles}: a failure leaves the previous file as
     * it was); a symbolic link is written through.
     */
    public static void save(PriceList list, Path file) throws IOException {
        AtomicFiles.writeString(file, AtomicFiles.Links.FOLLOW, write(list));
    }

    /** A whole number without a decimal point ("62000", not "62000.0"), others as they are. */
    private static void putNumber(ObjectNode node, String key, double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            node.put(key, (long) value);
        } else {
            node.put(key, value);
        }
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (!value.isEmpty()) {
            node.put(key, value);
        }
    }
}
