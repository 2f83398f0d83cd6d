package dev.shipgate.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipgate.local.runtime.InvokeResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where one cold start went, from the class-load timeline of that JVM. Markers: the handler class
 * loading (the runtime client is done with its own start), the first AWS SDK class (client
 * creation starts), the first {@code HttpURLConnection} (the first AWS call goes on the wire), the
 * end of init (first {@code invocation/next}) and the end of the first invocation. JVM uptime is
 * taken as time since spawn: process exec before the JVM's clock starts (a few ms) lands in the
 * first phase's host-side total only.
 */
final class Breakdown {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record Marker(String name, double atMs) {
    }

    private Breakdown() {
    }

    static ObjectNode of(String function, String handler, InvokeResult result, ClassLoadTimeline timeline) {
        double initEnd = result.initDurationMs().orElse(Double.NaN);
        double invokeEnd = initEnd + result.durationMs();
        String handlerClass = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        List<Marker> markers = new ArrayList<>();
        markers.add(new Marker("JVM start", 0));
        markers.add(new Marker("handler class loaded", timeline.firstLoad(handlerClass)));
        markers.add(new Marker("first AWS SDK class (client creation starts)", timeline.firstSdkLoad()));
        markers.add(new Marker("first HttpURLConnection (first AWS call on the wire)", timeline.firstLoad("sun.net.www.protocol.http.HttpURLConnection")));
        markers.add(new Marker("init done (first invocation/next)", initEnd));
        markers.add(new Marker("first invocation answered", invokeEnd));
        List<Marker> present = new ArrayList<>(markers.stream().filter(m -> !Double.isNaN(m.atMs())).toList());
        present.sort(Comparator.comparingDouble(Marker::atMs));

        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", function);
        node.put("coldTotalMs", Bench.round(invokeEnd));
        node.put("initMs", Bench.round(initEnd));
        node.put("firstInvokeMs", Bench.round(result.durationMs()));
        node.put("classesLoaded", timeline.total());
        node.put("classesFromCds", timeline.countFromCds(0, Double.MAX_VALUE));
        node.put("firstAwsCallDuring", Double.isNaN(timeline.firstLoad("sun.net.www.protocol.http.HttpURLConnection")) ? "none"
                : timeline.firstLoad("sun.net.www.protocol.http.HttpURLConnection") < initEnd ? "init" : "first invocation");
        ArrayNode phases = node.putArray("phases");
        for (int i = 0; i + 1 < present.size(); i++) {
            Marker from = present.get(i);
            Marker to = present.get(i + 1);
            phases.addObject()
                    .put("from", from.name())
                    .put("to", to.name())
                    .put("ms", Bench.round(to.atMs() - from.atMs()))
                    .put("classes", timeline.count(from.atMs(), to.atMs()))
                    .put("classesFromCds", timeline.countFromCds(from.atMs(), to.atMs()));
        }
        node.put("note", "measured with -Xlog:class+load (logging itself adds time); one run, so use it for proportions");
        return node;
    }
}
