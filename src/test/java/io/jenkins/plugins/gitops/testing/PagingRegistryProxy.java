package io.jenkins.plugins.gitops.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forwards the distribution API to a registry and pages its tag lists at most {@code pageSize} tags a page, with
 * a relative {@code Link: <...?last=TAG&n=N>; rel="next"} header, as Docker Hub, GHCR and distribution v3 do.
 * Debian's docker-registry (distribution 2.8) returns every tag in one answer whatever {@code n} asks for.
 * Optionally it also redirects blob downloads to a "storage" server of its own on another port, as registries
 * redirect to S3 or a CDN with a presigned URL; the storage server serves them from an anonymous registry and
 * counts the requests that came with an {@code Authorization} header.
 */
public final class PagingRegistryProxy implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpServer storage;
    private final AtomicInteger tagPages = new AtomicInteger();
    private final AtomicInteger blobsServed = new AtomicInteger();
    private final AtomicInteger authorizedBlobRequests = new AtomicInteger();

    private PagingRegistryProxy(HttpServer server, HttpServer storage) {
        this.server = server;
        this.storage = storage;
    }

    public static PagingRegistryProxy start(String upstream, int pageSize) {
        return start(upstream, pageSize, null);
    }

    /** @param blobsFrom an anonymous registry to serve redirected blobs from; {@code null} to forward blobs too */
    public static PagingRegistryProxy start(String upstream, int pageSize, String blobsFrom) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpServer storage = blobsFrom == null ? null : HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            PagingRegistryProxy proxy = new PagingRegistryProxy(server, storage);
            server.createContext("/", exchange -> proxy.forward(exchange, http, upstream, pageSize));
            server.start();
            if (storage != null) {
                storage.createContext("/", exchange -> proxy.serveBlob(exchange, http, blobsFrom));
                storage.start();
            }
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serveBlob(HttpExchange exchange, HttpClient http, String blobsFrom) throws IOException {
        try (exchange) {
            if (exchange.getRequestHeaders().containsKey("Authorization")) {
                authorizedBlobRequests.incrementAndGet();
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            HttpResponse<byte[]> blob = http.send(HttpRequest.newBuilder(URI.create(blobsFrom + exchange.getRequestURI().getRawPath()))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            blobsServed.incrementAndGet();
            exchange.sendResponseHeaders(blob.statusCode(), blob.body().length == 0 ? -1 : blob.body().length);
            exchange.getResponseBody().write(blob.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private void forward(HttpExchange exchange, HttpClient http, String upstream, int pageSize) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            if (storage != null && uri.getPath().contains("/blobs/sha256:")
                    && exchange.getRequestHeaders().containsKey("Authorization")) {
                exchange.getResponseHeaders().add("Location",
                        "http://127.0.0.1:" + storage.getAddress().getPort() + uri.getRawPath() + "?X-Signature=presigned");
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            boolean tagList = uri.getPath().endsWith("/tags/list");
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + uri.getRawPath()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.noBody());
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Accept") || name.equalsIgnoreCase("Authorization")) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("date") && !name.equals(":status")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            if (tagList && response.statusCode() == 200) {
                tagPages.incrementAndGet();
                body = page(exchange, uri, body, pageSize);
            }
            boolean head = exchange.getRequestMethod().equals("HEAD");
            String length = response.headers().firstValue("Content-Length").orElse(Integer.toString(body.length));
            if (head) {
                exchange.getResponseHeaders().set("Content-Length", length);
            }
            exchange.sendResponseHeaders(response.statusCode(), head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static byte[] page(HttpExchange exchange, URI uri, byte[] body, int pageSize) throws IOException {
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        int n = Math.min(pageSize, query.containsKey("n") ? Integer.parseInt(query.get("n")) : pageSize);
        String last = query.getOrDefault("last", "");
        ObjectNode list = (ObjectNode) JSON.readTree(body);
        List<String> tags = new ArrayList<>();
        list.path("tags").forEach(tag -> tags.add(tag.asText()));
        tags.sort(null);
        List<String> rest = tags.stream().filter(tag -> tag.compareTo(last) > 0).toList();
        List<String> page = rest.subList(0, Math.min(n, rest.size()));
        list.set("tags", JSON.valueToTree(page));
        exchange.getResponseHeaders().remove("Link");
        if (rest.size() > page.size()) {
            exchange.getResponseHeaders().add("Link", "<" + uri.getRawPath() + "?last="
                    + URLEncoder.encode(page.get(page.size() - 1), StandardCharsets.UTF_8) + "&n=" + n + ">; rel=\"next\"");
        }
        return JSON.writeValueAsBytes(list);
    }

    /** {@code 127.0.0.1:<port>}, the registry part of image references. */
    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many tag-list pages were served. */
    public int tagPages() {
        return tagPages.get();
    }

    /** How many redirected blobs the storage server served. */
    public int blobsServed() {
        return blobsServed.get();
    }

    /** How many requests reached the storage server with an {@code Authorization} header (and were refused). */
    public int authorizedBlobRequests() {
        return authorizedBlobRequests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        if (storage != null) {
            storage.stop(0);
        }
    }
}
