package dev.lifecycle.core;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The dependency graph of a registry at one moment, with an export to Mermaid and to Graphviz DOT. Edges point from
 * a requirement to its dependent, the way start-up flows. Immutable.
 *
 * @param nodes the services, in installation order
 * @param edges the requirements
 * @since 0.1
 */
public record ServiceGraph(List<Node> nodes, List<Edge> edges) {

    /**
     * Copies the lists.
     *
     * @param nodes the services, in installation order
     * @param edges the requirements
     */
    public ServiceGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A service.
     *
     * @param id its id
     * @param type its value type's name
     * @param state its state
     * @param mode when it starts
     * @param leaderGroup the group whose leader alone runs it, or {@code null} when every instance runs it
     */
    public record Node(String id, String type, ServiceState state, StartMode mode, @Nullable String leaderGroup) {
        /**
         * Checks the parts.
         *
         * @param id its id
         * @param type its value type's name
         * @param state its state
         * @param mode when it starts
         * @param leaderGroup the group whose leader alone runs it, or {@code null} when every instance runs it
         */
        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(mode, "mode");
        }

        /**
         * A node of a service that every instance runs.
         *
         * @param id its id
         * @param type its value type's name
         * @param state its state
         * @param mode when it starts
         */
        public Node(String id, String type, ServiceState state, StartMode mode) {
            this(id, type, state, mode, null);
        }

        /**
         * A node of an {@link StartMode#ACTIVE} service that every instance runs.
         *
         * @param id its id
         * @param type its value type's name
         * @param state its state
         */
        public Node(String id, String type, ServiceState state) {
            this(id, type, state, StartMode.ACTIVE, null);
        }

        /** How the exports label its mode: nothing for an active service. */
        String modeLabel() {
            return switch (mode) {
                case ACTIVE -> "";
                case ON_DEMAND -> "on demand";
                case NEVER -> "disabled";
            };
        }

        /** How the exports label a leader-only service: its group; nothing for one that every instance runs. */
        String leaderLabel() {
            return leaderGroup == null ? "" : "leader only: " + leaderGroup;
        }
    }

    /**
     * A requirement of {@code dependent} on {@code requirement}.
     *
     * @param requirement the id of the required service (it may not be installed)
     * @param dependent the id of the service that requires it
     * @param optional whether it is a {@code wants} ordering rather than a hard requirement
     */
    public record Edge(String requirement, String dependent, boolean optional) {
        /**
         * Checks the parts.
         *
         * @param requirement the id of the required service
         * @param dependent the id of the service that requires it
         * @param optional whether it is a {@code wants} ordering
         */
        public Edge {
            Objects.requireNonNull(requirement, "requirement");
            Objects.requireNonNull(dependent, "dependent");
        }
    }

    /**
     * The graph as a Mermaid flowchart, left to right, nodes classed by state and labelled with id, state, (unless it
     * is active) mode and, for a leader-only service, {@code leader only: <group>}, drawn with a dashed border (class
     * {@code leader}); optional edges are dotted, requirements that are not installed are drawn as MISSING.
     *
     * @return the flowchart's text, one statement a line
     */
    public String toMermaid() {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        Map<String, String> ids = new HashMap<>();
        for (Node node : nodes) {
            String id = "s" + ids.size();
            ids.put(node.id(), id);
            out.append("  ").append(id).append("[\"").append(mermaidText(node.id())).append("<br/>")
                    .append(node.state()).append(node.modeLabel().isEmpty() ? "" : "<br/>" + node.modeLabel())
                    .append(node.leaderLabel().isEmpty() ? "" : "<br/>" + mermaidText(node.leaderLabel()))
                    .append("\"]:::").append(node.state().name().toLowerCase()).append('\n');
        }
        List<String> leaderOnly = nodes.stream().filter(node -> node.leaderGroup() != null)
                .map(node -> ids.get(node.id())).toList();
        for (Edge edge : edges) {
            String from = ids.get(edge.requirement());
            if (from == null) {
                from = "s" + ids.size();
                ids.put(edge.requirement(), from);
                out.append("  ").append(from).append("[\"").append(mermaidText(edge.requirement()))
                        .append("<br/>MISSING\"]:::missing\n");
            }
            out.append("  ").append(from).append(edge.optional() ? " -.-> " : " --> ")
                    .append(ids.get(edge.dependent())).append('\n');
        }
        out.append("  classDef running fill:#c8f7c5,stroke:#2e7d32\n")
                .append("  classDef starting fill:#fff3c4,stroke:#b28704\n")
                .append("  classDef waiting fill:#fff3c4,stroke:#b28704\n")
                .append("  classDef stopping fill:#e0e0e0,stroke:#616161\n")
                .append("  classDef stopped fill:#e0e0e0,stroke:#616161\n")
                .append("  classDef installed fill:#e0e0e0,stroke:#616161\n")
                .append("  classDef failed fill:#f8c4c4,stroke:#c62828\n")
                .append("  classDef removed fill:#ffffff,stroke:#9e9e9e\n")
                .append("  classDef missing fill:#ffffff,stroke:#c62828,stroke-dasharray: 4\n");
        if (!leaderOnly.isEmpty()) {
            out.append("  classDef leader stroke-dasharray: 6 3,stroke-width:2px\n")
                    .append("  class ").append(String.join(",", leaderOnly)).append(" leader\n");
        }
        return out.toString();
    }

    /**
     * The graph in Graphviz DOT, left to right, nodes filled by state and labelled with id, state, (unless it is
     * active) mode and, for a leader-only service, {@code leader only: <group>}, drawn with a dashed, thicker border;
     * optional edges are dashed.
     *
     * @return the {@code digraph}'s text, one statement a line
     */
    public String toDot() {
        StringBuilder out = new StringBuilder("digraph services {\n  rankdir=LR;\n  node [shape=box, style=filled];\n");
        for (Node node : nodes) {
            out.append("  \"").append(escape(node.id())).append("\" [label=\"").append(escape(node.id()))
                    .append("\\n").append(node.state())
                    .append(node.modeLabel().isEmpty() ? "" : "\\n" + node.modeLabel())
                    .append(node.leaderLabel().isEmpty() ? "" : "\\n" + escape(node.leaderLabel()))
                    .append("\", fillcolor=\"").append(color(node.state()))
                    .append(node.leaderGroup() == null ? "\"" : "\", style=\"filled,dashed\", penwidth=2")
                    .append("];\n");
        }
        for (Edge edge : edges) {
            out.append("  \"").append(escape(edge.requirement())).append("\" -> \"").append(escape(edge.dependent()))
                    .append('"').append(edge.optional() ? " [style=dashed]" : "").append(";\n");
        }
        return out.append("}\n").toString();
    }

    private static String color(ServiceState state) {
        return switch (state) {
            case RUNNING -> "#c8f7c5";
            case STARTING, WAITING -> "#fff3c4";
            case FAILED -> "#f8c4c4";
            case REMOVED -> "#ffffff";
            default -> "#e0e0e0";
        };
    }

    /** Text inside a quoted Mermaid label, which has no backslash escapes, only entity codes. */
    private static String mermaidText(String text) {
        return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
