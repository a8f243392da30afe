package org.balintobservatory.survey.instrument;

import java.util.List;

/** The ids of instruments that have stored versions, so the catalogue can list them without a scan. */
public interface InstrumentIndex {

    /** Records the id in the current transaction; recording it again changes nothing. */
    void remember(String instrumentId);

    List<String> all();
}
