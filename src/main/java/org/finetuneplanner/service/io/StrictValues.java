package org.finetuneplanner.service.io;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import org.finetuneplanner.core.scenario.Identified;
import org.finetuneplanner.service.text.Sentence;

/**
 * The value rules of every DTO the application binds, as a Jackson module of {@link SafeJson}'s mapper:
 *
 * <ul>
 *   <li>{@code String}: only a JSON string ({@code 42} is not {@code "42"});</li>
 *   <li>{@code Boolean}: only {@code true} or {@code false} ({@code "yes"}, {@code 1} are refused);</li>
 *   <li>{@code Integer}, {@code Long}: a whole number, written as an integer or as a float without fraction
 *       ({@code 5e7}; people write token counts that way), in the range of its {@link Bounds}; {@code 4.5},
 *       {@code "4"}, {@code 1e30} are refused;</li>
 *   <li>{@code Double}: a finite number in the range of its {@link Bounds};</li>
 *   <li>enums that are {@link Identified}: their scenario-file spelling, case-insensitive, read and written.</li>
 * </ul>
 *
 * A JSON {@code null} is a missing value (null) everywhere. A refused value is a {@link BadValue} carrying the value
 * as written and what is allowed; Jackson adds the path as it unwinds, {@link JsonBinding} words the message.
 */
final class StrictValues extends SimpleModule {
    private static final long serialVersionUID = 1L;

    /** Whole floats beyond this are not exact as a long. */
    private static final double MAX_EXACT = 9.0e15;

    StrictValues() {
        super("finetune-strict-values");
        addDeserializer(String.class, new Text());
        addDeserializer(Boolean.class, new Flag());
        addWhole(Integer.class, new Whole(true, Integer.MIN_VALUE, Integer.MAX_VALUE, false));
        addWhole(Long.class, new Whole(false, Long.MIN_VALUE, Long.MAX_VALUE, false));
        addDeserializer(Double.class, new Decimal(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY));
    }

    @SuppressWarnings("unchecked")
    private <T> void addWhole(Class<T> type, Whole deserializer) {
        addDeserializer(type, (JsonDeserializer<? extends T>) (JsonDeserializer<?>) deserializer);
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addDeserializers(new Deserializers.Base() {
            @Override
            public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                            BeanDescription beanDesc) {
                return Identified.class.isAssignableFrom(type) ? new Choice(type) : null;
            }
        });
        context.addSerializers(new Serializers.Base() {
            @Override
            public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type,
                                                    BeanDescription beanDesc) {
                return type.isEnumType() && Identified.class.isAssignableFrom(type.getRawClass()) ? new Id() : null;
            }
        });
    }

    /**
     * A value a DTO does not accept. Jackson prepends the path of keys and indices while it unwinds; the location is
     * the value's own (unknown when bound from a tree).
     */
    static final class BadValue extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        private final String shown;
        private final transient Sentence expected;

        private BadValue(JsonParser p, JsonLocation at, String shown, Sentence expected) {
            super(p, "value " + shown + " refused: expected " + expected.english(), at);
            this.shown = shown;
            this.expected = expected;
        }

        /** The refusal of the parser's current value (consumed here when it is an object or a list). */
        static BadValue of(JsonParser p, DeserializationContext ctxt, Sentence expected) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            JsonToken t = p.currentToken();
            String shown;
            if (t == JsonToken.VALUE_STRING) {
                shown = JsonBinding.show(TextNode.valueOf(p.getText()));
            } else if (t != null && t.isStructStart()) {
                shown = JsonBinding.show(ctxt.readTree(p));
            } else {
                shown = JsonBinding.shorten(p.getText());
            }
            return new BadValue(p, at, shown, expected);
        }

        /** The value as written, shortened. */
        String shown() {
            return shown;
        }

        /** What is allowed, e.g. "a whole number from 1 to 64", as data. */
        Sentence expected() {
            return expected;
        }
    }

    /** A JSON string. */
    private static final class Text extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            throw BadValue.of(p, ctxt, JsonBinding.Allowed.text());
        }
    }

    /** {@code true} or {@code false}. */
    private static final class Flag extends StdScalarDeserializer<Boolean> {
        private static final long serialVersionUID = 1L;

        Flag() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return t == JsonToken.VALUE_TRUE;
            }
            throw BadValue.of(p, ctxt, JsonBinding.Allowed.flag());
        }
    }

    /** A whole number in a range, as an Integer or a Long. */
    private static final class Whole extends StdScalarDeserializer<Object> implements ContextualDeserializer {
        private static final long serialVersionUID = 1L;

        private final boolean asInt;
        private final long min;
        private final long max;
        private final boolean limited;

        Whole(boolean asInt, long min, long max, boolean limited) {
            super(asInt ? Integer.class : Long.class);
            this.asInt = asInt;
            this.min = min;
            this.max = max;
            this.limited = limited;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Bounds limits = property == null ? null : property.getAnnotation(Bounds.class);
            if (limits == null) {
                return this;
            }
            double low = limits.minExclusive() ? Math.floor(limits.min()) + 1 : Math.ceil(limits.min());
            long lo = Math.max(min, Double.isInfinite(low) ? min : (long) low);
            long hi = Math.min(max, Double.isInfinite(limits.max()) ? max : (long) Math.floor(limits.max()));
            return new Whole(asInt, lo, hi, true);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            long value = 0;
            boolean whole = false;
            if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                value = p.getLongValue();
                whole = true;
            } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                whole = Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) <= MAX_EXACT;
                value = (long) d;
            }
            if (!whole || value < min || value > max) {
                throw BadValue.of(p, ctxt, limited ? JsonBinding.Allowed.wholeNumberSentence(min, max)
                        : JsonBinding.Allowed.wholeNumber());
            }
            return asInt ? (Object) (int) value : (Object) value;
        }
    }

    /** A finite number in a range. */
    private static final class Decimal extends StdScalarDeserializer<Double> implements ContextualDeserializer {
        private static final long serialVersionUID = 1L;

        private final double min;
        private final boolean minExclusive;
        private final double max;

        Decimal(double min, boolean minExclusive, double max) {
            super(Double.class);
            this.min = min;
            this.minExclusive = minExclusive;
            this.max = max;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Bounds limits = property == null ? null : property.getAnnotation(Bounds.class);
            return limits == null ? this : new Decimal(limits.min(), limits.minExclusive(), limits.max());
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (Double.isFinite(d) && (minExclusive ? d > min : d >= min) && d <= max) {
                    return d;
                }
            }
            throw BadValue.of(p, ctxt, JsonBinding.Allowed.numberSentence(min, minExclusive, max));
        }
    }

    /** One of an {@link Identified} enum's spellings. */
    private static final class Choice extends StdScalarDeserializer<Object> {
        private static final long serialVersionUID = 1L;

        private final Identified[] values;

        Choice(Class<?> type) {
            super(type);
            this.values = (Identified[]) type.getEnumConstants();
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                Identified found = Identified.lookup(values, p.getText()).orElse(null);
                if (found != null) {
                    return found;
                }
            }
            throw BadValue.of(p, ctxt, JsonBinding.Allowed.oneOfSentence(values));
        }
    }

    /** An {@link Identified} enum by its spelling. */
    private static final class Id extends StdSerializer<Identified> {
        private static final long serialVersionUID = 1L;

        Id() {
            super(Identified.class);
        }

        @Override
        public void serialize(Identified value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.id());
        }
    }
}
