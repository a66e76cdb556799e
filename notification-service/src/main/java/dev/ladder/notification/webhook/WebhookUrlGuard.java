package dev.ladder.notification.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps webhook requests away from Ladder's own network (SSRF): a URL must be absolute {@code http(s)} without
 * user-info, and — unless private networks are allowed (tests, the devstack) — its host must resolve only to public
 * addresses. Checked at registration and again before every request, since DNS may change in between.
 * <p>
 * Refused: loopback, link-local, site-local (10/8, 172.16/12, 192.168/16, fec0::/10), the any-local and "this
 * network" addresses (0/8), multicast, broadcast, shared address space (100.64/10) and unique-local IPv6 (fc00::/7),
 * also when embedded in an IPv4-mapped, -compatible or NAT64 IPv6 address. The JDK's HTTP client resolves the host
 * again when it connects, so a DNS answer that changes within that moment is not caught (the check narrows the window,
 * it cannot pin the address).
 */
public final class WebhookUrlGuard {

    public static final int MAX_LENGTH = 2000;

    /** Resolves a host name to every address it has. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a URL cannot be used; {@code temporary} when it may work later (DNS did not answer). */
    public record Refusal(String reason, boolean temporary) {
    }

    private final boolean allowPrivateNetworks;
    private final Resolver resolver;

    public WebhookUrlGuard(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, InetAddress::getAllByName);
    }

    public WebhookUrlGuard(boolean allowPrivateNetworks, Resolver resolver) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.resolver = resolver;
    }

    /** At registration: what is wrong with {@code url}, if anything (a host that does not resolve is wrong too). */
    public Optional<String> problem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (url.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        Optional<String> syntax = syntaxProblem(uri);
        if (syntax.isPresent()) {
            return syntax;
        }
        return refusal(uri).map(Refusal::reason);
    }

    /** Before a request: whether the host may be contacted now. */
    public Optional<Refusal> refusal(URI uri) {
        Optional<String> syntax = syntaxProblem(uri);
        if (syntax.isPresent()) {
            return Optional.of(new Refusal("URL " + syntax.get(), false));
        }
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host(uri));
        } catch (UnknownHostException e) {
            return Optional.of(new Refusal("host does not resolve", true));
        }
        if (addresses.length == 0) {
            return Optional.of(new Refusal("host does not resolve", true));
        }
        return Arrays.stream(addresses).filter(WebhookUrlGuard::isPrivate).findFirst()
                .map(a -> new Refusal("host resolves to a private or local address, which webhooks may not reach",
                        false));
    }

    private static Optional<String> syntaxProblem(URI uri) {
        if (!uri.isAbsolute() || uri.getScheme() == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain a user name or password");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of("must name a valid host");
        }
        return Optional.empty();
    }

    /** The host without the brackets of an IPv6 literal. */
    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether a request to {@code address} would reach this machine or a private network. */
    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network", 0.0.0.0/8
                    || first == 127                             // loopback (all of 127/8)
                    || first == 100 && (second & 0xc0) == 64     // shared address space, 100.64.0.0/10
                    || first == 255 && (b[1] & b[2] & b[3] & 0xff) == 0xff; // broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;                                    // unique local, fc00::/7
            }
            byte[] embedded = embeddedIpv4(b);
            if (embedded != null) {
                try {
                    return isPrivate(InetAddress.getByAddress(embedded));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible (::a.b.c.d) or NAT64 (64:ff9b::/96) one. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean zeros = true;
        for (int i = 0; i < 10; i++) {
            zeros &= b[i] == 0;
        }
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeros && b[10] == 0 && b[11] == 0;
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        return mapped || compatible || nat64 ? Arrays.copyOfRange(b, 12, 16) : null;
    }
}
