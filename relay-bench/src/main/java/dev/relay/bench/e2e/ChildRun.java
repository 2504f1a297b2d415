package dev.relay.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link RunOne} in a fresh JVM with default flags and reads its one result line: the fairness
 * rule of the side-by-side runner (no client inherits the other's JIT, heap or threads). The child's
 * standard error goes to a log file, its standard output to a file next to it. Stateless; thread-safe.
 */
final class ChildRun {
    private static final long TIMEOUT_MINUTES = 10;

    /**
     * What one child run gave.
     *
     * @param values the result's key=value pairs (empty unless it succeeded)
     * @param skipped why the case cannot run with that JDK, or empty
     * @param failure what went wrong, or empty
     */
    record Outcome(Map<String, String> values, String skipped, String failure) {
        boolean ok() {
            return failure.isEmpty() && skipped.isEmpty();
        }
    }

    private ChildRun() {
    }

    /**
     * Spawns the child and waits for it.
     *
     * @param java the java launcher to use
     * @param classpath classpath of the child
     * @param serverPid nats-server's pid, so the child can report the server's CPU
     * @param args RunOne's arguments
     * @param log where the child's standard error goes
     * @return the outcome
     */
    static Outcome run(String java, String classpath, long serverPid, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", classpath,
            "-Drelay.bench.serverPid=" + serverPid, RunOne.class.getName()));
        cmd.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            // Standard output goes to a file too, so a stuck child cannot block a read past the timeout.
            Path out = log.resolveSibling(log.getFileName() + ".out");
            Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return failed("timed out after " + TIMEOUT_MINUTES + " minutes; log " + log);
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8), p.exitValue(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
    }

    /** Reads the child's standard output; anything but a RESULT or SKIPPED line with exit 0 is a failure. */
    static Outcome parse(String stdout, int exit, Path log) {
        for (String line : stdout.split("\n")) {
            String[] f = line.strip().split("\t");
            if (exit == 0 && f[0].equals(RunOne.RESULT)) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 1; i < f.length; i++) {
                    int eq = f[i].indexOf('=');
                    if (eq > 0) {
                        values.put(f[i].substring(0, eq), f[i].substring(eq + 1));
                    }
                }
                return new Outcome(values, "", "");
            }
            if (exit == 0 && f[0].equals(RunOne.SKIPPED)) {
                return new Outcome(Map.of(), f.length > 1 ? f[1] : "skipped", "");
            }
        }
        return failed("exit " + exit + ", no result line; " + lastLines(log, 5));
    }

    private static Outcome failed(String why) {
        return new Outcome(Map.of(), "", why);
    }

    private static String lastLines(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "log " + log + ": " + String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "log " + log;
        }
    }
}
