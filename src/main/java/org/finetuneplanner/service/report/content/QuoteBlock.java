package org.finetuneplanner.service.report.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

import org.finetuneplanner.service.prices.PriceList;
import org.finetuneplanner.service.report.ReportFormats;
import org.finetuneplanner.service.report.content.Table.Cell;

/**
 * The seller's quote, when the report quotes a price list: who sells (name, contact, website), the quote's date and
 * validity, the currency and the exchange rate with its date. The report names no other provider: every price is
 * the seller's, in its currency.
 */
final class QuoteBlock {
    private QuoteBlock() {
    }

    /** The quote's heading, table and note; nothing for a report at the catalog's prices. */
    static List<Block> blocks(Wording w) {
        Optional<PriceList> prices = w.prices();
        if (prices.isEmpty()) {
            return List.of();
        }
        PriceList list = prices.get();
        ReportFormats f = w.f();
        List<Cell[]> rows = new ArrayList<>();
        rows.add(SummarySection.pair(w, "quote.seller", Cell.name(list.seller().name())));
        if (!list.seller().contact().isEmpty()) {
            rows.add(SummarySection.pair(w, "quote.contact", Cell.name(list.seller().contact())));
        }
        if (!list.seller().website().isEmpty()) {
            rows.add(SummarySection.pair(w, "quote.website", Cell.of(Text.citation(list.seller().website()))));
        }
        rows.add(SummarySection.pair(w, "quote.date", Cell.words(date(list.quoteDate(), w))));
        rows.add(SummarySection.pair(w, "quote.validUntil", Cell.words(date(list.validUntil(), w))));
        Currency currency = Currency.getInstance(list.currency());
        rows.add(SummarySection.pair(w, "quote.currency", Cell.words(w.plain("quote.currencyValue",
                list.currency(), currency.getDisplayName(w.words().locale())))));
        if (!list.currency().equals("USD")) {
            String one = f.amount(1, "USD");
            String rate = f.amount(list.usdRate(), list.currency());
            rows.add(SummarySection.pair(w, "quote.rate", Cell.words(list.rateDate().isPresent()
                    ? w.plain("quote.rateValue", one, rate, f.date(list.rateDate().get()))
                    : w.plain("quote.rateUndated", one, rate))));
        }
        return List.of(Heading.sub(w.text("quote.title")), Table.keyValue(rows, Table.Density.ROOMY),
                Paragraph.body(w.text("quote.note", list.currency())));
    }

    /** "The prices are VinaGPU Cloud's quote of …, valid until …", for the next steps; empty without a list. */
    static Optional<Text> step(Wording w, LocalDate planDate) {
        return w.prices().map(list -> w.text("steps.prices.seller", Text.name(list.seller().name()),
                date(list.quoteDate(), w), date(list.validUntil(), w), w.f().date(planDate)));
    }

    /** "To order or ask about the prices: VinaGPU Cloud, sales@…", when the list gives a contact. */
    static Optional<Text> contact(Wording w) {
        return w.prices().filter(list -> !list.seller().contact().isEmpty()).map(list -> w.text(
                "steps.sellerContact", Text.name(list.seller().name()), Text.name(list.seller().contact())));
    }

    private static String date(Optional<LocalDate> d, Wording w) {
        return d.map(w.f()::date).orElse(w.plain("quote.notGiven"));
    }
}
