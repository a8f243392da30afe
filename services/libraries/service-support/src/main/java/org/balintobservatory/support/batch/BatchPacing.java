package org.balintobservatory.support.batch;

/**
 * What a batch that was taken waits for between two of its transactions ({@link BatchAdmission}: this service's
 * publisher catching up), so that one large batch cannot put more writes between a school's next single write and
 * the read models than the bound allows.
 */
@FunctionalInterface
public interface BatchPacing {

    /** Never waits. */
    BatchPacing NONE = () -> () -> { };

    /** The pace of one batch, asked for when the batch starts. */
    Pace forBatch();

    /** One batch's pace. */
    @FunctionalInterface
    interface Pace {

        /** Returns when the batch's next transaction may run. */
        void beforeNextRun();
    }
}
