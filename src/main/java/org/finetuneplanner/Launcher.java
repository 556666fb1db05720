package org.finetuneplanner;

/** Plain entry point; the full launcher arrives with the command line. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("Fine-Tune Planner");
    }
}
