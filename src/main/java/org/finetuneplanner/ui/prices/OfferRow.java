package org.finetuneplanner.ui.prices;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.text.TypedNumber;

/**
 * One offer of the price list editor, as typed: a catalog GPU by its id, or a custom GPU with its memory, BF16
 * TFLOPS, FP8 and interconnect; the price per GPU-hour in the list's currency, the GPU counts it is rented in
 * ("1, 2, 4, 8") and the largest job. Numbers stay text until the list is checked, so a bad one is named with its
 * key; they are read and shown as the interface's language writes them ({@link TypedNumber}). Call on the FX thread.
 */
public final class OfferRow {
    private final boolean custom;
    private final StringProperty gpu = new SimpleStringProperty(this, "gpu", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty memory = new SimpleStringProperty(this, "memory", "");
    private final StringProperty tflops = new SimpleStringProperty(this, "tflops", "");
    private final BooleanProperty fp8 = new SimpleBooleanProperty(this, "fp8");
    private final ObjectProperty<PriceList.Link> link = new SimpleObjectProperty<>(this, "link", PriceList.Link.PCIE);
    private final StringProperty price = new SimpleStringProperty(this, "price", "");
    private final StringProperty units = new SimpleStringProperty(this, "units", "1");
    private final StringProperty maxGpus = new SimpleStringProperty(this, "maxGpus", "8");
    /** What a custom GPU of the file had that the editor does not show (vendor, bandwidth, board power). */
    private final Map<String, Object> kept = new LinkedHashMap<>();

    private OfferRow(boolean custom) {
        this.custom = custom;
    }

    /** An offer of the catalog GPU {@code id}. */
    public static OfferRow catalog(String id) {
        OfferRow row = new OfferRow(false);
        row.gpu.set(id);
        return row;
    }

    /** A blank offer of a GPU the catalog does not have. */
    public static OfferRow custom() {
        return new OfferRow(true);
    }

    /** The row of an offer of a price list, its numbers as {@code locale}'s language types them. */
    static OfferRow of(PriceList.Offer o, Locale locale) {
        OfferRow row;
        if (o.gpu() instanceof PriceList.CustomGpu c) {
            row = custom();
            row.gpu.set(c.id());
            row.name.set(c.name());
            row.memory.set(shown(c.memoryGib(), locale));
            row.tflops.set(shown(c.bf16Tflops(), locale));
            row.fp8.set(c.fp8());
            row.link.set(c.interconnect());
            if (!c.vendor().isEmpty()) {
                row.kept.put("vendor", c.vendor());
            }
            c.memoryBandwidthTbs().ifPresent(v -> row.kept.put("memory_bandwidth_tbs", v));
            c.tdpWatts().ifPresent(v -> row.kept.put("tdp_w", v));
        } else {
            row = catalog(o.gpu().id());
        }
        row.price.set(shown(o.pricePerGpuHour(), locale));
        row.units.set(o.instanceGpus().stream().map(String::valueOf).collect(Collectors.joining(", ")));
        row.maxGpus.set(String.valueOf(o.maxGpus()));
        return row;
    }

    /**
     * The offer in the file's shape ({@code gpu}, {@code price_per_gpu_hour}, {@code instance_gpus}, …).
     *
     * @param key     the offer's key, "offers[1]"
     * @param numbers reads the typed numbers
     * @throws Numbers.AmbiguousNumber naming the key of a number that may be read two ways
     */
    Map<String, Object> fields(String key, Numbers numbers) {
        Map<String, Object> offer = new LinkedHashMap<>();
        if (custom) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("id", gpu.get().trim());
            put(g, "name", name.get().trim());
            put(g, "memory_gib", numbers.read(key + ".gpu.memory_gib", memory.get()));
            put(g, "bf16_tflops", numbers.read(key + ".gpu.bf16_tflops", tflops.get()));
            g.put("fp8", fp8.get());
            g.put("interconnect", link.get().id());
            g.putAll(kept);
            offer.put("gpu", g);
        } else {
            offer.put("gpu", gpu.get());
        }
        put(offer, "price_per_gpu_hour", numbers.read(key + ".price_per_gpu_hour", price.get()));
        List<Object> counts = new ArrayList<>();
        for (String part : units.get().split("[,;\\s]+")) {
            if (!part.isEmpty()) {
                counts.add(numbers.read(key + ".instance_gpus", part));
            }
        }
        if (!counts.isEmpty()) {
            offer.put("instance_gpus", counts);
        }
        put(offer, "max_gpus", numbers.read(key + ".max_gpus", maxGpus.get()));
        return offer;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null && !"".equals(value)) {
            map.put(key, value);
        }
    }

    /** A number as typed back into a field in {@code locale}'s language: "62000", "44.99" / "44,99". */
    static String shown(double v, Locale locale) {
        return TypedNumber.unambiguous(BigDecimal.valueOf(v), locale);
    }

    public boolean isCustom() {
        return custom;
    }

    /** The catalog GPU's id, or the custom GPU's own id. */
    public StringProperty gpuProperty() {
        return gpu;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Usable memory per GPU, GiB (a custom GPU). */
    public StringProperty memoryProperty() {
        return memory;
    }

    /** Dense BF16 peak, TFLOPS (a custom GPU). */
    public StringProperty tflopsProperty() {
        return tflops;
    }

    public BooleanProperty fp8Property() {
        return fp8;
    }

    public ObjectProperty<PriceList.Link> linkProperty() {
        return link;
    }

    /** Price of one GPU for one hour, in the list's currency. */
    public StringProperty priceProperty() {
        return price;
    }

    /** The GPU counts it is rented in: "1, 2, 4, 8". */
    public StringProperty unitsProperty() {
        return units;
    }

    /** The most GPUs one job can get. */
    public StringProperty maxGpusProperty() {
        return maxGpus;
    }
}
