package org.finetuneplanner.ui.prices;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.text.TypedNumber;
import org.finetuneplanner.ui.common.Messages;

/**
 * The price list editor: the seller, the currency and its rate to the US dollar with the rate's date, the quote's
 * dates, and the offers ({@link OfferRow}). {@link #check} reads the fields as a file is read, so the editor refuses
 * exactly what a file is refused for, naming the key ({@code offers[1].price_per_gpu_hour}). Numbers are typed as the
 * interface's language writes them ("44,99" and "1.234.000" in Vietnamese), or plain ("44.99"); one that may be read
 * two ways ("1.234" in Vietnamese) is refused naming its key. Call on the FX thread.
 */
public final class PriceListEditorViewModel {
    private final PriceListFiles files;
    private final List<String> catalogIds;
    private final ObservableValue<Messages> messages;
    private final StringProperty seller = new SimpleStringProperty(this, "seller", "");
    private final StringProperty contact = new SimpleStringProperty(this, "contact", "");
    private final StringProperty website = new SimpleStringProperty(this, "website", "");
    private final StringProperty currency = new SimpleStringProperty(this, "currency", "USD");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "1");
    private final StringProperty rateDate = new SimpleStringProperty(this, "rateDate", "");
    private final StringProperty quoteDate = new SimpleStringProperty(this, "quoteDate", "");
    private final StringProperty validUntil = new SimpleStringProperty(this, "validUntil", "");
    private final ObservableList<OfferRow> offers = FXCollections.observableArrayList();
    private final ObjectProperty<Optional<Throwable>> error = new SimpleObjectProperty<>(this, "error",
            Optional.empty());
    private final ObservableValue<String> problem;

    /**
     * @param files      checks the fields as a file is checked
     * @param catalogIds the catalog's GPU ids, for an offer of a catalog GPU
     * @param messages   the language the problem is worded in
     */
    public PriceListEditorViewModel(PriceListFiles files, List<String> catalogIds,
                                    ObservableValue<Messages> messages) {
        this.files = files;
        this.catalogIds = List.copyOf(catalogIds);
        this.messages = messages;
        problem = Bindings.createStringBinding(() -> error.get().map(e -> problem(e, messages.getValue()))
                .orElse(""), error, messages);
    }

    /** One line naming the key at fault: "offers[0].price_per_gpu_hour: “1.234” is ambiguous, type 1234 or 1,234". */
    private static String problem(Throwable e, Messages m) {
        if (e instanceof Numbers.AmbiguousNumber a) {
            List<String> forms = a.typed().readings().stream()
                    .map(r -> TypedNumber.unambiguous(r, m.locale())).toList();
            return m.text("prices.editor.ambiguous", a.key(), a.typed().text().strip(), forms.get(0), forms.get(1));
        }
        return m.words().message(e);
    }

    private Locale locale() {
        return messages.getValue().locale();
    }

    /** Fills the editor with {@code list}, or with a new list in US dollars dated {@code today}, without offers. */
    public void edit(Optional<PriceList> list, LocalDate today) {
        error.set(Optional.empty());
        if (list.isEmpty()) {
            seller.set("");
            contact.set("");
            website.set("");
            currency.set("USD");
            rate.set("1");
            rateDate.set(today.toString());
            quoteDate.set(today.toString());
            validUntil.set(today.plusDays(30).toString());
            offers.clear();
            return;
        }
        PriceList l = list.get();
        seller.set(l.seller().name());
        contact.set(l.seller().contact());
        website.set(l.seller().website());
        currency.set(l.currency());
        rate.set(OfferRow.shown(l.usdRate(), locale()));
        rateDate.set(l.rateDate().map(LocalDate::toString).orElse(""));
        quoteDate.set(l.quoteDate().map(LocalDate::toString).orElse(""));
        validUntil.set(l.validUntil().map(LocalDate::toString).orElse(""));
        offers.setAll(l.offers().stream().map(o -> OfferRow.of(o, locale())).toList());
    }

    /** Adds an offer of the first catalog GPU not offered yet (the first catalog GPU when all are). */
    public OfferRow addCatalogOffer() {
        List<String> offered = offers.stream().map(r -> r.gpuProperty().get()).toList();
        String id = catalogIds.stream().filter(i -> !offered.contains(i)).findFirst().orElse(catalogIds.get(0));
        OfferRow row = OfferRow.catalog(id);
        offers.add(row);
        return row;
    }

    /** Adds a blank offer of a custom GPU. */
    public OfferRow addCustomOffer() {
        OfferRow row = OfferRow.custom();
        offers.add(row);
        return row;
    }

    public void remove(OfferRow row) {
        offers.remove(row);
    }

    /**
     * The fields in the file's shape, numbers read in the interface's language.
     *
     * @throws Numbers.AmbiguousNumber naming the key of a number that may be read two ways
     */
    Map<String, Object> fields() {
        Numbers numbers = new Numbers(locale());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "finetune-prices/1");
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("name", seller.get().trim());
        putText(who, "contact", contact.get());
        putText(who, "website", website.get());
        root.put("seller", who);
        root.put("currency", currency.get().trim().toUpperCase(Locale.ROOT));
        Object r = numbers.read("usd_rate", rate.get());
        if (r != null) {
            root.put("usd_rate", r);
        }
        putText(root, "rate_date", rateDate.get());
        putText(root, "quote_date", quoteDate.get());
        putText(root, "valid_until", validUntil.get());
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < offers.size(); i++) {
            all.add(offers.get(i).fields("offers[" + i + "]", numbers));
        }
        root.put("offers", all);
        return root;
    }

    private static void putText(Map<String, Object> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.trim());
        }
    }

    /**
     * The price list the fields make, or empty with {@link #problemProperty()} naming the key at fault; the fields
     * stay as typed either way.
     */
    public Optional<PriceList> check() {
        try {
            PriceList list = files.fromFields(fields());
            error.set(Optional.empty());
            return Optional.of(list);
        } catch (RuntimeException e) {
            error.set(Optional.of(e));
            return Optional.empty();
        }
    }

    /** The catalog's GPU ids, for an offer's choice. */
    public List<String> catalogIds() {
        return catalogIds;
    }

    /** Why the fields are no price list, one line naming the key; "" when the last check passed. */
    public ObservableValue<String> problemProperty() {
        return problem;
    }

    public StringProperty sellerProperty() {
        return seller;
    }

    public StringProperty contactProperty() {
        return contact;
    }

    public StringProperty websiteProperty() {
        return website;
    }

    /** ISO 4217 code the prices are in: "VND". */
    public StringProperty currencyProperty() {
        return currency;
    }

    /** Units of the currency per US dollar. */
    public StringProperty rateProperty() {
        return rate;
    }

    /** ISO dates: "2026-12-01". */
    public StringProperty rateDateProperty() {
        return rateDate;
    }

    public StringProperty quoteDateProperty() {
        return quoteDate;
    }

    public StringProperty validUntilProperty() {
        return validUntil;
    }

    public ObservableList<OfferRow> offers() {
        return offers;
    }
}
