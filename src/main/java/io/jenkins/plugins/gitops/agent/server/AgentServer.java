package io.jenkins.plugins.gitops.agent.server;

import io.jenkins.plugins.gitops.agent.loop.AgentLog;
import io.jenkins.plugins.gitops.agent.loop.Leadership;
import io.jenkins.plugins.gitops.agent.loop.ReconcileLoop;
import io.jenkins.plugins.gitops.agent.loop.ReconcileSnapshot;
import io.jenkins.plugins.gitops.report.ReportHeaders;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agent's small HTTP server:
 * <ul>
 *   <li>{@code GET /healthz}: 200 while the process is alive and the loop is not wedged, else 503;
 *   <li>{@code GET /readyz}: 200 once the leader has applied a revision completely (a follower is
 *       ready at once: it serves health and stands by), else 503 with the reason;
 *   <li>{@code GET /metrics}: {@link Metrics} in the Prometheus text format;
 *   <li>{@code POST /hooks/git}, when a hook secret is configured: a signed push notification
 *       ({@link GitHookVerifier}) starts a round at once; 202 on accept, 400/401/413 otherwise.
 * </ul>
 *
 * <p>Netty rather than the JDK's {@code HttpServer}: that one reads a request's headers and body on a
 * thread of its executor, so as many slow clients as it has threads stop the liveness probe, and its
 * only time limit ({@code sun.net.httpserver.maxReqTime}) is a JVM-wide property that closes without
 * an answer. Here requests are read without blocking, so a slow client holds a connection and no
 * thread, and {@link RequestDeadline} cuts it off with 408. The handlers only read state the loop
 * publishes and never wait, so they run on the I/O threads.
 */
public final class AgentServer implements AutoCloseable {

    /** The server's threads; since nothing blocks them, any number of clients share them. */
    static final int THREADS = 2;
    /** From a connection's opening, or its last answer, until the request's headers are in. */
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    /** From the headers until the whole body is in; a hook's body is at most 64 KiB. */
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(10);

    private static final int MAX_REQUEST_LINE = 4096;
    private static final int MAX_HEADER_BYTES = 8192;
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final EventLoopGroup threads;
    private final Channel channel;

    private AgentServer(EventLoopGroup threads, Channel channel) {
        this.threads = threads;
        this.channel = channel;
    }

