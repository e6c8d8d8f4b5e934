package dev.lifecycle.spring.observation;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finished spans as a text tree, the way a trace viewer lays them out: each span under its parent, in the order
 * they began, with when it began and how long it took (milliseconds from the root's start), its {@code service} and
 * {@code outcome} tags, and the services of the spans it links to.
 */
final class SpanTree {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

    private SpanTree() {
    }

    static String render(List<SpanData> spans) {
        Map<String, SpanData> byId = spans.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        SpanData root = spans.stream().filter(s -> !byId.containsKey(s.getParentSpanId())).findFirst().orElseThrow();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-28s %10s %10s  %s%n", "span", "began",
                "took", "tags, links"));
        append(out, root, root.getStartEpochNanos(), spans, byId, "", "");
        return out.toString();
    }

    private static void append(StringBuilder out, SpanData span, long origin, List<SpanData> spans,
            Map<String, SpanData> byId, String lead, String childLead) {
        String name = lead + span.getName();
        out.append(String.format(Locale.ROOT, "%-28s %7.1f ms %7.1f ms  %s%n", name,
                (span.getStartEpochNanos() - origin) / 1e6, (span.getEndEpochNanos() - span.getStartEpochNanos()) / 1e6,
                tags(span, byId)));
        List<SpanData> children = spans.stream().filter(s -> s.getParentSpanId().equals(span.getSpanId()))
                .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            append(out, children.get(i), origin, spans, byId, childLead + (last ? "└─ " : "├─ "),
                    childLead + (last ? "   " : "│  "));
        }
    }

    private static String tags(SpanData span, Map<String, SpanData> byId) {
        StringBuilder tags = new StringBuilder();
        String service = span.getAttributes().get(SERVICE);
        if (service != null) {
            tags.append("service=").append(service).append(' ');
        }
        tags.append("outcome=").append(span.getAttributes().get(OUTCOME));
        List<String> links = span.getLinks().stream().map(LinkData::getSpanContext)
                .map(c -> byId.get(c.getSpanId())).map(s -> s == null ? "?" : s.getName()).toList();
        if (!links.isEmpty()) {
            tags.append("  links: ").append(String.join(", ", links));
        }
        return tags.toString();
    }
}
