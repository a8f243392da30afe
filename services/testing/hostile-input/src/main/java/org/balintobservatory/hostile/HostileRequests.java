package org.balintobservatory.hostile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import net.jqwik.api.arbitraries.StringArbitrary;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes bad requests from an endpoint's valid one, drawing every choice from jqwik {@link Arbitrary}s with
 * one seeded {@link Random}, so a run is repeatable from its seed. Arbitraries are used outside a jqwik
 * property here, so the generator opens a {@link JqwikSession} on the thread that makes it; close it when
 * done, on the same thread.
 *
 * <p>Each mutation makes the request <em>certainly</em> invalid, which rules out values Jackson would
 * coerce into valid ones: a number where a string is expected (Jackson reads {@code 42} as {@code "42"}), a
 * number for an enum (read as its ordinal), an array of numbers for a date (read as year, month, day), a
 * fractional number for an integer (truncated), a date-time string for a date (its date is taken) or an
 * empty string for an optional value (read as absent).
 */
public final class HostileRequests implements AutoCloseable {

    /**
     * The seed a run uses unless {@code -Dhostile.seed=...} names another: fixed, so a failure on any machine
     * replays as it happened; another seed explores other requests.
     */
    public static final long DEFAULT_SEED = 20_261_130L;

    /** Every date of every service is refused before this day. */
    static final LocalDate EARLIEST = LocalDate.of(1950, 1, 1);
    /** No planned date lies further ahead than this many years from today. */
    static final int MAX_YEARS_AHEAD = 12;
    private static final int GEN_SIZE = 1000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INDEX = Pattern.compile("(.+)\\[(\\d+)]");
    private static final List<String> MALFORMED_DATES = List.of("2026-13-01", "2026-02-30", "2025-00-10",
            "2026-1-5", "05/01/2026", "01.05.2026", "20260105", "2026/01/05", "yesterday", "0000-00-00",
            "2026-01-32", "26-01-05", "2026-01-05Z", "- 2026-01-05");
    private static final List<String> ILLEGAL_IDS = List.of("a b c", "ab", "x", "p*001", "p-001!",
            "drop table;", "p\u00e9-001", "p\t001", "p-001@x");
    private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "text/html");

    /** Requests a run of the normal test run sends at least; see {@link #requests}. */
    public static final int SHORT_RUN = 300;

    private final Random random;
    private final long oversizedBytes;
    private final Map<String, Set<Mutation>> drawn = new LinkedHashMap<>();
    private final ObjectMapper mapper = new ObjectMapper();

    /** The seed of this run: {@code hostile.seed} when set, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        return Long.getLong("hostile.seed", DEFAULT_SEED);
    }

    /**
     * @param seed           the seed of every choice
     * @param oversizedBytes the size of an oversized body: more than the service's documented limit
     */
    public HostileRequests(long seed, long oversizedBytes) {
        this.random = new Random(seed);
        this.oversizedBytes = oversizedBytes;
        if (!JqwikSession.isActive()) {
            JqwikSession.start();
        }
    }

    /** Ends the jqwik session this generator's thread draws in. */
    @Override
    public void close() {
        if (JqwikSession.isActive()) {
            JqwikSession.finish();
        }
    }

    /**
     * Requests a run sends at least: {@code -Dhostile.requests=N} when given; else {@code full} when
     * {@code -Dhostile.full=true} (the {@code hostile-full} profile) asks for the full flood; else
     * {@link #SHORT_RUN}, for the normal test run, which then goes on until every endpoint has drawn every
     * mutation kind it can ({@link #drewEveryKind}).
     */
    public static int requests(int full) {
        Integer asked = Integer.getInteger("hostile.requests");
        if (asked != null) {
            return asked;
        }
        return Boolean.getBoolean("hostile.full") ? full : SHORT_RUN;
    }

    /** Any bad request for the endpoint except an oversized body, which is costly and asked for on its own. */
    public HostileRequest next(Endpoint endpoint) {
        List<Mutation> possible = new ArrayList<>(bodyMutations(endpoint));
        if (!endpoint.parameterSpecs().isEmpty()) {
            possible.add(Mutation.BAD_PATH_PARAMETER);
            possible.add(Mutation.BAD_PATH_PARAMETER);
        }
        if (endpoint.hasBody()) {
            possible.add(Mutation.WRONG_CONTENT_TYPE);
        }
        Mutation mutation = draw(Arbitraries.of(possible));
        drawn.computeIfAbsent(endpoint.name(), e -> EnumSet.noneOf(Mutation.class)).add(mutation);
        return make(endpoint, mutation);
    }

    /** Every kind {@link #next} can draw for the endpoint. */
    public static Set<Mutation> possibleMutations(Endpoint endpoint) {
        Set<Mutation> possible = EnumSet.noneOf(Mutation.class);
        possible.addAll(bodyMutations(endpoint));
        if (!endpoint.parameterSpecs().isEmpty()) {
            possible.add(Mutation.BAD_PATH_PARAMETER);
        }
        if (endpoint.hasBody()) {
            possible.add(Mutation.WRONG_CONTENT_TYPE);
        }
        return possible;
    }

    /** Whether {@link #next} has drawn every kind it can for every one of the endpoints. */
    public boolean drewEveryKind(List<Endpoint> endpoints) {
        return notDrawn(endpoints).isEmpty();
    }

    /** The endpoints, by name, with the kinds {@link #next} has not yet drawn for them. */
    public Map<String, Set<Mutation>> notDrawn(List<Endpoint> endpoints) {
        Map<String, Set<Mutation>> missing = new LinkedHashMap<>();
        for (Endpoint endpoint : endpoints) {
            Set<Mutation> left = possibleMutations(endpoint);
            left.removeAll(drawn.getOrDefault(endpoint.name(), Set.of()));
            if (!left.isEmpty()) {
                missing.put(endpoint.name(), left);
            }
        }
        return missing;
    }

    /** A bad body for the endpoint, sent with a valid path and content type: also what a batch line carries. */
    public HostileRequest nextBody(Endpoint endpoint) {
        return make(endpoint, draw(Arbitraries.of(bodyMutations(endpoint))));
    }

    public HostileRequest oversized(Endpoint endpoint) {
        return make(endpoint, Mutation.OVERSIZED_BODY);
    }

    /** A value drawn from the arbitrary with this generator's randomness. */
    public <T> T draw(Arbitrary<T> arbitrary) {
        return arbitrary.generator(GEN_SIZE).next(random).value();
    }

    private static List<Mutation> bodyMutations(Endpoint endpoint) {
        List<Mutation> possible = new ArrayList<>();
        if (!endpoint.hasBody()) {
            return possible;
        }
        List<FieldSpec> fields = endpoint.fields();
        possible.addAll(List.of(Mutation.UNKNOWN_FIELD, Mutation.WRONG_TYPE, Mutation.TRUNCATED_JSON,
                Mutation.TRAILING_GARBAGE, Mutation.RANDOM_BYTES, Mutation.NOT_AN_OBJECT));
        if (fields.stream().anyMatch(f -> f.kind() == FieldSpec.Kind.ENUM)) {
            possible.add(Mutation.INVALID_ENUM);
        }
        if (fields.stream().anyMatch(FieldSpec::isDate)) {
            possible.add(Mutation.MALFORMED_DATE);
        }
        if (fields.stream().anyMatch(f -> f.kind() == FieldSpec.Kind.PAST_DATE)) {
            possible.add(Mutation.FUTURE_DATE);
        }
        if (fields.stream().anyMatch(FieldSpec::isDate)) {
            possible.add(Mutation.DATE_BEFORE_1950);
        }
        if (fields.stream().anyMatch(f -> f.kind() == FieldSpec.Kind.DATE)) {
            possible.add(Mutation.FAR_AHEAD_DATE);
        }
        if (fields.stream().anyMatch(f -> f.kind() == FieldSpec.Kind.INTEGER)) {
            possible.add(Mutation.OUT_OF_RANGE);
        }
        if (fields.stream().anyMatch(f -> f.isId() || f.isText())) {
            possible.add(Mutation.OVERLONG_STRING);
        }
        if (fields.stream().anyMatch(HostileRequests::takesIdentifiers)) {
            possible.add(Mutation.IDENTIFYING_ID);
            possible.add(Mutation.IDENTIFYING_ID);
        }
        if (fields.stream().anyMatch(FieldSpec::required)) {
            possible.add(Mutation.NULL_REQUIRED);
            possible.add(Mutation.MISSING_REQUIRED);
        }
        return possible;
    }

    private HostileRequest make(Endpoint endpoint, Mutation mutation) {
        String path = endpoint.validPath();
        ObjectNode body = endpoint.hasBody() ? endpoint.validBody().deepCopy() : null;
        String contentType = endpoint.hasBody() ? "application/json" : null;
        String field = null;
        byte[] bytes = null;
        switch (mutation) {
            case BAD_PATH_PARAMETER -> {
                FieldSpec spec = draw(Arbitraries.of(endpoint.parameterSpecs()));
                Map<String, String> values = new LinkedHashMap<>(endpoint.parameters());
                values.put(spec.path(), badParameter(spec));
                path = endpoint.path(values);
                field = spec.path();
            }
            case UNKNOWN_FIELD -> {
                List<String> objects = new ArrayList<>();
                objects.add("");
                endpoint.fields().stream()
                        .filter(f -> f.kind() == FieldSpec.Kind.OBJECT && find(body, f.path()) != null)
                        .forEach(f -> objects.add(f.path()));
                String parent = draw(Arbitraries.of(objects));
                String name = "x" + draw(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12));
                ObjectNode target = parent.isEmpty() ? body : (ObjectNode) find(body, parent);
                target.set(name, anyScalar());
                field = parent.isEmpty() ? name : parent + "." + name;
            }
            case WRONG_TYPE -> {
                FieldSpec spec = draw(Arbitraries.of(endpoint.fields()));
                set(body, spec.path(), wrongType(spec));
                field = spec.path();
            }
            case INVALID_ENUM -> {
                FieldSpec spec = pick(endpoint, f -> f.kind() == FieldSpec.Kind.ENUM);
                String valid = draw(Arbitraries.of(spec.values()));
                String invalid = draw(Arbitraries.oneOf(
                        Arbitraries.just(valid.toLowerCase(Locale.ROOT)),
                        Arbitraries.just(valid + "_X"),
                        Arbitraries.strings().withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(20)
                                .map(s -> "Z" + s)));
                set(body, spec.path(), NODES.textNode(invalid));
                field = spec.path();
            }
            case MALFORMED_DATE -> {
                FieldSpec spec = pick(endpoint, FieldSpec::isDate);
                set(body, spec.path(), NODES.textNode(malformedDate()));
                field = spec.path();
            }
            case FUTURE_DATE -> {
                FieldSpec spec = pick(endpoint, f -> f.kind() == FieldSpec.Kind.PAST_DATE);
                set(body, spec.path(), NODES.textNode(futureDate()));
                field = spec.path();
            }
            case DATE_BEFORE_1950 -> {
                FieldSpec spec = pick(endpoint, FieldSpec::isDate);
                set(body, spec.path(), NODES.textNode(dateBefore1950()));
                field = spec.path();
            }
            case FAR_AHEAD_DATE -> {
                FieldSpec spec = pick(endpoint, f -> f.kind() == FieldSpec.Kind.DATE);
                set(body, spec.path(), NODES.textNode(farAheadDate()));
                field = spec.path();
            }
            case OUT_OF_RANGE -> {
                FieldSpec spec = pick(endpoint, f -> f.kind() == FieldSpec.Kind.INTEGER);
                set(body, spec.path(), NODES.numberNode(outOfRange(spec)));
                field = spec.path();
            }
            case OVERLONG_STRING -> {
                FieldSpec spec = pick(endpoint, f -> f.isId() || f.isText());
                set(body, spec.path(), NODES.textNode(overlong(spec)));
                field = spec.path();
            }
            case IDENTIFYING_ID -> {
                FieldSpec spec = pick(endpoint, HostileRequests::takesIdentifiers);
                set(body, spec.path(), NODES.textNode(identifier()));
                field = spec.path();
            }
            case NULL_REQUIRED -> {
                FieldSpec spec = pick(endpoint, FieldSpec::required);
                set(body, spec.path(), NODES.nullNode());
                field = spec.path();
            }
            case MISSING_REQUIRED -> {
                FieldSpec spec = pick(endpoint, FieldSpec::required);
                remove(body, spec.path());
                field = spec.path();
            }
            case TRUNCATED_JSON -> {
                String text = write(body);
                int cut = draw(Arbitraries.integers().between(1, text.length() - 1));
                bytes = text.substring(0, cut).getBytes(StandardCharsets.UTF_8);
            }
            case TRAILING_GARBAGE -> bytes = (write(body)
                    + draw(Arbitraries.of("}", "]", "x", "{", ",{}", "{\"a\":1}", "\"\"", "null", "0")))
                    .getBytes(StandardCharsets.UTF_8);
            case RANDOM_BYTES -> {
                int length = draw(Arbitraries.integers().between(1, 300));
                bytes = new byte[length];
                random.nextBytes(bytes);
                if (bytes[0] == '{') {
                    bytes[0] = '#';
                }
            }
            case NOT_AN_OBJECT -> bytes = draw(Arbitraries.of("[]", "\"text\"", "42", "true", "[" + write(body) + "]",
                    "[1,2,3]", "{}" + write(body))).getBytes(StandardCharsets.UTF_8);
            case WRONG_CONTENT_TYPE -> contentType = draw(Arbitraries.of(WRONG_CONTENT_TYPES));
            case OVERSIZED_BODY -> {
                body.put("x" + draw(Arbitraries.strings().alpha().ofLength(6)), "a".repeat((int) oversizedBytes));
                bytes = write(body).getBytes(StandardCharsets.UTF_8);
                return new HostileRequest(endpoint.name(), mutation, endpoint.method(), path, contentType, bytes,
                        null, null);
            }
        }
        boolean stillJson = bytes == null && body != null;
        if (stillJson) {
            bytes = write(body).getBytes(StandardCharsets.UTF_8);
        }
        return new HostileRequest(endpoint.name(), mutation, endpoint.method(), path, contentType, bytes,
                stillJson && mutation != Mutation.WRONG_CONTENT_TYPE ? body : null, field);
    }

    private FieldSpec pick(Endpoint endpoint, java.util.function.Predicate<FieldSpec> which) {
        return draw(Arbitraries.of(endpoint.fields().stream().filter(which).toList()));
    }

    private String badParameter(FieldSpec spec) {
        if (spec.isDate()) {
            return draw(Arbitraries.oneOf(Arbitraries.just(malformedDate()), Arbitraries.just(dateBefore1950()),
                    Arbitraries.just(spec.kind() == FieldSpec.Kind.PAST_DATE ? futureDate() : farAheadDate())));
        }
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(Arbitraries.just(overlong(spec)),
                Arbitraries.of(ILLEGAL_IDS)));
        if (spec.kind() == FieldSpec.Kind.ID) {
            // Only well-formed ids: an encoded '/' in a path is refused by the server before any service code.
            List<String> idShaped = IdentifierCorpus.idShaped().stream().map(IdentifierCorpus.Attempt::value).toList();
            choices.add(Arbitraries.of(idShaped));
            choices.add(Arbitraries.of(idShaped));
        }
        return draw(Arbitraries.oneOf(choices));
    }

    /**
     * Fields where a value of {@link IdentifierCorpus} must be refused: ids stored as sent, and free texts.
     * Participant ids are not among them: they are stored only as a keyed pseudonym, whatever they are.
     */
    private static boolean takesIdentifiers(FieldSpec spec) {
        return spec.kind() == FieldSpec.Kind.ID || spec.kind() == FieldSpec.Kind.TEXT;
    }

    private JsonNode wrongType(FieldSpec spec) {
        JsonNode text = NODES.textNode("not-a-" + spec.kind().name().toLowerCase(Locale.ROOT) + "-"
                + draw(Arbitraries.strings().alpha().ofMaxLength(8)));
        ArrayNode stringArray = NODES.arrayNode().add("a").add("b");
        ObjectNode object = NODES.objectNode().put("value", "x");
        JsonNode number = NODES.numberNode(draw(Arbitraries.integers().between(-5, 500)));
        JsonNode bool = NODES.booleanNode(draw(Arbitraries.of(true, false)));
        List<JsonNode> wrong = switch (spec.kind()) {
            case ID, PARTICIPANT_ID, TEXT, CITATION, ENUM -> List.of(stringArray, object);
            case DATE, PAST_DATE -> List.of(bool, object, stringArray);
            case INTEGER -> List.of(text, object, stringArray);
            case BOOLEAN -> List.of(text, object, stringArray);
            case LIST -> List.of(text, number, object, bool);
            case OBJECT -> List.of(text, number, stringArray, bool);
        };
        return draw(Arbitraries.of(wrong));
    }

    private String malformedDate() {
        return draw(Arbitraries.oneOf(Arbitraries.of(MALFORMED_DATES),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)));
    }

    private String futureDate() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(draw(Arbitraries.integers().between(2, 4000))).toString();
    }

    /** The last day before 1950 or any day of the centuries before it (years of four digits). */
    private String dateBefore1950() {
        long last = EARLIEST.minusDays(1).toEpochDay();
        long first = LocalDate.of(1000, 1, 1).toEpochDay();
        return LocalDate.ofEpochDay(draw(Arbitraries.oneOf(Arbitraries.just(last),
                Arbitraries.longs().between(first, last)))).toString();
    }

    /** More than {@link #MAX_YEARS_AHEAD} years ahead, two days to spare for a run across midnight. */
    private String farAheadDate() {
        LocalDate beyond = LocalDate.now(ZoneOffset.UTC).plusYears(MAX_YEARS_AHEAD).plusDays(2);
        return beyond.plusDays(draw(Arbitraries.integers().between(0, 200 * 365))).toString();
    }

    private long outOfRange(FieldSpec spec) {
        return draw(Arbitraries.oneOf(
                Arbitraries.longs().between(Math.max(Integer.MIN_VALUE, spec.min() - 100_000), spec.min() - 1),
                Arbitraries.longs().between(spec.max() + 1, Math.min(Integer.MAX_VALUE, spec.max() + 100_000))));
    }

    private String overlong(FieldSpec spec) {
        int from = (int) (spec.isId() ? 65 : spec.max() + 1);
        StringArbitrary strings = spec.isId()
                ? Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('.', '_', '-')
                : Arbitraries.strings().withCharRange('a', 'z').withChars(' ');
        return draw(strings.ofMinLength(from).ofMaxLength(from + 600).filter(s -> !s.isBlank()));
    }

    private String identifier() {
        return draw(Arbitraries.of(IdentifierCorpus.values()));
    }

    private JsonNode anyScalar() {
        return draw(Arbitraries.of(NODES.textNode("free text about a patient"), NODES.numberNode(1),
                NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode()));
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node at a path like {@code design.facilitation} or {@code attendance[0]}, or {@code null}. */
    static JsonNode find(JsonNode root, String path) {
        JsonNode node = root;
        for (String step : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            Matcher indexed = INDEX.matcher(step);
            node = indexed.matches() ? node.path(indexed.group(1)).get(Integer.parseInt(indexed.group(2)))
                    : node.get(step);
        }
        return node;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        Parent parent = parent(root, path);
        if (parent.index >= 0) {
            ((ArrayNode) parent.node).set(parent.index, value);
        } else {
            ((ObjectNode) parent.node).set(parent.name, value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        Parent parent = parent(root, path);
        if (parent.index >= 0) {
            ((ArrayNode) parent.node).remove(parent.index);
        } else {
            ((ObjectNode) parent.node).remove(parent.name);
        }
    }

    private record Parent(JsonNode node, String name, int index) {
    }

    private static Parent parent(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        String last = dot < 0 ? path : path.substring(dot + 1);
        JsonNode container = dot < 0 ? root : find(root, path.substring(0, dot));
        if (container == null) {
            throw new IllegalArgumentException("no " + path + " in the valid body");
        }
        Matcher indexed = INDEX.matcher(last);
        if (indexed.matches()) {
            return new Parent(container.get(indexed.group(1)), indexed.group(1), Integer.parseInt(indexed.group(2)));
        }
        return new Parent(container, last, -1);
    }
}
