package com.patientcobridge.hl7.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AckWriterTest {

    private static OutboxRows.Delivered delivered(long id) {
        OutboxRow row = new OutboxRow(id, "payment:pay_" + id + ":captured", "payment-records", "DFT^P03", "gtr_1",
                new String[] {"pay_" + id}, "pat_1", null, "PCB" + id, "{}", "MSH|...", "pending", 0, 7L);
        return new OutboxRows.Delivered(row, 0, new Timestamp(0), "AA", "MSA|AA|PCB" + id, "MRN1");
    }

    @Test
    void everyAcceptedMessageIsRecordedOnceInOrderAndDrainWaitsForIt() throws Exception {
        List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        try (AckWriter writer = new AckWriter(batch -> {
            batchSizes.add(batch.size());
            batch.forEach(d -> recorded.add(d.row().id()));
        }, 4, Duration.ofMillis(5), "test-acks")) {
            for (long id = 1; id <= 1000; id++) {
                writer.add(delivered(id));
            }
            writer.drain();
            assertThat(recorded).hasSize(1000);
            assertThat(recorded).isSorted().doesNotHaveDuplicates();
            assertThat(batchSizes).allMatch(n -> n >= 1 && n <= 4);
        }
    }

    @Test
    void aSlowWriteHoldsTheSenderAtTheWindow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
        try (AckWriter writer = new AckWriter(batch -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(d -> recorded.add(d.row().id()));
        }, 2, Duration.ofMillis(5), "test-acks")) {
            writer.add(delivered(1));
            assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
            // One being written, two waiting: the window is full, the next add waits.
            writer.add(delivered(2));
            writer.add(delivered(3));
            CompletableFuture<Void> fourth = new CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    writer.add(delivered(4));
                    fourth.complete(null);
                } catch (InterruptedException e) {
                    fourth.completeExceptionally(e);
                }
            });
            sender.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> sender.getState() == Thread.State.WAITING);
            assertThat(fourth).isNotDone();
            assertThat(recorded).isEmpty();
            release.countDown();
            fourth.get(10, TimeUnit.SECONDS);
            writer.drain();
            assertThat(recorded).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    @Test
    void messagesBelowHalfTheWindowAreWrittenTogetherWhenTheLaneDrains() throws Exception {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        // A linger no test waits out: only the drain makes the writer write.
        try (AckWriter writer = new AckWriter(batch -> batchSizes.add(batch.size()), 100, Duration.ofHours(1),
                "test-acks")) {
            for (long id = 1; id <= 49; id++) {
                writer.add(delivered(id));
            }
            assertThat(batchSizes).isEmpty();
            writer.drain();
            assertThat(batchSizes).containsExactly(49);
            // Half the window is written at once, without a drain.
            for (long id = 50; id <= 99; id++) {
                writer.add(delivered(id));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> batchSizes.size() == 2);
            assertThat(batchSizes).containsExactly(49, 50);
        }
    }

    @Test
    void aFailedWriteStopsTheLaneWithTheCause() throws Exception {
        try (AckWriter writer = new AckWriter(batch -> {
            throw new IllegalStateException("database is down");
        }, 4, Duration.ofMillis(5), "test-acks")) {
            writer.add(delivered(1));
            assertThatThrownBy(writer::drain).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("database is down");
            assertThatThrownBy(() -> writer.add(delivered(2))).hasMessageContaining("database is down");
        }
    }
}
