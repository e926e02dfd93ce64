package com.patientcobridge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import com.patientcobridge.support.TestDatabase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Listeners (alerts) hear of a dead letter once, when it is new, not each time the record fails again. */
class DeadLetterStoreTest {

    @Test
    void aRecordFailingAgainIsNotANewDeadLetter() throws Exception {
        TestDatabase db = TestDatabase.create();
        DeadLetterStore store = new DeadLetterStore(db.jdbc, new DataSourceTransactionManager(db.dataSource));
        List<String> heard = new CopyOnWriteArrayList<>();
        store.onNew(e -> heard.add(e.patientcoId()));
        long first = store.record(entry("pay_000000001", "amount: '12,50' is not a decimal"));
        long again = store.record(entry("pay_000000001", "amount: '12,50' is not a decimal"));
        long other = store.record(entry("pay_000000002", "status: unknown value 'teleported'"));
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(heard).containsExactly("pay_000000001", "pay_000000002");
        assertThat(db.jdbc.queryForObject("SELECT attempts FROM bridge.dead_letter WHERE id = ?", Integer.class, first))
                .isEqualTo(2);
    }

    private static DeadLetterStore.Entry entry(String id, String reason) {
        return new DeadLetterStore.Entry("payment-records", "payments", id, "acc_000000001", reason,
                "MalformedRecordException", 1, "{}", "json", "direct:payment-records", null, null, null);
    }
}
