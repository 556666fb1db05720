package org.finetuneplanner.ui.shell;

import java.nio.file.Path;

/** File choosers for tests: each answers the path set here (null: cancelled) and counts how often it was shown. */
public final class FixedDialogs implements FileDialogs {
    /** What Open scenario… and Save As… answer. */
    public Path scenarioFile;
    /** What Open config.json… answers. */
    public Path configFile;
    /** What Price list… and Save and use… answer. */
    public Path priceListFile;
    /** How many scenario choosers were shown. */
    public int shown;

    @Override
    public Path openScenario() {
        shown++;
        return scenarioFile;
    }

    @Override
    public Path saveScenario(String suggestedName) {
        shown++;
        return scenarioFile;
    }

    @Override
    public Path openConfig() {
        return configFile;
    }

    @Override
    public Path savePdf(String suggestedName) {
        return null;
    }

    @Override
    public Path openPriceList() {
        return priceListFile;
    }

    @Override
    public Path savePriceList(String suggestedName) {
        return priceListFile;
    }
}
