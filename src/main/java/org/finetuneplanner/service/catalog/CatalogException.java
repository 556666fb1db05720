package org.finetuneplanner.service.catalog;

import org.finetuneplanner.service.text.Sentence;
import org.finetuneplanner.service.text.WordedException;

/** A catalog file that cannot be read or holds an invalid entry; the message names the file, entry and key. */
public final class CatalogException extends WordedException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super("", message, null);
    }

    public CatalogException(String message, Throwable cause) {
        super("", message, cause);
    }

    /** An error worded by {@code sentence} (its English is the message). */
    public CatalogException(Sentence sentence, Throwable cause) {
        super("", sentence, cause);
    }
}
