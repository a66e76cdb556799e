package dev.ladder.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The {@code --ha} devstack's load-balancing front: one address (a service's or the portal's usual port) over the
 * instances behind it, as a Kubernetes Service (or any TCP load balancer) spreads connections over ready pods. Each
 * new connection goes to the next instance whose readiness probe ({@code /actuator/health/readiness}, every
 * {@link #PROBE_INTERVAL}) last answered UP; an instance that refuses a connection is taken out at once and the next
 * one is tried, so a killed instance costs only the requests that were in flight on it.
 * <p>
 * Why a TCP front and not the gateway's own load balancer over instance lists: the services and the gateway keep the
 * one-URL-per-service configuration they have in production (a Kubernetes Service, a cloud load balancer), the
 * front needs nothing from them, and the two gateways need a front anyway. It forwards bytes only (HTTP keep-alive,
 * server-sent events and WebSockets pass through unchanged; the Host header stays the portal's address).
 */
final class Front implements AutoCloseable {

    static final Duration PROBE_INTERVAL = Duration.ofMillis(500);
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final HttpClient PROBE = HttpClient.newBuilder()
            .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MS)).build();

    private final String name;
    private final ServerSocket server;
    private final List<Integer> backends;
    /** 1 while the instance's last probe was UP (or it took the last connection), 0 otherwise. */
    private final AtomicIntegerArray ready;
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService pumps = Executors.newCachedThreadPool(daemon("pump"));
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(daemon("probe"));
    private volatile boolean closed;

    private Front(String name, ServerSocket server, List<Integer> backends) {
        this.name = name;
        this.server = server;
        this.backends = List.copyOf(backends);
        this.ready = new AtomicIntegerArray(backends.size());
    }

    /** Listens on {@code port} (every address, as the services themselves do) in front of the instances on {@code backends}. */
    static Front start(String name, int port, List<Integer> backends) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(port), 512);
        } catch (IOException e) {
            throw new PlatformException("The front of " + name + " could not listen on port " + port + ": "
                    + e.getMessage(), e);
        }
        Front front = new Front(name, server, backends);
        front.prober.scheduleWithFixedDelay(front::probeAll, 0, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        Thread acceptor = new Thread(front::acceptLoop, "front-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
        return front;
    }

    int port() {
        return server.getLocalPort();
    }

    List<Integer> backends() {
        return backends;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[devstack] front of " + name + ": " + e.getMessage());
                }
                continue;
            }
            pumps.execute(() -> connect(client));
        }
    }

    /** The next ready instance, round robin; if none is known ready (yet), every instance in turn. */
    private void connect(Socket client) {
        int n = backends.size();
        int start = Math.floorMod(next.getAndIncrement(), n);
        for (boolean readyOnly : new boolean[] {true, false}) {
            for (int i = 0; i < n; i++) {
                int b = (start + i) % n;
                if (readyOnly && ready.get(b) == 0) {
                    continue;
                }
                Socket backend = new Socket();
                try {
                    backend.setTcpNoDelay(true);
                    backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backends.get(b)),
                            CONNECT_TIMEOUT_MS);
                } catch (IOException refused) {
                    ready.set(b, 0); // killed or not yet listening: out until its probe answers UP again
                    closeQuietly(backend);
                    continue;
                }
                pipe(client, backend);
                return;
            }
        }
        closeQuietly(client); // no instance is listening: the caller sees the connection close, as with a dead port
    }

    private void pipe(Socket client, Socket backend) {
        try {
            client.setTcpNoDelay(true);
        } catch (IOException ignored) {
            // the client has gone already; the copy below ends at once
        }
        AtomicInteger open = new AtomicInteger(2);
        Runnable done = () -> {
            if (open.decrementAndGet() == 0) {
                closeQuietly(client);
                closeQuietly(backend);
            }
        };
        pumps.execute(() -> copy(backend, client, done));
        copy(client, backend, done);
    }

    /** Copies until end of stream, then half-closes the other side; an error closes both. */
    private static void copy(Socket from, Socket to, Runnable done) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a reset on either side (a killed instance, a client gone): nothing to keep open
            closeQuietly(from);
            closeQuietly(to);
        } finally {
            done.run();
        }
    }

    private void probeAll() {
        for (int b = 0; b < backends.size(); b++) {
            HttpRequest probe = HttpRequest.newBuilder(URI.create("http://localhost:" + backends.get(b)
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).GET().build();
            boolean up;
            try {
                HttpResponse<String> response = PROBE.send(probe, HttpResponse.BodyHandlers.ofString());
                up = response.statusCode() == 200 && response.body().contains("\"UP\"");
            } catch (IOException e) {
                up = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            ready.set(b, up ? 1 : 0);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was left to do
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String what) {
        return task -> {
            Thread thread = new Thread(task, "front-" + what);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // the accept loop ends either way
        }
        prober.shutdownNow();
        pumps.shutdownNow();
    }
}
