package dev.ladder.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the requested ports into the ports to use: checks every fixed one up front (so a conflict is reported
 * before anything starts, naming the variable that moves it) and picks a free port for every 0.
 */
final class Ports {

    private Ports() {
    }

    static Map<Component, Integer> resolve(Map<Component, Integer> requested) {
        List<String> problems = new ArrayList<>();
        List<Component> conflicts = new ArrayList<>();
        Map<Integer, Component> claimed = new HashMap<>();
        for (Map.Entry<Component, Integer> e : requested.entrySet()) {
            Component c = e.getKey();
            int port = e.getValue();
            if (port == 0) {
                continue;
            }
            Component other = claimed.putIfAbsent(port, c);
            if (other != null) {
                problems.add("Port " + port + " is wanted by both " + other.label() + " (" + other.portVariable()
                        + ") and " + c.label() + " (" + c.portVariable() + "). Give " + c.portVariable()
                        + " another port.");
                conflicts.add(c);
            } else if (!isFree(port)) {
                problems.add("Port " + port + " (" + c.label() + ") is already in use. Set " + c.portVariable()
                        + " to another port.");
                conflicts.add(c);
            }
        }
        if (!problems.isEmpty()) {
            throw new PortConflictException(String.join(System.lineSeparator(), problems), conflicts);
        }
        Map<Component, Integer> resolved = new EnumMap<>(Component.class);
        Set<Integer> taken = new HashSet<>(claimed.keySet());
        requested.forEach((c, port) -> resolved.put(c, port != 0 ? port : freePort(taken)));
        return resolved;
    }

    /**
     * Binding the wildcard address fails on Linux while anything listens on the port on any local address,
     * which is what we need to know (SO_REUSEADDR only lets it through connections in TIME_WAIT).
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free port not in {@code taken} (which it joins): for what has no variable of its own, e.g. a second instance. */
    static int anyFree(Set<Integer> taken) {
        return freePort(taken);
    }

    private static int freePort(Set<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                int port = socket.getLocalPort();
                if (taken.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new PlatformException("Could not find a free port: " + e.getMessage(), e);
            }
        }
        throw new PlatformException("Could not find a free port");
    }
}
