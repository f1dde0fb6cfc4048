package io.jenkins.plugins.gitops.agent.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off a client that is slow to send its request (a slow-header or slow-body client, which would
 * otherwise keep its connection as long as it trickles bytes): the headers must be in within
 * {@code headers} of the connection opening or of the last answer on it, and the body within
 * {@code body} of the headers. Past that the client gets 408 and the connection is closed; an idle
 * kept-alive connection too, as RFC 9110 allows.
 */
final class RequestDeadline extends ChannelDuplexHandler {

    private final Duration headers;
    private final Duration body;
    /** Set while a request is awaited or being read; null while it is being answered. */
    private ScheduledFuture<?> deadline;

    RequestDeadline(Duration headers, Duration body) {
        this.headers = headers;
        this.body = body;
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        restart(context, headers);
        context.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest) {
            restart(context, body);
        }
        if (message instanceof LastHttpContent) {
            cancel();
        }
        context.fireChannelRead(message);
    }

    /** After an answer (not a 100 Continue while the body is read) the next request's headers are awaited. */
    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent && deadline == null) {
            restart(context, headers);
        }
        context.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancel();
        context.fireChannelInactive();
    }

    private void restart(ChannelHandlerContext context, Duration limit) {
        cancel();
        deadline = context.executor().schedule(() -> AgentServer.answerAndClose(context,
                AgentServer.text(HttpResponseStatus.REQUEST_TIMEOUT, "text/plain; charset=utf-8",
                        "request not received within " + limit.toSeconds() + " s\n")),
                limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