    /** Binds {@code address} (port 0 picks a free one) and serves until closed. */
    public static AgentServer start(InetSocketAddress address, ReconcileLoop loop, Leadership leadership, Metrics metrics,
            Optional<GitHookVerifier> hook, AgentLog log) throws IOException {
        Routes routes = new Routes(loop, leadership, metrics, hook, log);
        EventLoopGroup threads = new NioEventLoopGroup(THREADS, new DefaultThreadFactory("gitops-http", true));
        ChannelFuture bound = new ServerBootstrap()
                .group(threads)
                .channel(NioServerSocketChannel.class)
                // A few small requests at a time: pooled arenas would hold MiB of buffers for nothing.
                .option(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                .childOption(ChannelOption.ALLOCATOR, UnpooledByteBufAllocator.DEFAULT)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel connection) {
                        connection.pipeline().addLast(
                                new HttpServerCodec(MAX_REQUEST_LINE, MAX_HEADER_BYTES, MAX_HEADER_BYTES),
                                new RequestDeadline(HEADER_TIMEOUT, BODY_TIMEOUT),
                                new BodyLimit(GitHookVerifier.MAX_BODY_BYTES),
                                routes);
                    }
                })
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            threads.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw new IOException("cannot serve HTTP on " + address + ": " + bound.cause().getMessage(), bound.cause());
        }
        return new AgentServer(threads, bound.channel());
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        threads.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    static FullHttpResponse text(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        return response;
    }

    /** Answers {@code response} and closes the connection. */
    static void answerAndClose(ChannelHandlerContext context, FullHttpResponse response) {
        HttpUtil.setKeepAlive(response, false);
        context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** A body over the limit is answered 413 as soon as it is seen and the connection closed, the rest unread. */
    private static final class BodyLimit extends HttpObjectAggregator {

        BodyLimit(int maxBytes) {
            super(maxBytes);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext context, HttpMessage oversized) {
            answerAndClose(context, text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TEXT,
                    "body over " + maxContentLength() + " bytes\n"));
        }
    }

    @ChannelHandler.Sharable
    private static final class Routes extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final ReconcileLoop loop;
        private final Leadership leadership;
        private final Metrics metrics;
        private final Optional<GitHookVerifier> hook;
        private final AgentLog log;

        Routes(ReconcileLoop loop, Leadership leadership, Metrics metrics, Optional<GitHookVerifier> hook, AgentLog log) {
            this.loop = loop;
            this.leadership = leadership;
            this.metrics = metrics;
            this.hook = hook;
            this.log = log;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                answerAndClose(context, text(HttpResponseStatus.BAD_REQUEST, TEXT, "not an HTTP/1.1 request\n"));
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            FullHttpResponse response;
            try {
                response = answer(path, request);
            } catch (RuntimeException e) {
                log.error("http_failed", "path", path, "error", e.getClass().getSimpleName());
                response = text(HttpResponseStatus.INTERNAL_SERVER_ERROR, TEXT, "internal error\n");
            }
            response.setProtocolVersion(request.protocolVersion());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            ChannelFuture written = context.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** A client that went away or reset; nothing to answer. */
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            if (!(cause instanceof IOException)) {
                log.error("http_failed", "error", cause.getClass().getSimpleName());
            }
            context.close();
        }

        private FullHttpResponse answer(String path, FullHttpRequest request) {
            return switch (path) {
                case "/healthz" -> get(request).orElseGet(this::healthz);
                case "/readyz" -> get(request).orElseGet(this::readyz);
                case "/metrics" -> get(request).orElseGet(
                        () -> text(HttpResponseStatus.OK, PROMETHEUS_TEXT, metrics.render(leadership.isLeader(), ready())));
                case "/hooks/git" -> hook.isPresent() ? gitHook(request, hook.get()) : notFound();
                default -> notFound();
            };
        }

        private boolean ready() {
            return !leadership.isLeader() || loop.hasSyncedOnce();
        }

        private FullHttpResponse healthz() {
            if (loop.wedged()) {
                return text(HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "reconcile loop wedged: a round has run longer than "
                        + loop.settings().wedgeLimit().toSeconds() + " s, or its thread ended\n");
            }
            return text(HttpResponseStatus.OK, TEXT, "ok\n");
        }

        private FullHttpResponse readyz() {
            ReconcileSnapshot snapshot = loop.snapshot();
            if (!leadership.isLeader()) {
                return text(HttpResponseStatus.OK, TEXT, "standby: another replica leads\n");
            }
            if (loop.hasSyncedOnce()) {
                return text(HttpResponseStatus.OK, TEXT, "synced " + snapshot.revision()
                        + (snapshot.condition().isOk() ? "" : "; last round: " + snapshot.condition().message()) + "\n");
            }
            return text(HttpResponseStatus.SERVICE_UNAVAILABLE, TEXT, "not synced yet"
                    + (snapshot.condition().isOk() ? "" : ": " + snapshot.condition().message()) + "\n");
        }

        private FullHttpResponse gitHook(FullHttpRequest request, GitHookVerifier verifier) {
            if (!request.method().equals(HttpMethod.POST)) {
                return notAllowed("POST");
            }
            Optional<String> problem = verifier.problem(request.headers()::get, ByteBufUtil.getBytes(request.content()));
            if (problem.isPresent()) {
                boolean signature = problem.get().startsWith(ReportHeaders.SIGNATURE);
                log.warn("git_hook_refused", "reason", problem.get());
                return text(signature ? HttpResponseStatus.UNAUTHORIZED : HttpResponseStatus.BAD_REQUEST, TEXT, problem.get() + "\n");
            }
            log.info("git_hook_accepted");
            loop.triggerNow();
            return text(HttpResponseStatus.ACCEPTED, TEXT, "checking the branch tip\n");
        }

        /** Empty for GET and HEAD (the codec leaves out a HEAD answer's body), else 405. */
        private static Optional<FullHttpResponse> get(FullHttpRequest request) {
            if (request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)) {
                return Optional.empty();
            }
            return Optional.of(notAllowed("GET"));
        }

        private static FullHttpResponse notAllowed(String method) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, TEXT, "use " + method + "\n");
            response.headers().set(HttpHeaderNames.ALLOW, method);
            return response;
        }

        private static FullHttpResponse notFound() {
            return text(HttpResponseStatus.NOT_FOUND, TEXT, "not found\n");
        }
    }
}
