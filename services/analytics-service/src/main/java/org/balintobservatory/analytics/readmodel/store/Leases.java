package org.balintobservatory.analytics.readmodel.store;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Work that one instance of the service does for all of them (a rebuild, cutting a data release) takes a
 * lease: a document in {@value #COLLECTION} naming its holder and until when it holds it. Taking it is an
 * insert, or a replace of an expired lease, both atomic on {@code _id}; the holder renews it while it
 * works and gives it back when done. An instance that dies keeps it only until it expires.
 */
@Component
public class Leases {

    static final String COLLECTION = "analytics_leases";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoCollection<Document> leases;
    private final Clock clock;
    private final String instance;

    public Leases(MongoDatabase database, Clock clock) {
        this.leases = database.getCollection(COLLECTION);
        this.clock = clock;
        this.instance = hostName() + "/" + UUID.randomUUID();
    }

    /** This process, as lease holders are named. */
    public String instance() {
        return instance;
    }

    /** Takes the lease {@code name} for {@code ttl}, unless another instance holds it and it has not expired. */
    public Optional<Lease> acquire(String name, Duration ttl) {
        Instant now = clock.instant();
        Document lease = new Document("_id", name).append("holder", instance).append("until", Date.from(now.plus(ttl)));
        try {
            leases.insertOne(lease);
            return Optional.of(new Lease(name, ttl));
        } catch (MongoWriteException e) {
            if (e.getError().getCode() != DUPLICATE_KEY) {
                throw e;
            }
        }
        boolean taken = leases.replaceOne(Filters.and(Filters.eq("_id", name), Filters.lt("until", Date.from(now))),
                lease).getModifiedCount() == 1;
        return taken ? Optional.of(new Lease(name, ttl)) : Optional.empty();
    }

    /** Who holds the lease {@code name}, if anyone holds it now. */
    public Optional<String> holder(String name) {
        Document lease = leases.find(Filters.eq("_id", name)).first();
        if (lease == null || lease.getDate("until").toInstant().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(lease.getString("holder"));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** A lease this instance holds. */
    public final class Lease implements AutoCloseable {

        private final String name;
        private final Duration ttl;

        private Lease(String name, Duration ttl) {
            this.name = name;
            this.ttl = ttl;
        }

        /**
         * Extends the lease by its time to live from now.
         *
         * @throws IllegalStateException if it expired and another instance took it meanwhile
         */
        public void renew() {
            long renewed = leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", instance)),
                    Updates.set("until", Date.from(clock.instant().plus(ttl)))).getMatchedCount();
            if (renewed == 0) {
                throw new IllegalStateException("the lease " + name + " expired and was taken by another instance");
            }
        }

        @Override
        public void close() {
            leases.deleteOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", instance)));
        }
    }
}
