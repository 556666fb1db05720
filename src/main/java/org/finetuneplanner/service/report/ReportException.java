package org.finetuneplanner.service.report;

import org.finetuneplanner.core.PlannerException;

/** A report could not be made or written; the message is meant for the user and names the file or input. */
public final class ReportException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super("", message, null);
    }

    public ReportException(String message, Throwable cause) {
        super("", message, cause);
    }
}
