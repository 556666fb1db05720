package org.finetuneplanner.cli;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Standard output for the commands: a buffered UTF-8 {@link PrintWriter} that also keeps the first
 * {@link IOException} of the stream below it. A PrintWriter only remembers that something failed
 * ({@link #checkError()}); this one can also tell a reader that went away (a closed pipe: {@code … | head -1}),
 * which ends a run quietly, from a full disk or a closed descriptor, which are reported.
 *
 * <p>Give it the raw descriptor ({@code new FileOutputStream(FileDescriptor.out)}), not {@code System.out}: a
 * {@link java.io.PrintStream} swallows its errors, so nothing above it would ever see one.
 */
final class WatchedWriter extends PrintWriter {

    private final Watch watch;

    WatchedWriter(OutputStream stream) {
        this(new Watch(stream));
    }

    private WatchedWriter(Watch watch) {
        super(new BufferedWriter(new OutputStreamWriter(watch, StandardCharsets.UTF_8), 1 << 16));
        this.watch = watch;
    }

    /** The first failure of the stream, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(watch.failure);
    }

    /** Whether the reader closed its end of the pipe (EPIPE), as {@code head} does once it has its lines. */
    static boolean isClosedPipe(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        // Linux and macOS say "Broken pipe"; Windows "The pipe is being closed" or "The pipe has been ended".
        return message.contains("broken pipe") || message.contains("pipe is being closed")
                || message.contains("pipe has been ended");
    }

    /** Passes bytes through and remembers the first exception before rethrowing it. */
    private static final class Watch extends FilterOutputStream {
        private volatile IOException failure;

        Watch(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw remember(e);
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
