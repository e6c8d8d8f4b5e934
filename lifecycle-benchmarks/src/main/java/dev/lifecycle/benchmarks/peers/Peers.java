package dev.lifecycle.benchmarks.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every peer the harness knows, in the order tables list them. */
public final class Peers {

    private static final List<Peer> ALL = List.of(new LifecyclePeer(), new FloorPeer(), new ByNameFloorPeer(),
            new MscPeer(), new SpringPeer(false), new SpringPeer(true), new GuavaPeer());

    private Peers() {
    }

    /** Every peer. */
    public static List<Peer> all() {
        return ALL;
    }

    /** The peer with this id. */
    public static Peer byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Peer peer : ALL) {
            if (peer.id().equals(wanted)) {
                return peer;
            }
        }
        throw new IllegalArgumentException("Unknown peer '" + id + "': use one of " + ids(ALL));
    }

    /** The peers named in a comma-separated list, in the order of {@link #all()}. */
    public static List<Peer> parse(String commaSeparated) {
        List<Peer> wanted = new ArrayList<>();
        for (String id : commaSeparated.split(",")) {
            if (!id.isBlank()) {
                wanted.add(byId(id));
            }
        }
        return ALL.stream().filter(wanted::contains).toList();
    }

    /** The ids of {@code peers}, comma-separated. */
    public static String ids(List<Peer> peers) {
        return peers.stream().map(Peer::id).collect(Collectors.joining(","));
    }
}
