package dev.shipgate.local.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/** The bench results as markdown, with each target checked. */
final class Report {

    private Report() {
    }

    static boolean allTargetsMet(JsonNode results) {
        boolean met = true;
        for (JsonNode f : results.path("functions")) {
            if (f.has("notBuilt") || f.path("errorCount").asInt() > 0) {
                met = false;
            } else if (!Bench.isBaseline(f.path("name").asText())) {
                met &= f.path("restores").asInt() >= Bench.MIN_RESTORES
                        && f.path("restorePenaltyMedian").asDouble(Double.NaN) <= Bench.TARGET_RESTORE_PENALTY
                        && f.path("oneCpuRatio").asDouble(Double.NaN) <= Bench.TARGET_ONE_CPU_RATIO;
            }
        }
        for (JsonNode a : results.path("artifacts")) {
            met &= !a.has("notBuilt") && a.path("mb").asDouble(Double.NaN) <= Bench.TARGET_ARTIFACT_MB;
        }
        JsonNode tenK = tenThousand(results);
        met &= tenK != null && tenK.path("p50Ms").asDouble(Double.NaN) <= Bench.TARGET_10K_MS;
        return met;
    }

    static String markdown(JsonNode results) {
        StringBuilder md = new StringBuilder();
        md.append("## shipgate local benchmark\n\n");
        md.append(results.path("date").asText()).append(" · ").append(results.path("machine").asText())
                .append(" · load average ").append(results.path("loadAverageAtStart").asText()).append(" at start, ")
                .append(results.path("loadAverageAtEnd").asText()).append(" at end\n");
        md.append("Local runtime (real runtime interface client, Lambda java21 flags); ").append(results.path("coldRuns").asInt())
                .append(" cold starts per function, ").append(results.path("warmRuns").asInt()).append(" warm invocations. ")
                .append("Absolute numbers are this machine's, not Lambda's; the ratios are the comparable part.\n\n");
        md.append("| function | restore penalty (target ≤ 1.5) | 1st invoke after restore / warm p50 ms | full init on one CPU, ratio to trivial (guard ≤ 9.0) | one CPU ms | two CPUs: cold ratio to trivial | two CPUs ms (init + 1st invoke) | ratio to trivial with the functions' settings | warm p50 / p99 ms | max memory MB | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode f : results.path("functions")) {
            if (f.has("notBuilt")) {
                md.append("| ").append(f.path("name").asText()).append(" | NOT BUILT: ").append(f.path("notBuilt").asText()).append(" ||||||||||\n");
                continue;
            }
            String name = f.path("name").asText();
            boolean baseline = Bench.isBaseline(name);
            double penalty = f.path("restorePenaltyMedian").asDouble(Double.NaN);
            double oneCpu = f.path("oneCpuRatio").asDouble(Double.NaN);
            int restores = f.path("restores").asInt();
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f / %.1f | %s | %.0f | %s | %.0f (min %.0f, max %.0f) | %s | %.2f / %.2f | %d | %d |%n",
                    name,
                    String.format(Locale.ROOT, "%.2f", penalty) + (baseline ? "" : penalty <= Bench.TARGET_RESTORE_PENALTY ? " ✅" : " ❌")
                            + " (median of " + restores + (restores < Bench.MIN_RESTORES && !baseline ? ", fewer than " + Bench.MIN_RESTORES + " ❌" : "") + ")",
                    f.path("firstAfterRestoreMedianMs").asDouble(), f.path("restoredWarmP50MedianMs").asDouble(),
                    name.equals("trivial") ? "1.00 (baseline)" : String.format(Locale.ROOT, "%.2f", oneCpu)
                            + (baseline ? "" : (oneCpu <= Bench.TARGET_ONE_CPU_RATIO ? " ✅" : " ❌")
                            + String.format(Locale.ROOT, "; per-round median %.2f", f.path("oneCpuRatioPerRoundMedian").asDouble())),
                    f.path("oneCpuColdMedianMs").asDouble(),
                    name.equals("trivial") ? "1.00 (baseline)" : String.format(Locale.ROOT, "%.2f", f.path("coldRatio").asDouble())
                            + (baseline ? "" : String.format(Locale.ROOT, "; per-round median %.2f", f.path("coldRatioPerRoundMedian").asDouble())),
                    f.path("coldMedianMs").asDouble(), f.path("coldMinMs").asDouble(), f.path("coldMaxMs").asDouble(),
                    Bench.TRIVIAL_WITH_SETTINGS.equals(name) ? "1.00 (baseline)" : f.has("coldRatioToTrivialWithSettings") && !baseline
                            ? String.format(Locale.ROOT, "%.2f", f.path("coldRatioToTrivialWithSettings").asDouble()) : "—",
                    f.path("warmP50Ms").asDouble(), f.path("warmP99Ms").asDouble(),
                    f.path("maxMemoryUsedMb").asLong(), f.path("errorCount").asInt()));
        }
        for (JsonNode f : results.path("functions")) {
            for (JsonNode e : f.path("errors")) {
                md.append("\n- ").append(f.path("name").asText()).append(" error: `").append(e.asText().replace('\n', ' ')).append('`');
            }
        }
        md.append("\n\n| artifact | zip size | target ≤ 15 MB | jars | largest jars |\n|---|---|---|---|---|\n");
        for (JsonNode a : results.path("artifacts")) {
            if (a.has("notBuilt")) {
                md.append("| ").append(a.path("name").asText()).append(" | NOT BUILT |||||\n");
                continue;
            }
            double mb = a.path("mb").asDouble();
            StringBuilder jars = new StringBuilder();
            a.path("largestJars").forEach(j -> jars.append(jars.isEmpty() ? "" : ", ").append(j.asText()));
            md.append(String.format(Locale.ROOT, "| %s | %.2f MB (%d bytes) | %s | %d | %s |%n", a.path("name").asText(), mb,
                    a.path("bytes").asLong(), mb <= Bench.TARGET_ARTIFACT_MB ? "✅" : "❌", a.path("jars").asInt(), jars));
        }
        md.append("\n| scan-gate evaluation | p50 ms | p99 ms |\n|---|---|---|\n");
        JsonNode evaluation = results.path("evaluation");
        if (evaluation.has("notBuilt") || evaluation.has("error")) {
            md.append("| NOT MEASURED: ").append(evaluation.path("notBuilt").asText(evaluation.path("error").asText())).append(" | | |\n");
        }
        for (JsonNode line : evaluation.path("results")) {
            boolean tenK = line.path("findings").asInt() == 10_000;
            md.append(String.format(Locale.ROOT, "| %,d findings | %.2f%s | %.2f |%n", line.path("findings").asInt(), line.path("p50Ms").asDouble(),
                    tenK ? (line.path("p50Ms").asDouble() <= Bench.TARGET_10K_MS ? " ✅ (target ≤ 50)" : " ❌ (target ≤ 50)") : "",
                    line.path("p99Ms").asDouble()));
        }
        if (evaluation.path("results").findValue("reportP50Ms") != null) {
            md.append("\n| scan-gate findings report (HTML + SARIF, after the verdict; not in the evaluation target) | p50 ms | HTML | SARIF |\n")
                    .append("|---|---|---|---|\n");
            for (JsonNode line : evaluation.path("results")) {
                md.append(String.format(Locale.ROOT, "| %,d findings | %.2f | %.1f MB | %.1f MB |%n", line.path("findings").asInt(),
                        line.path("reportP50Ms").asDouble(), line.path("htmlBytes").asLong() / 1e6, line.path("sarifBytes").asLong() / 1e6));
            }
        }
        md.append("\n### Where each cold start goes (one run with -Xlog:class+load; proportions, not exact times)\n\n");
        md.append("| function | phase | ms | classes loaded (from CDS) |\n|---|---|---|---|\n");
        for (JsonNode b : results.path("breakdown")) {
            for (JsonNode p : b.path("phases")) {
                md.append(String.format(Locale.ROOT, "| %s | %s → %s | %.0f | %d (%d) |%n", b.path("name").asText(), p.path("from").asText(),
                        p.path("to").asText(), p.path("ms").asDouble(), p.path("classes").asLong(), p.path("classesFromCds").asLong()));
            }
            md.append(String.format(Locale.ROOT, "| %s | **total** (first AWS call during %s) | %.0f | %d (%d) |%n", b.path("name").asText(),
                    b.path("firstAwsCallDuring").asText(), b.path("coldTotalMs").asDouble(), b.path("classesLoaded").asLong(),
                    b.path("classesFromCds").asLong()));
        }
        md.append("\nAll targets met: ").append(results.path("allTargetsMet").asBoolean() ? "yes" : "NO").append('\n');
        return md.toString();
    }

    /** {@code docs/performance.md}: how to run the bench, what it measures, and one run's tables. */
    static String page(JsonNode results) {
        return """
                # Performance

                <!-- Generated by `tools/shipgate-local bench --docs` (or `bench render docs/performance-results.json`)
                     from docs/performance-results.json. Do not edit by hand. -->

                How fast shipgate starts and answers, measured only with `tools/shipgate-local bench` (never in timed unit
                tests). On AWS every function runs as a restored SnapStart version behind the `live` alias, so the first
                columns are the production path: the **restore penalty** (the first invocation after a restore,
                `afterRestore` included, divided by the same instance's warm p50; target ≤ 1.5) and **full init on one
                CPU** (a 512 MB Lambda has far less than one vCPU; guard ≤ 9.0× the trivial handler pinned the same way).
                The two-core cold start ratio is reported beside them. What each cold-start device was measured to buy
                is in [performance-devices.md](performance-devices.md).

                `tools/shipgate-local bench [--cold 7] [--warm 200] [--only scan-gate] [--docs]` writes
                `tools/local-runtime/target/bench/results.md` and `results.json`; `--docs` also writes this page and
                `docs/performance-results.json`. Absolute times are this machine's (the JDK in `JAVA_HOME`; Lambda runs
                java21): compare the ratios. Warm times include moto_server's own latency.

                Run: `%s`

                - %s
                - %s

                """.formatted(results.path("command").asText("?"), results.path("restoreMethod").asText(""),
                results.path("method").asText("")) + markdown(results).replaceFirst("## shipgate local benchmark", "## Latest results");
    }

    private static JsonNode tenThousand(JsonNode results) {
        for (JsonNode line : results.path("evaluation").path("results")) {
            if (line.path("findings").asInt() == 10_000) {
                return line;
            }
        }
        return null;
    }
}
