package dev.lifecycle.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Installs services into the graph and takes them out: runs {@link Service#init} (without the lock), checks types
 * and cycles, and links requirements to dependents, including requirements that are installed later.
 */
final class Installer {

    private final Engine engine;

    Installer(Engine engine) {
        this.engine = engine;
    }

    <T> ServiceHandle<T> install(ServiceDefinition<T> definition) {
        ServiceKey<T> key = definition.key();
        Controller existing = engine.services.get(key.id());
        if (existing != null) {
            checkSameType(existing, key);
            return engine.handle(key);
        }
        ServiceRegistryBuilder.Override<?> override = engine.overrides.get(key.id());
        Service<?> service;
        Map<String, Dependency> deps = new LinkedHashMap<>();
        Set<String> wants = new LinkedHashSet<>();
        if (override != null) {
            if (!key.type().isAssignableFrom(override.key().type())) {
                throw new ServiceTypeClashException("The override of '" + key.id() + "' has type "
                        + override.key().type().getName() + " but the service is installed with type "
                        + key.type().getName());
            }
            Object value = override.value();
            service = ctx -> value;
        } else {
            service = definition.service();
            definition.requires().forEach(k -> merge(deps, new Dependency(k.id(), k.type())));
            definition.dependsOn().forEach(id -> merge(deps, new Dependency(checkId(id), null)));
            definition.wants().forEach(id -> wants.add(checkId(id)));
            InitCollector init = new InitCollector(engine, key);
            try {
                service.init(init);
            } catch (Exception | LinkageError ex) {
                throw new LifecycleException("Init of service '" + key.id() + "' failed: " + ex
                        + "; nothing was installed", ex);
            } finally {
                init.close();
            }
            init.requires.forEach(d -> merge(deps, d));
            wants.addAll(init.wants);
        }
        Dependency[] depArray = deps.values().toArray(new Dependency[0]);
        String[] wantArray = wants.toArray(new String[0]);
        ServiceDefinition<T> def = definition;
        Service<?> impl = service;
        return engine.locked(batch -> {
            Controller again = engine.services.get(key.id());
            if (again != null) {
                checkSameType(again, key);
                return engine.handle(key);
            }
            Controller c = new Controller(key, impl, depArray, wantArray,
                    or(def.startTimeout(), engine.defaultStartTimeout), or(def.stopTimeout(), engine.defaultStopTimeout),
                    def.restartPolicy() != null ? def.restartPolicy() : engine.defaultPolicy,
                    override == null ? def.healthCheck() : null, def.failAfterUnhealthyChecks(), engine.nowNanos());
            checkTypes(c);
            checkCycle(c);
            link(c, batch);
            return engine.handle(key);
        });
    }

    private static void merge(Map<String, Dependency> deps, Dependency dep) {
        Dependency before = deps.get(dep.id());
        if (before == null || before.type() == null) {
            deps.put(dep.id(), dep);
        }
    }

    private static java.time.Duration or(java.time.@Nullable Duration value, java.time.Duration fallback) {
        return value != null ? value : fallback;
    }

    private static void checkSameType(Controller existing, ServiceKey<?> key) {
        if (existing.key.type() != key.type()) {
            throw new ServiceTypeClashException("Service '" + key.id() + "' is already installed with type "
                    + existing.key.type().getName() + "; it cannot be installed again with type "
                    + key.type().getName() + " (use another name, or a qualifier)");
        }
    }

    static void checkHandleType(Controller c, ServiceKey<?> key) {
        if (!new Dependency(key.id(), key.type()).acceptsType(c.key.type())) {
            throw new ServiceTypeClashException("Service '" + key.id() + "' has type " + c.key.type().getName()
                    + ", not " + key.type().getName());
        }
    }

    static String checkId(String id) {
        java.util.Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A service id must not be blank");
        }
        int colon = id.indexOf(':');
        // An id is a key's name, or its name and qualifier: a key checks the parts.
        ServiceKey.of(colon < 0 ? id : id.substring(0, colon), Object.class,
                colon < 0 ? null : id.substring(colon + 1));
        return id;
    }

    private void checkTypes(Controller c) {
        for (Dependency dep : c.deps) {
            if (dep.id().equals(c.id)) {
                throw new DependencyCycleException(List.of(c.id, c.id));
            }
            Controller r = engine.services.get(dep.id());
            if (r != null && !dep.acceptsType(r.key.type())) {
                throw new ServiceTypeClashException("Service '" + c.id + "' requires '" + dep.id() + "' as "
                        + dep.type().getName() + ", but '" + dep.id() + "' is installed with type "
                        + r.key.type().getName());
            }
        }
        List<Controller> waiters = engine.waitingFor.get(c.id);
        if (waiters != null) {
            for (Controller w : waiters) {
                for (Dependency dep : w.deps) {
                    if (dep.id().equals(c.id) && !dep.acceptsType(c.key.type())) {
                        throw new ServiceTypeClashException("Service '" + c.id + "' cannot be installed with type "
                                + c.key.type().getName() + ": '" + w.id + "' requires it as " + dep.type().getName());
                    }
                }
            }
        }
    }

    /**
     * Refuses a service that closes a cycle. A cycle through the new service needs an edge into it, so the search
     * runs only when an installed service already requires or wants its id.
     */
    private void checkCycle(Controller c) {
        if (!engine.waitingFor.containsKey(c.id) && !engine.wantedBy.containsKey(c.id) && !wantsItself(c)) {
            return;
        }
        Map<String, String> parent = new HashMap<>();
        ArrayDeque<Controller> stack = new ArrayDeque<>();
        stack.push(c);
        parent.put(c.id, "");
        while (!stack.isEmpty()) {
            Controller x = stack.pop();
            for (String next : edges(x)) {
                if (next.equals(c.id)) {
                    List<String> path = new ArrayList<>();
                    path.add(c.id);
                    for (String at = x.id; !at.equals(c.id); at = parent.get(at)) {
                        path.add(1, at);
                    }
                    path.add(c.id);
                    throw new DependencyCycleException(fromFirstInstalled(path));
                }
                Controller n = engine.services.get(next);
                if (n != null && !parent.containsKey(next)) {
                    parent.put(next, x.id);
                    stack.push(n);
                }
            }
        }
    }

    /**
     * The cycle {@code path}, which starts and ends at the service being installed, rotated to start at the service of
     * the cycle installed first: it then reads in the order the services were declared, whichever one closed it.
     */
    private List<String> fromFirstInstalled(List<String> path) {
        int first = 0;
        long firstSequence = Long.MAX_VALUE;
        for (int i = 1; i < path.size() - 1; i++) {
            Controller member = engine.services.get(path.get(i));
            if (member != null && member.sequence < firstSequence) {
                first = i;
                firstSequence = member.sequence;
            }
        }
        List<String> rotated = new ArrayList<>(path.subList(first, path.size() - 1));
        rotated.addAll(path.subList(0, first));
        rotated.add(rotated.get(0));
        return rotated;
    }

    private static boolean wantsItself(Controller c) {
        for (String w : c.wants) {
            if (w.equals(c.id)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> edges(Controller x) {
        List<String> ids = new ArrayList<>(x.deps.length + x.wants.length);
        for (Dependency d : x.deps) {
            ids.add(d.id());
        }
        for (String w : x.wants) {
            ids.add(w);
        }
        return ids;
    }

    private void link(Controller c, Batch batch) {
        for (int i = 0; i < c.deps.length; i++) {
            String id = c.deps[i].id();
            Controller r = engine.services.get(id);
            if (r != null) {
                c.resolved[i] = r;
                r.addDependent(c);
                if (r.phase == Phase.RUNNING) {
                    c.runningRequirements++;
                }
            } else {
                engine.waitingFor.computeIfAbsent(id, k -> new ArrayList<>(2)).add(c);
            }
        }
        List<Controller> waiters = engine.waitingFor.remove(c.id);
        if (waiters != null) {
            for (Controller w : waiters) {
                for (int j = 0; j < w.deps.length; j++) {
                    if (w.resolved[j] == null && w.deps[j].id().equals(c.id)) {
                        w.resolved[j] = c;
                        c.addDependent(w);
                    }
                }
                batch.evaluate(w);
            }
        }
        for (String w : c.wants) {
            engine.wantedBy.computeIfAbsent(w, k -> new ArrayList<>(2)).add(c);
        }
        c.sequence = engine.installSequence++;
        engine.services.put(c.id, c);
        if (c.healthCheck != null) {
            engine.hasHealthChecks = true;
            engine.scheduleHealthChecks();
        }
        List<CompletableFuture<@Nullable Object>> awaiters = engine.pendingAwaiters.remove(c.id);
        if (awaiters != null) {
            awaiters.forEach(f -> engine.machine.addAwaiter(c, f, batch));
        }
        batch.evaluate(c);
    }

    /** Takes a removed service out of the graph; its dependents now wait for the id to be installed again. */
    void unlink(Controller c, Batch batch) {
        engine.services.remove(c.id, c);
        for (int i = 0; i < c.deps.length; i++) {
            Controller r = c.resolved[i];
            if (r != null) {
                r.removeDependent(c);
                c.resolved[i] = null;
            } else {
                List<Controller> list = engine.waitingFor.get(c.deps[i].id());
                if (list != null) {
                    list.remove(c);
                    if (list.isEmpty()) {
                        engine.waitingFor.remove(c.deps[i].id());
                    }
                }
            }
        }
        for (int i = 0; i < c.dependentCount; i++) {
            Controller d = c.dependents[i];
            for (int j = 0; j < d.deps.length; j++) {
                if (d.resolved[j] == c) {
                    d.resolved[j] = null;
                    List<Controller> list = engine.waitingFor.computeIfAbsent(c.id, k -> new ArrayList<>(2));
                    if (!list.contains(d)) {
                        list.add(d);
                    }
                }
            }
            batch.evaluate(d);
        }
        c.dependents = new Controller[0];
        c.dependentCount = 0;
        for (String w : c.wants) {
            List<Controller> list = engine.wantedBy.get(w);
            if (list != null) {
                list.remove(c);
                if (list.isEmpty()) {
                    engine.wantedBy.remove(w);
                }
            }
        }
    }

    /** At the first start: every requirement must be installed. */
    void checkNothingMissing() {
        if (engine.started || engine.waitingFor.isEmpty()) {
            return;
        }
        Map<String, List<String>> missing = new java.util.TreeMap<>();
        engine.waitingFor.forEach((id, waiters) -> {
            List<String> who = new ArrayList<>();
            waiters.forEach(w -> who.add(w.id));
            who.sort(null);
            missing.put(id, who);
        });
        throw new MissingDependencyException(missing);
    }
}
