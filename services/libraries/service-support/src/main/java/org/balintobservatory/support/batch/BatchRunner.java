package org.balintobservatory.support.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.balintobservatory.support.web.FieldError;
import org.balintobservatory.support.web.InvalidRequestException;
import org.balintobservatory.support.web.JsonProblems;
import org.balintobservatory.support.web.Refusals;
import org.balintobservatory.support.web.TooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs the lines of a batch in order, each answered as its single request would be: a refused line stores
 * nothing and the next line runs regardless, and a refusal is answered by {@link Refusals} exactly as the single
 * request's. Lines run in order, so a line may use what an earlier one created. Sending the same body again is
 * safe: every command is idempotent, so each line it had stored comes back {@code unchanged}.
 *
 * <p>Up to {@link BatchProperties#linesPerTransaction()} consecutive lines share one transaction
 * ({@link LineTransactions}): their aggregates are loaded once, their events appended in one JDBC batch and
 * committed once, and their results handed on only after that commit, so a line answered 2xx is stored. Lines that
 * cannot be applied together (one failed in the service, or the commit failed) are run again one by one, each in
 * its own transaction, which is how every line ran before and how a service without a transactional store still
 * runs them.
 */
public class BatchRunner {

    /** The media type of batch bodies and of their answers: one JSON value per line. */
    public static final String NDJSON = "application/x-ndjson";

    private static final Logger log = LoggerFactory.getLogger(BatchRunner.class);
    /** Results written between flushes: a client sees progress without a flush per line. */
    private static final int FLUSH_EVERY = 100;

    private final BatchProperties properties;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final LineTransactions transactions;
    private final Clock clock;

    /**
     * @param transactions how consecutive lines share a transaction
     * @param clock        times a shared transaction against {@link BatchProperties#transactionTime()}
     */
    public BatchRunner(BatchProperties properties, ObjectMapper mapper, Validator validator,
                       LineTransactions transactions, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
        this.validator = validator;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A runner whose every line runs in a transaction of its own. */
    public BatchRunner(BatchProperties properties, ObjectMapper mapper, Validator validator) {
        this(properties, mapper, validator, LineTransactions.NONE, Clock.systemUTC());
    }

    /** The limits every batch and upload is held to. */
    public BatchProperties properties() {
        return properties;
    }

    /** Reads a UTF-8 body as lines, refusing it whole when it is over the limits. */
    public List<String> lines(InputStream body) throws IOException {
        return lines(new String(bytes(body), StandardCharsets.UTF_8));
    }

    /** Reads a body of any kind (a spreadsheet, say), refusing it whole when it is over the size limit. */
    public byte[] bytes(InputStream body) throws IOException {
        long maxBytes = properties.maxBody().toBytes();
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new TooLargeException("batch-too-large",
                    "the body is larger than " + properties.maxBody() + "; split the batch");
        }
        return bytes;
    }

    /**
     * Splits a text into lines, refusing it whole when it has more than the limit: the split stops one line past
     * it, so a body of nothing but line breaks costs no more than a body at the limit.
     */
    public List<String> lines(String text) {
        List<String> lines = text.lines().limit(properties.maxLines() + 1L).toList();
        checkCount(lines.size());
        return lines;
    }

    /** Refuses a batch of more lines than the limit. */
    public void checkCount(int lines) {
        if (lines > properties.maxLines()) {
            throw new TooLargeException("batch-too-large", "the body has more than " + properties.maxLines()
                    + " lines; split the batch");
        }
    }

    /**
     * Runs every non-blank line, handing the results to {@code results} in line order, each as soon as the
     * transaction that stored its line has committed.
     */
    public void run(List<String> lines, LineHandler handler, Consumer<LineResult> results) {
        run(lines, handler, results, BatchPacing.NONE);
    }

    /** {@link #run(List, LineHandler, Consumer)}, waiting as {@code pace} says before each transaction but the first. */
    public void run(List<String> lines, LineHandler handler, Consumer<LineResult> results, BatchPacing pace) {
        List<BatchLine> pending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                pending.add(new BatchLine(i + 1, lines.get(i)));
            }
        }
        int next = 0;
        while (next < pending.size()) {
            if (next > 0) {
                pace.beforeNextRun();
            }
            next += runTogether(pending.subList(next, Math.min(pending.size(),
                    next + properties.linesPerTransaction())), handler, results);
        }
    }

    /**
     * Runs the first of {@code lines} in one transaction, as many as fit in
     * {@link BatchProperties#transactionTime()}, or all of them one by one when they cannot be applied together.
     *
     * @return how many lines were run
     */
    private int runTogether(List<BatchLine> lines, LineHandler handler, Consumer<LineResult> results) {
        if (lines.size() > 1) {
            Instant until = clock.instant().plus(properties.transactionTime());
            Optional<List<LineResult>> committed = transactions.together(lines, handler.writesBesideEvents(),
                    line -> runInShared(line, handler), () -> !clock.instant().isBefore(until));
            clearInterrupt(lines);
            if (committed.isPresent()) {
                committed.get().forEach(results);
                return committed.get().size();
            }
        }
        for (BatchLine line : lines) {
            LineResult result = run(line.fresh(), handler);
            clearInterrupt(List.of(line));
            results.accept(result);
        }
        return lines.size();
    }

    /**
     * Clears an interrupt the lines left on the request's thread. Axon interrupts a unit of work that has run past
     * its time limit (60 s; under load, a command can wait that long for its aggregate's lock): the line fails and
     * is answered so, but the flag stays on the thread, where it would fail every later line at its first wait
     * and break the answer itself, which the container then writes from an interrupted thread
     * ({@code BatchAnswerTest}).
     */
    private static void clearInterrupt(List<BatchLine> lines) {
        if (Thread.interrupted()) {
            log.warn("lines {} to {} of a batch were interrupted (a unit of work past its time limit); the lines "
                    + "after them run, and the answer is written, as usual", lines.get(0).number(),
                    lines.get(lines.size() - 1).number());
        }
    }

    /** Runs every line and collects the results. */
    public List<LineResult> runAll(List<String> lines, LineHandler handler) {
        return runAll(lines, handler, BatchPacing.NONE);
    }

    /** Runs every line, paced, and collects the results. */
    public List<LineResult> runAll(List<String> lines, LineHandler handler, BatchPacing pace) {
        List<LineResult> results = new ArrayList<>();
        run(lines, handler, results::add, pace);
        return results;
    }

    /**
     * Answers a batch request in the protocol: reads the body (refused whole with 413 when too large, before
     * any line runs), then writes {@code 200 application/x-ndjson}, one result per line as soon as the line is
     * stored or refused.
     */
    public void respond(InputStream body, HttpServletResponse response, LineHandler handler) throws IOException {
        respond(lines(body), response, handler);
    }

    /** {@link #respond(InputStream, HttpServletResponse, LineHandler)}, paced as {@code pace} says. */
    public void respond(InputStream body, HttpServletResponse response, LineHandler handler, BatchPacing pace)
            throws IOException {
        respond(lines(body), response, handler, pace);
    }

    /** Answers already-read lines in the protocol. */
    public void respond(List<String> lines, HttpServletResponse response, LineHandler handler) throws IOException {
        respond(lines, response, handler, BatchPacing.NONE);
    }

    /** Answers already-read lines in the protocol, paced as {@code pace} says. */
    public void respond(List<String> lines, HttpServletResponse response, LineHandler handler, BatchPacing pace)
            throws IOException {
        try (Answer answer = new Answer(response)) {
            run(lines, handler, answer::write, pace);
        }
    }

    /** Answers results already known (an upload that assembles them from its rows) in the protocol. */
    public void write(List<LineResult> results, HttpServletResponse response) throws IOException {
        try (Answer answer = new Answer(response)) {
            results.forEach(answer::write);
        }
    }

    /** The NDJSON answer: {@code 200}, one result per line, flushed every {@value #FLUSH_EVERY} results. */
    private final class Answer implements AutoCloseable {

        private final OutputStream out;
        private int written;

        Answer(HttpServletResponse response) throws IOException {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(NDJSON);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            this.out = response.getOutputStream();
        }

        void write(LineResult result) {
            try {
                out.write(mapper.writeValueAsBytes(result));
                out.write('\n');
                if (++written % FLUSH_EVERY == 0) {
                    out.flush();
                }
            } catch (IOException e) {
                throw new IllegalStateException("the client stopped reading the batch answer", e);
            }
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** A line's JSON object; anything else ({@code null}, a list, a number) is refused naming the line. */
    public ObjectNode object(String line) throws JsonProcessingException {
        JsonNode tree = mapper.readTree(line);
        if (!(tree instanceof ObjectNode node)) {
            throw new InvalidRequestException(List.of(new FieldError("", "malformed-json", "a line is one JSON object")));
        }
        return node;
    }

    /**
     * The request a line carries, read as strictly as a single request's body and checked by the same Bean
     * Validation constraints; every violated constraint is named at once.
     */
    public <T> T bind(JsonNode node, Class<T> type) throws JsonProcessingException {
        T request = mapper.treeToValue(node, type);
        List<FieldError> errors = validator.validate(request).stream()
                .sorted(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString()))
                .map(v -> new FieldError(v.getPropertyPath().toString(), JsonProblems.ruleName(
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()), v.getMessage()))
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return request;
    }

    /**
     * Runs a line inside a shared transaction: answered as on its own when accepted or refused; a failure in the
     * service is thrown, so the shared transaction rolls back and the line runs again on its own.
     */
    private static LineResult runInShared(BatchLine line, LineHandler handler) {
        Object result;
        try {
            result = handler.run(line);
        } catch (Exception e) {
            Optional<ProblemDetail> refusal = Refusals.of(e);
            if (refusal.isEmpty()) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            return refused(line, refusal.get());
        }
        return accepted(line, result);
    }

    private static LineResult run(BatchLine line, LineHandler handler) {
        try {
            return accepted(line, handler.run(line));
        } catch (Exception e) {
            ProblemDetail problem = Refusals.of(e).orElseGet(() -> {
                log.error("batch line {} failed", line.number(), e);
                return Refusals.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                        "The line could not be processed", "nothing was stored for this line; send it again",
                        List.of());
            });
            return refused(line, problem);
        }
    }

    private static LineResult accepted(BatchLine line, Object result) {
        return line.appended()
                ? new LineResult(line.number(), line.op(), line.id(), 201, LineResult.APPENDED, null, result)
                : new LineResult(line.number(), line.op(), line.id(), 200, LineResult.UNCHANGED, null, result);
    }

    private static LineResult refused(BatchLine line, ProblemDetail problem) {
        return new LineResult(line.number(), line.op(), line.id(), problem.getStatus(), LineResult.REFUSED, problem,
                null);
    }
}
