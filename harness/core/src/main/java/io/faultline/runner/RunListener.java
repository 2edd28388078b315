package io.faultline.runner;

/** Where the runner reports what it is doing; the CLI prints, tests collect. */
public interface RunListener {
    /** A line about a step of the run ("starting 3 raftstore nodes ..."). */
    void message(String line);

    /** Called about once a second while a phase runs. */
    void progress(Progress progress);

    /** Called once the live progress of a phase ends. */
    default void progressDone() {
    }

    RunListener SILENT = new RunListener() {
        @Override
        public void message(String line) {
        }

        @Override
        public void progress(Progress progress) {
        }
    };
}
