package org.finetuneplanner.core.scenario;

/** Cross-entropy implementation. */
public enum Loss implements Identified {
    STANDARD("standard"),
    CHUNKED("chunked");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The spelling used in scenario files and on the command line. */
    @Override
    public String id() {
        return id;
    }

    /** The constant for a scenario-file spelling, or empty. */
    public static java.util.Optional<Loss> fromId(String id) {
        return Identified.lookup(values(), id);
    }
}
