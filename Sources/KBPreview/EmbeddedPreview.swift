import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection of kb serve in memory, for the tests and the `http` fuzz target: the handlers
/// a connection of `PreviewServer` has (SwiftNIO's HTTP/1.1 parser within `Limits`,
/// `RequestLineGauge`, `ConnectionGuard`), with `PreviewSite`'s answer to each request written
/// at once where Hummingbird's responder would write it on a task. An event stream gets its
/// first event and ends. What is answered is kept as responses too (`responses`), as the
/// encoder gets them.
final class EmbeddedPreview {
    let channel: EmbeddedChannel
    let registry: ConnectionRegistry
    private let recorder = Recorder()

    /// The responses written so far: each head with its body.
    var responses: [(head: HTTPResponse, body: [UInt8])] { recorder.responses }
    /// The request heads answered so far, in order: the first responses answer them, one each
    /// (a refused head's response, if any, comes last).
    var answered: [HTTPRequest] { responder.heads }
    private let responder: ImmediateResponder

    init(site: PreviewSite, limits: PreviewServer.Limits = .init(connections: 16), peer: SocketAddress? = nil,
         registry: ConnectionRegistry? = nil) throws {
        self.registry = registry ?? ConnectionRegistry(limit: limits.connections)
        responder = ImmediateResponder(site: site)
        channel = EmbeddedChannel()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8000)).wait()
        // After connecting, which sets the remote address to the one connected to.
        channel.remoteAddress = peer ?? (try? SocketAddress(ipAddress: "127.0.0.1", port: 50_000))
        var decoder = NIOHTTPDecoderLimitConfiguration()
        decoder.maxHeaderFieldSize = limits.field
        decoder.maxHeaderListSize = limits.head
        decoder.maxHeaderFieldCount = limits.fields
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(RequestLineGauge(registry: self.registry))
        try pipeline.configureHTTPServerPipeline(
            withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
            withEncoderConfiguration: .init(), withDecoderLimitConfiguration: decoder)
        try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
        try pipeline.addHandler(recorder)
        try pipeline.addHandler(ConnectionGuard(limits: limits))
        try pipeline.addHandler(responder)
    }

    /// An embedded channel holds its pipeline (and this connection's registry) until it is
    /// finished, closed or not.
    deinit {
        _ = try? channel.finish(acceptAlreadyClosed: true)
    }

    /// Sends bytes to the server; returns what it wrote back since the last call.
    func send(_ bytes: [UInt8]) -> [UInt8] {
        if channel.isActive {
            // A refused head is an error of the pipeline, answered by ConnectionGuard: not one of the test's.
            _ = try? channel.writeInbound(ByteBuffer(bytes: bytes))
        }
        return written()
    }

    /// What the server wrote since the last call.
    func written() -> [UInt8] {
        var bytes: [UInt8] = []
        while let part = try? channel.readOutbound(as: IOData.self) {
            switch part {
            case .byteBuffer(let buffer): bytes += buffer.readableBytesView
            case .fileRegion: break
            }
        }
        return bytes
    }

    var isOpen: Bool { channel.isActive }

    /// Keeps the responses as they pass towards the encoder.
    final class Recorder: ChannelOutboundHandler {
        typealias OutboundIn = HTTPResponsePart
        typealias OutboundOut = HTTPResponsePart
        private(set) var responses: [(head: HTTPResponse, body: [UInt8])] = []

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            switch unwrapOutboundIn(data) {
            case .head(let head): responses.append((head, []))
            case .body(let buffer): if !responses.isEmpty { responses[responses.count - 1].body += buffer.readableBytesView }
            case .end: break
            }
            context.write(data, promise: promise)
        }
    }

    /// Answers each request head at once, as `PreviewServer.respond` does.
    final class ImmediateResponder: ChannelInboundHandler {
        typealias InboundIn = HTTPRequestPart
        typealias OutboundOut = HTTPResponsePart
        let site: PreviewSite
        private(set) var heads: [HTTPRequest] = []

        init(site: PreviewSite) {
            self.site = site
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = unwrapInboundIn(data) else { return }
            heads.append(head)
            let answer = site.response(to: PreviewSite.Request(head, from: context.channel.remoteAddress))
            var body: [UInt8]
            switch answer.body {
            case .bytes(let bytes): body = bytes
            case .file(let file):
                body = [UInt8](repeating: 0, count: file.size)
                let count = body.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress, file.size, 0) }
                body = Array(body.prefix(max(0, count)))
            case .events: body = Array("retry: 500\nevent: reload\ndata: \(site.generation)\n\n".utf8)
            }
            context.write(wrapOutboundOut(.head(answer.head(length: body.count))), promise: nil)
            if head.method != .head { context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
    }
}
