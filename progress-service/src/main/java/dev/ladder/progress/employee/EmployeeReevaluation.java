package dev.ladder.progress.employee;

import java.util.Collection;

/**
 * What storing employee changes needs from whoever evaluates employees (readiness implements it): the changed
 * employees evaluated again (start date and track feed the rules), inside the batch's transaction, so the copies and
 * the re-evaluation commit together or not at all. Declared here so that the employee copy does not depend on
 * readiness, which reads it.
 */
public interface EmployeeReevaluation {

    /** Takes the employees' evaluation locks itself. */
    void reevaluate(Collection<String> employeeIds);

    /** After an erasure rewrote the ledger: histories kept in memory are read again from the database. */
    void forgetHistories();
}
