import NIOCore
import NIOHTTPTypes

/// Tells the `ConnectionLimiter` about one connection: when it opens, when a request starts
/// and its response ends (between the two it is busy and never closed to make room), and when
/// it closes.
final class ConnectionSlotHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limiter: ConnectionLimiter
    private var isCounted = false

    init(limiter: ConnectionLimiter) {
        self.limiter = limiter
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { countIn(context.channel) }
    }

    func channelActive(context: ChannelHandlerContext) {
        countIn(context.channel)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        countOut(context.channel)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        countOut(context.channel)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) {
            limiter.requestStarted(on: context.channel)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            limiter.responseFinished(on: context.channel)
        }
        context.write(data, promise: promise)
    }

    private func countIn(_ channel: any Channel) {
        guard !isCounted else { return }
        isCounted = true
        limiter.admit(channel)
    }

    private func countOut(_ channel: any Channel) {
        guard isCounted else { return }
        isCounted = false
        limiter.release(channel)
    }
}
