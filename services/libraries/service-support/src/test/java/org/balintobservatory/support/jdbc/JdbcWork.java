package org.balintobservatory.support.jdbc;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the JDBC work done through a data source on the threads that ask for it ({@link #counting}), so a
 * test can state how much work a request costs and fail when it grows: a count of calls, never a time.
 *
 * <p>What is counted, as the PostgreSQL driver sends it:
 * <ul>
 *   <li>a <em>statement</em> is one SQL statement executed: one {@code execute…} call, or one statement added
 *       to a batch;</li>
 *   <li>a <em>round trip</em> is one call that waits for the server's answer: an {@code execute…}, a whole
 *       {@code executeBatch}, a commit or rollback, and setting, releasing or rolling back to a savepoint (the
 *       driver sends {@code BEGIN} together with the first statement of a transaction, so it costs none);</li>
 *   <li>a <em>commit</em> is one {@code Connection.commit()}: one transaction made durable, one WAL flush.</li>
 * </ul>
 * Rows a driver fetches in further round trips of an open cursor are not counted; the event store reads an
 * aggregate's events in one.
 */
public final class JdbcWork {

    /** What was counted; subtract two readings to get what happened between them. */
    public record Counts(long statements, long roundTrips, long commits, long savepoints) {

        public Counts minus(Counts earlier) {
            return new Counts(statements - earlier.statements, roundTrips - earlier.roundTrips,
                    commits - earlier.commits, savepoints - earlier.savepoints);
        }
    }

    private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate");
    private static final Set<String> BATCHES = Set.of("executeBatch", "executeLargeBatch");

    private final ThreadLocal<Boolean> counting = ThreadLocal.withInitial(() -> false);
    private final LongAdder statements = new LongAdder();
    private final LongAdder roundTrips = new LongAdder();
    private final LongAdder commits = new LongAdder();
    private final LongAdder savepoints = new LongAdder();
    private final Map<String, LongAdder> bySql = new ConcurrentHashMap<>();

    /** What has been counted so far. */
    public Counts counts() {
        return new Counts(statements.sum(), roundTrips.sum(), commits.sum(), savepoints.sum());
    }

    /** Statements executed so far, by their SQL (batched ones once per statement added), most frequent first. */
    public Map<String, Long> statementsBySql() {
        Map<String, Long> counts = new LinkedHashMap<>();
        bySql.entrySet().stream()
                .sorted(Map.Entry.<String, LongAdder>comparingByValue(Comparator.comparingLong(LongAdder::sum)).reversed())
                .forEach(e -> counts.put(e.getKey(), e.getValue().sum()));
        return counts;
    }

    /** Runs {@code work} on this thread, counting what it does through the wrapped data sources. */
    public <T> T counting(Callable<T> work) throws Exception {
        boolean before = counting.get();
        counting.set(true);
        try {
            return work.call();
        } finally {
            counting.set(before);
        }
    }

    /** The data source that counts. */
    public DataSource wrap(DataSource dataSource) {
        return new DelegatingDataSource(dataSource) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return connection(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws java.sql.SQLException {
                return connection(super.getConnection(username, password));
            }
        };
    }

    private Connection connection(Connection target) {
        return proxy(Connection.class, target, (proxy, method, args) -> {
            switch (method.getName()) {
                case "commit" -> {
                    count(commits);
                    count(roundTrips);
                }
                case "rollback", "releaseSavepoint" -> count(roundTrips);
                case "setSavepoint" -> {
                    count(savepoints);
                    count(roundTrips);
                }
                default -> {
                }
            }
            Object result = invoke(target, method, args);
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
            if (result instanceof CallableStatement s) {
                return statement(CallableStatement.class, s, sql);
            }
            if (result instanceof PreparedStatement s) {
                return statement(PreparedStatement.class, s, sql);
            }
            if (result instanceof Statement s) {
                return statement(Statement.class, s, null);
            }
            return result;
        });
    }

    private <S extends Statement> S statement(Class<S> type, S target, String prepared) {
        return proxy(type, target, (proxy, method, args) -> {
            String name = method.getName();
            String sql = prepared != null ? prepared
                    : args != null && args.length > 0 && args[0] instanceof String text ? text : "?";
            if (EXECUTES.contains(name)) {
                count(statements);
                count(roundTrips);
                countSql(sql);
            } else if (name.equals("addBatch")) {
                count(statements);
                countSql(sql);
            } else if (BATCHES.contains(name)) {
                count(roundTrips);
            }
            return invoke(target, method, args);
        });
    }

    private void count(LongAdder counter) {
        if (counting.get()) {
            counter.increment();
        }
    }

    private void countSql(String sql) {
        if (counting.get()) {
            String shape = sql.replaceAll("\\s+", " ").strip();
            bySql.computeIfAbsent(shape.length() > 100 ? shape.substring(0, 100) : shape, k -> new LongAdder())
                    .increment();
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(JdbcWork.class.getClassLoader(), new Class<?>[]{type}, handler);
    }
}
