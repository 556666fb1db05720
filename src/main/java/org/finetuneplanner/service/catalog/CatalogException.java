package org.finetuneplanner.service.catalog;

import org.finetuneplanner.core.PlannerException;

/** A catalog file that cannot be read or holds an invalid entry; the message names the file, entry and key. */
public final class CatalogException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super("", message, null);
    }

    public CatalogException(String message, Throwable cause) {
        super("", message, cause);
    }
}
