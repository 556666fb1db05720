package org.finetuneplanner.ui.prices;

import java.nio.file.Path;
import java.util.Map;

import org.finetuneplanner.service.prices.PriceList;

/**
 * Price list files for the app ({@code finetune-prices/1}), composed in {@code App} over the service's reader. Every
 * failure is an unchecked exception whose message is one line naming the key or the file.
 */
public interface PriceListFiles {
    /** Reads and checks a price list file. */
    PriceList read(Path file);

    /** Writes {@code list} to {@code file} atomically: a failure leaves the previous file as it was. */
    void write(PriceList list, Path file);

    /** A price list from the editor's values in the file's shape, checked exactly as a file is. */
    PriceList fromFields(Map<String, ?> fields);
}
