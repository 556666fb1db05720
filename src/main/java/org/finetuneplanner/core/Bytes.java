package org.finetuneplanner.core;

/**
 * An amount of memory in bytes, as a typed value of a {@link Note} or a reason: the text layer writes it in GiB in
 * the reader's language.
 *
 * @param bytes the amount (≥ 0)
 */
public record Bytes(long bytes) {

    /** {@code value} bytes rounded to a whole byte (negative amounts become 0). */
    public static Bytes of(double value) {
        return new Bytes(value <= 0 ? 0 : Math.round(value));
    }
}
