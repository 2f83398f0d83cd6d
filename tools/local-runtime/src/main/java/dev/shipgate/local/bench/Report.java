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
                met &= f.path("coldRatio").asDouble(Double.NaN) <= Bench.TARGET_RATIO;
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
        md.append("| function | cold median (init + 1st invoke) ms | ratio to trivial (target ≤ 7.0) | ratio to trivial with the functions' settings | init ms | 1st invoke ms | SnapStart path: init incl. priming / 1st invoke ms | warm p50 ms | warm p99 ms | warm p50 / p99 ratio | max memory MB | errors |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (JsonNode f : results.path("functions")) {
            if (f.has("notBuilt")) {
                md.append("| ").append(f.path("name").asText()).append(" | NOT BUILT: ").append(f.path("notBuilt").asText()).append(" |||||||||||\n");
                continue;
            }
            boolean trivial = "trivial".equals(f.path("name").asText());
            boolean secondBaseline = Bench.TRIVIAL_WITH_SETTINGS.equals(f.path("name").asText());
            double ratio = f.path("coldRatio").asDouble();
            md.append(String.format(Locale.ROOT, "| %s | %.0f (min %.0f, max %.0f) | %s | %s | %.0f | %.0f | %.0f / %.0f | %.2f | %.2f | %.1f / %.1f | %d | %d |%n",
                    f.path("name").asText(), f.path("coldMedianMs").asDouble(), f.path("coldMinMs").asDouble(), f.path("coldMaxMs").asDouble(),
                    trivial ? "1.00 (baseline)" : secondBaseline ? String.format(Locale.ROOT, "%.2f", ratio)
                            : String.format(Locale.ROOT, "%.2f %s; per-round median %.2f", ratio,
                            ratio <= Bench.TARGET_RATIO ? "✅" : "❌ (over by " + String.format(Locale.ROOT, "%.2f", ratio - Bench.TARGET_RATIO) + ")",
                            f.path("coldRatioPerRoundMedian").asDouble()),
                    secondBaseline ? "1.00 (baseline)" : f.has("coldRatioToTrivialWithSettings") && !trivial
                            ? String.format(Locale.ROOT, "%.2f", f.path("coldRatioToTrivialWithSettings").asDouble()) : "—",
                    f.path("initMedianMs").asDouble(), f.path("firstInvokeMedianMs").asDouble(),
                    f.path("snapStartInitMedianMs").asDouble(), f.path("snapStartFirstInvokeMedianMs").asDouble(),
                    f.path("warmP50Ms").asDouble(), f.path("warmP99Ms").asDouble(),
                    f.path("warmP50Ratio").asDouble(), f.path("warmP99Ratio").asDouble(),
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

    private static JsonNode tenThousand(JsonNode results) {
        for (JsonNode line : results.path("evaluation").path("results")) {
            if (line.path("findings").asInt() == 10_000) {
                return line;
            }
        }
        return null;
    }
}
