package dev.lifecycle.core.internal;

import dev.lifecycle.core.DependencyCycleException;
import dev.lifecycle.core.LifecycleException;
import dev.lifecycle.core.MissingDependencyException;
import dev.lifecycle.core.Service;
import dev.lifecycle.core.ServiceDefinition;
import dev.lifecycle.core.ServiceHandle;
import dev.lifecycle.core.ServiceInterceptor;
import dev.lifecycle.core.ServiceKey;
import dev.lifecycle.core.ServiceRegistry;
import dev.lifecycle.core.ServiceTypeClashException;
import dev.lifecycle.core.StartMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
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
        ServiceKey<T> key = Checks.notNull(definition, "ServiceRegistry.install(definition)", "definition").key();
        String id = key.id();
        engine.lookup.checkOpen("install", id);
        ServiceRecord existing = engine.state.services.get(id);
        if (existing != null) {
            return existing(existing, key);
        }
        ServiceRecord c = prepare(definition, engine.clock.nowNanos());
        return engine.loop.locked(change -> link(c, key, change));
    }

    /**
     * Installs {@code definitions} in order, as {@link #install} would one after the other, in one change: every init
     * runs first (without the lock), then the services are checked and linked under the lock, taken once. The first
     * one refused ends it: those before it stay installed, its exception is thrown, and nothing after it is installed
     * (their inits may have run).
     */
    List<ServiceHandle<?>> installAll(List<? extends ServiceDefinition<?>> definitions) {
        Checks.notNull(definitions, "ServiceRegistry.installAll(definitions)", "definitions");
        int size = definitions.size();
        // Each service's record, or null for a key installed already (by an earlier call, or earlier in this list).
        ServiceRecord[] records = new ServiceRecord[size];
        ServiceKey<?>[] keys = new ServiceKey<?>[size];
        ServiceHandle<?>[] handles = new ServiceHandle<?>[size];
        Set<String> ids = new HashSet<>(size * 4 / 3 + 1);
        long now = engine.clock.nowNanos();
        int prepared = 0;
        RuntimeException refused = null;
        for (; prepared < size; prepared++) {
            try {
                ServiceDefinition<?> definition = Checks.notNull(definitions.get(prepared),
                        "ServiceRegistry.installAll(definitions)", "a definition");
                ServiceKey<?> key = definition.key();
                engine.lookup.checkOpen("install", key.id());
                keys[prepared] = key;
                ServiceRecord existing = engine.state.services.get(key.id());
                if (existing != null) {
                    handles[prepared] = existing(existing, key);
                } else if (ids.add(key.id())) {
                    records[prepared] = prepare(definition, now);
                }
            } catch (RuntimeException ex) {
                refused = ex;
                break;
            }
        }
        int linkable = prepared;
        if (linkable > 0) {
            engine.loop.lockedRun(change -> {
                for (int i = 0; i < linkable; i++) {
                    if (handles[i] != null) {
                        continue;
                    }
                    ServiceRecord c = records[i];
                    ServiceKey<?> key = keys[i];
                    if (c == null) {
                        // Installed earlier in this list.
                        engine.lookup.checkOpen("install", key.id());
                        handles[i] = existing(engine.state.services.get(key.id()), key);
                    } else {
                        handles[i] = link(c, key, change);
                    }
                }
            });
        }
        if (refused != null) {
            throw refused;
        }
        return Collections.unmodifiableList(Arrays.asList(handles));
    }

    /**
     * The record of a service about to be installed: its init has run (without the lock), its requirements are
     * collected; nothing of it is linked yet.
     *
     * @throws LifecycleException if its init throws
     */
    private <T> ServiceRecord prepare(ServiceDefinition<T> definition, long now) {
        ServiceKey<T> key = definition.key();
        String id = key.id();
        ValueOverride<?> override = engine.overrides.get(id);
        Service<?> service;
        Requirements requirements = new Requirements();
        String[] wants;
        if (override != null) {
            if (!key.type().isAssignableFrom(override.key().type())) {
                throw new ServiceTypeClashException("The override of '" + id + "' has type "
                        + override.key().type().getName() + " but the service is installed with type "
                        + key.type().getName());
            }
            Object value = override.value();
            service = ctx -> value;
            wants = ServiceRecord.NO_IDS;
        } else {
            service = intercepted(key, definition.service());
            for (ServiceKey<?> required : definition.requires()) {
                requirements.add(required.id(), required.type());
            }
            for (String dependsOn : definition.dependsOn()) {
                // Checked when it resolves to no installed service (see resolve): an installed id is valid.
                requirements.add(dependsOn, null);
            }
            InitCollector init = new InitCollector(engine, key, requirements);
            for (String wanted : definition.wants()) {
                init.want(ServiceIds.checkId(wanted, "ServiceDefinition.Builder.wants(ids)"));
            }
            try {
                service.init(init);
            } catch (Exception | LinkageError ex) {
                throw new LifecycleException("Init of service '" + id + "' failed: " + ex
                        + "; nothing was installed", ex);
            } finally {
                init.close();
            }
            wants = init.wanted();
        }
        return new ServiceRecord(key, id, service, requirements.ids(), requirements.types(), wants,
                engine.defaultSettings.with(definition, override != null), now);
    }

    /** Checks {@code c} and links it into the graph, under the lock; the handle, or the existing service's. */
    private <T> ServiceHandle<T> link(ServiceRecord c, ServiceKey<T> key, Change change) {
        engine.lookup.checkOpen("install", c.id);
        ServiceRecord again = engine.state.services.get(c.id);
        if (again != null) {
            return existing(again, key);
        }
        resolve(c);
        checkCycle(c);
        link(c, change);
        return new LiveHandle<>(engine, key);
    }

    /** {@code service} wrapped by the registry's interceptors, in the order they were added. */
    private <T> Service<T> intercepted(ServiceKey<T> key, Service<T> service) {
        Service<T> wrapped = service;
        for (ServiceInterceptor interceptor : engine.interceptors) {
            wrapped = Checks.notNull(interceptor.intercept(key, wrapped), "ServiceInterceptor.intercept(key, service)",
                    "its result");
        }
        return wrapped;
    }

    /** Installing a key that is installed already: its handle, if the types agree and it is not being removed. */
    private <T> ServiceHandle<T> existing(ServiceRecord existing, ServiceKey<T> key) {
        checkSameType(existing, key);
        if (existing.removing) {
            throw new IllegalStateException("Cannot install('" + key.id() + "'): the service installed with that id is "
                    + "being removed; install it again once its remove() future completes");
        }
        return new LiveHandle<>(engine, key);
    }

    private static void checkSameType(ServiceRecord existing, ServiceKey<?> key) {
        if (existing.key.type() != key.type()) {
            throw new ServiceTypeClashException("Service '" + key.id() + "' is already installed with type "
                    + existing.key.type().getName() + "; it cannot be installed again with type "
                    + key.type().getName() + " (use another name, or a qualifier)");
        }
    }

    static void checkHandleType(ServiceRecord c, ServiceKey<?> key) {
        if (!Requirements.accepts(key.type(), c.key.type())) {
            throw new ServiceTypeClashException("Service '" + key.id() + "' has type " + c.key.type().getName()
                    + ", not " + key.type().getName());
        }
    }

    /**
     * Finds the installed requirements of {@code c} (not linked yet) and checks the types: of what it requires, and of
     * what it is to the services already waiting for it. Changes nothing the registry can see.
     */
    private void resolve(ServiceRecord c) {
        int ownHash = c.id.hashCode();
        for (int i = 0; i < c.requirementCount(); i++) {
            String id = c.requirementId(i);
            if (Requirements.sameId(id, c.id, ownHash)) {
                throw new DependencyCycleException(List.of(c.id, c.id));
            }
            ServiceRecord r = engine.state.services.get(id);
            if (r == null) {
                ServiceIds.checkId(id, "ServiceDefinition.Builder.dependsOn(ids)");
            }
            Class<?> type = c.requiredType(i);
            if (r != null && type != null && !Requirements.accepts(type, r.key.type())) {
                throw new ServiceTypeClashException("Service '" + c.id + "' requires '" + id + "' as "
                        + type.getName() + ", but '" + id + "' is installed with type " + r.key.type().getName());
            }
            if (r != null) {
                c.resolve(i, r);
            }
        }
        List<ServiceRecord> waiters = engine.state.waitingFor.get(c.id);
        if (waiters != null) {
            for (ServiceRecord w : waiters) {
                for (int j = 0; j < w.requirementCount(); j++) {
                    Class<?> type = w.requiredType(j);
                    if (w.requirementId(j).equals(c.id) && !Requirements.accepts(type, c.key.type())) {
                        throw new ServiceTypeClashException("Service '" + c.id + "' cannot be installed with type "
                                + c.key.type().getName() + ": '" + w.id + "' requires it as " + type.getName());
                    }
                }
            }
        }
    }

    /**
     * Refuses a service that closes a cycle. A cycle through the new service needs an edge into it, so the search
     * runs only when an installed service already requires or wants its id.
     */
    private void checkCycle(ServiceRecord c) {
        if (!engine.state.waitingFor.containsKey(c.id) && !engine.state.wantedBy.containsKey(c.id) && !wantsItself(c)) {
            return;
        }
        Map<String, String> parent = new HashMap<>();
        // The services reached through a 'wants' of their parent.
        java.util.Set<String> wanted = new java.util.HashSet<>();
        ArrayDeque<ServiceRecord> stack = new ArrayDeque<>();
        stack.push(c);
        parent.put(c.id, "");
        while (!stack.isEmpty()) {
            ServiceRecord x = stack.pop();
            List<String> edges = edges(x);
            for (int i = 0; i < edges.size(); i++) {
                String next = edges.get(i);
                boolean viaWants = i >= x.requirementCount();
                if (next.equals(c.id)) {
                    List<String> path = new ArrayList<>();
                    path.add(c.id);
                    boolean throughWants = viaWants;
                    for (String at = x.id; !at.equals(c.id); at = parent.get(at)) {
                        path.add(1, at);
                        throughWants |= wanted.contains(at);
                    }
                    path.add(c.id);
                    throw new DependencyCycleException(fromFirstInstalled(path), throughWants);
                }
                ServiceRecord n = engine.state.services.get(next);
                if (n != null && !parent.containsKey(next)) {
                    parent.put(next, x.id);
                    if (viaWants) {
                        wanted.add(next);
                    }
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
        int firstSequence = Integer.MAX_VALUE;
        for (int i = 1; i < path.size() - 1; i++) {
            ServiceRecord member = engine.state.services.get(path.get(i));
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

    private static boolean wantsItself(ServiceRecord c) {
        for (String w : c.wants) {
            if (w.equals(c.id)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> edges(ServiceRecord x) {
        List<String> ids = new ArrayList<>(x.requirementCount() + x.wants.length);
        for (int i = 0; i < x.requirementCount(); i++) {
            ids.add(x.requirementId(i));
        }
        for (String w : x.wants) {
            ids.add(w);
        }
        return ids;
    }

    /** Links {@code c}, whose installed requirements {@link #resolve} found, into the graph. */
    private void link(ServiceRecord c, Change change) {
        ServiceSlots slots = engine.state.slots;
        slots.add(c);
        for (int i = 0; i < c.requirementCount(); i++) {
            ServiceRecord r = c.requirement(i);
            if (r != null) {
                r.addDependent(c);
                if (r.phase() == Phase.RUNNING) {
                    slots.requirementUp(c.slot);
                }
            } else {
                engine.state.waitingFor.computeIfAbsent(c.requirementId(i), k -> new ArrayList<>(2)).add(c);
            }
        }
        List<ServiceRecord> waiters = engine.state.waitingFor.remove(c.id);
        if (waiters != null) {
            for (ServiceRecord w : waiters) {
                for (int j = 0; j < w.requirementCount(); j++) {
                    if (w.requirement(j) == null && w.requirementId(j).equals(c.id)) {
                        w.resolve(j, c);
                        c.addDependent(w);
                    }
                }
                change.evaluate(w);
            }
        }
        for (String w : c.wants) {
            engine.state.wantedBy.computeIfAbsent(w, k -> new ArrayList<>(2)).add(c);
        }
        c.sequence = engine.state.installSequence++;
        engine.state.services.add(c);
        engine.state.addInstalled(c);
        engine.state.removedIds.remove(c.id);
        if (c.settings.mode == StartMode.ON_DEMAND) {
            engine.state.hasOnDemand = true;
        }
        engine.leadership.installed(c);
        if (c.settings.healthCheck != null) {
            engine.state.hasHealthChecks = true;
            engine.health.schedule(change);
        }
        List<CompletableFuture<@Nullable Object>> awaiters = engine.state.pendingAwaiters.remove(c.id);
        if (awaiters != null) {
            awaiters.forEach(f -> engine.progress.addAwaiter(c, f, change));
        }
        change.evaluate(c);
    }

    /** Takes a removed service out of the graph; its dependents now wait for the id to be installed again. */
    void unlink(ServiceRecord c, Change change) {
        // Its on-demand requirements lose a dependent that may have needed them.
        engine.demand.demandChanged(c, change);
        engine.state.services.remove(c);
        engine.state.removeInstalled(c);
        engine.leadership.removed(c);
        for (int i = 0; i < c.requirementCount(); i++) {
            ServiceRecord r = c.requirement(i);
            if (r != null) {
                r.removeDependent(c);
                c.unresolve(i);
            } else {
                String id = c.requirementId(i);
                List<ServiceRecord> list = engine.state.waitingFor.get(id);
                if (list != null) {
                    list.remove(c);
                    if (list.isEmpty()) {
                        engine.state.waitingFor.remove(id);
                    }
                }
            }
        }
        for (int i = 0; i < c.dependentCount; i++) {
            ServiceRecord d = c.dependent(i, engine.state.slots);
            for (int j = 0; j < d.requirementCount(); j++) {
                if (d.requirement(j) == c) {
                    d.unresolve(j);
                    List<ServiceRecord> list = engine.state.waitingFor.computeIfAbsent(c.id, k -> new ArrayList<>(2));
                    if (!list.contains(d)) {
                        list.add(d);
                    }
                }
            }
            change.evaluate(d);
        }
        c.clearDependents();
        engine.state.slots.release(c);
        for (String w : c.wants) {
            List<ServiceRecord> list = engine.state.wantedBy.get(w);
            if (list != null) {
                list.remove(c);
                if (list.isEmpty()) {
                    engine.state.wantedBy.remove(w);
                }
            }
        }
    }

    /** At the first start: every requirement must be installed. */
    void checkNothingMissing() {
        if (engine.state.started || engine.state.waitingFor.isEmpty()) {
            return;
        }
        Map<String, List<String>> missing = new java.util.TreeMap<>();
        engine.state.waitingFor.forEach((id, waiters) -> {
            List<String> who = new ArrayList<>();
            waiters.forEach(w -> who.add(w.id));
            who.sort(null);
            missing.put(id, who);
        });
        throw new MissingDependencyException(missing, engine.state.installedIds());
    }
}
