package com.patientcobridge.codes;

/**
 * A check of the code tables run at start-up by whoever reads them (the HL7 mappers, the
 * posting rules): a rule throws {@link CodeTableException} naming the file and the key.
 */
@FunctionalInterface
public interface CodeTableRule {

    void check(CodeTables tables);
}
