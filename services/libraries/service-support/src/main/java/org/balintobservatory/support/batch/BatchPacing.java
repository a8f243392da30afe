package org.balintobservatory.support.batch;

/**
 * What one batch that was taken waits for between two of its transactions ({@link BatchAdmission#admit()}: this
 * service's publisher catching up), so that one large batch cannot put more writes between a school's next single
 * write and the read models than the bound allows. Only the batch endpoints are paced; uploads and single requests
 * run with {@link #NONE}.
 */
@FunctionalInterface
public interface BatchPacing {

    /** Never waits. */
    BatchPacing NONE = () -> { };

    /** Returns when the batch's next transaction may run. */
    void beforeNextRun();
}
