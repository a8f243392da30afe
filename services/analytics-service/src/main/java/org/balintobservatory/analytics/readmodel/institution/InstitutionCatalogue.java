package org.balintobservatory.analytics.readmodel.institution;

import org.balintobservatory.analytics.readmodel.store.MongoReadModelStore;
import org.balintobservatory.analytics.readmodel.store.ReadModel;
import org.bson.Document;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * The ids of every institution the query-shaped read models know, in one document ({@code _id}
 * {@value #ID}): a researcher's question over all institutions starts from it and computes every other
 * id it reads. An institution is added when its first totals document is made; adding an id twice
 * changes nothing.
 */
public final class InstitutionCatalogue {

    public static final String ID = "institutions";

    final TreeSet<String> institutions = new TreeSet<>();

    /** @return whether any id was new */
    public boolean addAll(Collection<String> ids) {
        return institutions.addAll(ids);
    }

    public List<String> institutions() {
        return List.copyOf(institutions);
    }

    /** Every institution the active read models of a store know, in id order. */
    public static List<String> read(MongoReadModelStore store) {
        return store.find(ReadModel.CATALOGUE, ID).map(InstitutionCatalogue::fromDocument)
                .map(InstitutionCatalogue::institutions).orElse(List.of());
    }

    /** Every institution's totals, in institution id order: one {@code $in} by id. */
    public static List<InstitutionTotals> totals(MongoReadModelStore store) {
        return new java.util.TreeMap<>(store.load(ReadModel.INSTITUTION_TOTALS, read(store))).values().stream()
                .map(InstitutionTotals::fromDocument).toList();
    }

    public Document toDocument() {
        return new Document("_id", ID).append("institutions", List.copyOf(institutions));
    }

    public static InstitutionCatalogue fromDocument(Document doc) {
        InstitutionCatalogue catalogue = new InstitutionCatalogue();
        if (doc != null) {
            catalogue.institutions.addAll(doc.getList("institutions", String.class, List.of()));
        }
        return catalogue;
    }
}
