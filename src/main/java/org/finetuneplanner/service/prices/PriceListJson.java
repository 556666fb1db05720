package org.finetuneplanner.service.prices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.finetuneplanner.core.scenario.Limits;
import org.finetuneplanner.service.catalog.Catalogs;
import org.finetuneplanner.service.io.InvalidValueException;
import org.finetuneplanner.service.io.IoReasons;
import org.finetuneplanner.service.io.JsonBinding;
import org.finetuneplanner.service.io.Bounds;
import org.finetuneplanner.service.io.SafeJson;

/**
 * Reads a price list in the {@code finetune-prices/1} format (spec "Price lists") into a {@link PriceList}, with
 * {@link SafeJson}'s hardened mapper. Required: {@code format}, {@code seller.name}, {@code currency} (ISO 4217),
 * {@code usd_rate} and at least one offer with its {@code gpu} (a catalog id, or an object with {@code id},
 * {@code memory_gib} and {@code bf16_tflops}; {@code name} defaults to the id, {@code fp8} to false,
 * {@code interconnect} to "pcie") and {@code price_per_gpu_hour}. Defaults: {@code instance_gpus} [1],
 * {@code max_gpus} 64. Dates are ISO ({@code 2026-12-31}). Unknown keys are ignored.
 *
 * <p>A file that is not a price list, names an unknown GPU id, or holds a bad value is refused with an
 * {@link InvalidValueException} naming the key, the value as written and what is allowed. Thread-safe.
 */
public final class PriceListJson {

    /** The format this class reads. */
    public static final String FORMAT = "finetune-prices/1";
    /** The most GPUs an offer may allow when it does not say: the planner's default job size limit. */
    public static final int DEFAULT_MAX_GPUS = Limits.PLANNER_MAX_GPUS;

    private final Catalogs catalogs;

    /** A reader that resolves GPU ids through {@code catalogs}. */
    public PriceListJson(Catalogs catalogs) {
        this.catalogs = Objects.requireNonNull(catalogs, "catalogs");
    }

    /** The file's shape. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PriceListDto(String format, SellerDto seller, String currency,
                        @Bounds(min = 0, minExclusive = true, max = 1e9) Double usdRate,
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
    record GpuDto(String id, String name, @Bounds(min = 0, minExclusive = true, max = 100_000) Double memoryGib,
                  @Bounds(min = 0, minExclusive = true, max = 1_000_000) Double bf16Tflops, Boolean fp8,
                  String interconnect) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        GpuDto {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static GpuDto of(String catalogId) {
            return new GpuDto(catalogId, null, null, null, null, null);
        }

        /** Only an id: a reference to the catalog. */
        boolean isReference() {
            return name == null && memoryGib == null && bf16Tflops == null && fp8 == null && interconnect == null;
        }
    }

    /**
     * Reads a price list file.
     *
     * @throws InvalidValueException naming the file and the reason when it cannot be read, or the key at fault
     */
    public PriceList read(Path file) {
        String text;
        try (InputStream in = Files.newInputStream(file)) {
            text = SafeJson.readText(in);
        } catch (JsonProcessingException e) {
            throw new InvalidValueException("", file.getFileName() + ": " + SafeJson.describe(e));
        } catch (IOException e) {
            throw new InvalidValueException("", file + ": cannot be read (" + IoReasons.of(e) + ")");
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
            throw new InvalidValueException("", SafeJson.describe(e));
        }
        if (!tree.isObject()) {
            throw JsonBinding.invalid("price list", tree, "a JSON object {\"format\": \"" + FORMAT + "\", …}");
        }
        PriceListDto dto = JsonBinding.bind(tree, json, PriceListDto.class);
        Supplier<InvalidValueException> notAList = () -> dto.format() == null
                ? JsonBinding.missing("format", "\"" + FORMAT + "\" (is this a price list?)")
                : JsonBinding.invalid("format", tree.get("format"), "\"" + FORMAT + "\"");
        if (!FORMAT.equals(dto.format())) {
            throw notAList.get();
        }
        SellerDto seller = required(dto.seller(), "seller", "an object with a name");
        String currency = required(dto.currency(), "currency", "an ISO 4217 code such as \"VND\"");
        if (!currency.matches("[A-Z]{3}")) {
            throw JsonBinding.invalid("currency", tree.get("currency"), "an ISO 4217 code of three capital letters");
        }
        List<OfferDto> listed = dto.offers() == null ? List.of() : dto.offers();
        if (listed.isEmpty()) {
            throw dto.offers() == null ? JsonBinding.missing("offers", "a list of offers")
                    : JsonBinding.invalid("offers", tree.get("offers"), "at least one offer");
        }
        List<PriceList.Offer> offers = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            offers.add(offer(listed.get(i), "offers[" + i + "]", tree));
        }
        Optional<LocalDate> quote = date(dto.quoteDate(), "quote_date", tree);
        Optional<LocalDate> until = date(dto.validUntil(), "valid_until", tree);
        if (quote.isPresent() && until.isPresent() && until.get().isBefore(quote.get())) {
            throw JsonBinding.invalid("valid_until", tree.get("valid_until"), "a date on or after quote_date "
                    + quote.get());
        }
        return new PriceList(new PriceList.Seller(required(seller.name(), "seller.name", "the seller's name"),
                or(seller.contact(), ""), or(seller.website(), "")), currency,
                required(dto.usdRate(), "usd_rate", "units of " + currency + " per US dollar"),
                date(dto.rateDate(), "rate_date", tree), quote, until, offers);
    }

    private PriceList.Offer offer(OfferDto o, String key, JsonNode tree) {
        if (o == null) {
            throw JsonBinding.invalid(key, JsonBinding.at(tree, key), "an offer object");
        }
        GpuDto g = required(o.gpu(), key + ".gpu", "a GPU id of the catalog or a GPU object");
        PriceList.Gpu gpu;
        if (g.isReference()) {
            String id = required(g.id(), key + ".gpu.id", "a GPU id");
            gpu = new PriceList.CatalogGpu(catalogs.gpu(id).orElseThrow(() -> JsonBinding.invalid(
                    key + ".gpu", JsonBinding.at(tree, key + ".gpu"), "a GPU id of the catalog: "
                            + String.join(", ", catalogs.gpuIds()) + ", or a GPU object")));
        } else {
            String id = required(g.id(), key + ".gpu.id", "the seller's id for the GPU");
            gpu = new PriceList.CustomGpu(id, or(g.name(), id),
                    required(g.memoryGib(), key + ".gpu.memory_gib", "usable memory per GPU, GiB"),
                    required(g.bf16Tflops(), key + ".gpu.bf16_tflops", "the dense BF16 peak, TFLOPS"),
                    or(g.fp8(), false), or(g.interconnect(), "pcie"));
        }
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

    private static Optional<LocalDate> date(String text, String key, JsonNode tree) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
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
}
