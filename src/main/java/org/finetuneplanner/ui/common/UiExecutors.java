package org.finetuneplanner.ui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import javafx.application.Platform;

/**
 * Where background (disk) work and its UI follow-up run. The app uses one IO thread and the FX thread; tests run
 * both inline so a view-model can be tested without a toolkit.
 */
public record UiExecutors(Executor background, Executor ui) {

    public static UiExecutors forApp(ExecutorService io) {
        return new UiExecutors(io, Platform::runLater);
    }

    public static UiExecutors direct() {
        return new UiExecutors(Runnable::run, Runnable::run);
    }
}
