package org.balintobservatory.analytics.readmodel.store;

import org.bson.Document;

import java.util.Collection;
import java.util.Map;

/**
 * Where one generation of read models lives: documents keyed by {@code _id}, loaded with one
 * {@code $in} per collection and batch, written back as whole documents in one bulk write.
 */
public interface ReadModelStore {

    /** The stored documents among {@code ids}, by id; absent ids are simply missing. */
    Map<String, Document> load(ReadModel model, Collection<String> ids);

    /** Replaces (or inserts) each document by its {@code _id}. */
    void write(ReadModel model, Collection<Document> documents);
}
