package io.dcganexplorer.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CoalescingExecutorTest {

    @Test
    void requestsArrivingFasterThanRendersAreCoalescedNewestWins() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> rendered = new CopyOnWriteArrayList<>();
        try (CoalescingExecutor ex = new CoalescingExecutor("test-render", () -> {})) {
            CompletableFuture<Integer> first = ex.submitLatest("slider", () -> {
                started.countDown();
                await(release);
                rendered.add(0);
                return 0;
            });
            assertTrue(started.await(10, TimeUnit.SECONDS));
            // 50 slider moves while the first render is busy
            List<CompletableFuture<Integer>> moves = new java.util.ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                int v = i;
                moves.add(ex.submitLatest("slider", () -> {
                    rendered.add(v);
                    return v;
                }));
            }
            release.countDown();
            assertEquals(50, moves.get(49).get(10, TimeUnit.SECONDS));
            assertEquals(0, first.get());
            assertEquals(List.of(0, 50), rendered, "only the running and the newest request render");
            for (int i = 0; i < 49; i++) {
                assertTrue(moves.get(i).isCancelled(), "move " + (i + 1) + " should be superseded");
            }
        }
    }

    @Test
    void orderedTasksAllRunInOrderAndKeysAreIndependent() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (CoalescingExecutor ex = new CoalescingExecutor("test-render", () -> {})) {
            CompletableFuture<?> a = ex.submit(() -> log.add("a"));
            CompletableFuture<?> b = ex.submit(() -> log.add("b"));
            CompletableFuture<?> x = ex.submitLatest("x", () -> log.add("x"));
            CompletableFuture<?> y = ex.submitLatest("y", () -> log.add("y"));
            CompletableFuture.allOf(a, b, x, y).get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of("a", "b"), log.subList(0, 2));
        assertTrue(log.containsAll(List.of("x", "y")));
    }

    private static void await(CountDownLatch l) {
        try {
            l.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
