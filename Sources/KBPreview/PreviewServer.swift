import HTTPTypes
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// kb serve's HTTP server: Hummingbird's HTTP/1.1 server on SwiftNIO, whose parser reads a
/// request head in one pass and refuses it past `Limits`, with what a server facing every web
/// page its user opens needs around it:
///
/// - heads bounded (`Limits`), answered 414 or 431 (`ConnectionGuard`);
/// - a connection that sends no complete head for `Limits.idle` closed (Hummingbird's idle
///   timeout: a kept-alive connection, one that sends nothing, one that sends slowly);
/// - connections counted within a limit below the open-files limit, the oldest idle one
///   closed to make room (`ConnectionRegistry`), and accepting paused for a second, not ended,
///   when the process runs out of descriptors anyway (SwiftNIO's accept backoff);
/// - a page's event stream ended as soon as the page closes its connection;
/// - responses written only as fast as the client reads them (NIO's writability), copied files
///   streamed from their descriptor a piece at a time.
///
/// What is answered, and to whom, is `PreviewSite`'s.
public struct PreviewServer: Sendable {
    public struct Limits: Sendable {
        /// Bytes of the request line, and of one header field.
        public var field = 16 * 1024
        /// Bytes of the whole head.
        public var head = 64 * 1024
        /// Header fields of one head.
        public var fields = 100
        /// Seconds a connection may go without a complete request head (while no response is
        /// being written).
        public var idle: Int64 = 15
        /// Connections open at once.
        public var connections: Int

        public init(connections: Int) {
            self.connections = connections
        }

        /// The limits, with as many connections as fit below the process's limit of open files,
        /// once raised to its hard limit (as Go's runtime does: the soft limit is often 1,024
        /// for programs that use `select`, which kb does not): each may hold a socket and a
        /// file being streamed, and the build needs some for itself.
        public static func fittingOpenFiles() -> Limits {
            #if os(Linux)
            let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
            #else
            let resource = RLIMIT_NOFILE
            #endif
            var limit = rlimit()
            guard getrlimit(resource, &limit) == 0 else { return Limits(connections: 64) }
            let wanted = min(limit.rlim_max, 65_536)
            if limit.rlim_cur < wanted {
                var raised = limit
                raised.rlim_cur = wanted
                if setrlimit(resource, &raised) == 0 { limit = raised }
            }
            let available = Int(clamping: limit.rlim_cur) - 64
            return Limits(connections: min(4_096, max(8, available / 2)))
        }
    }

    let site: PreviewSite
    let host: String
    let port: Int
    let limits: Limits

    public init(site: PreviewSite, host: String, port: Int, limits: Limits) {
        self.site = site
        self.host = host
        self.port = port
        self.limits = limits
    }

    /// Listens and serves until the task is cancelled or the listening socket fails;
    /// `listening` is called with the address once connections are accepted. Throws when the
    /// address cannot be listened on.
    public func run(listening: @escaping @Sendable (String) async -> Void) async throws {
        let site = self.site
        let http = HTTP1Channel(
            responder: { request, writer, channel in try await Self.respond(to: request, with: writer, on: channel, site: site) },
            configuration: .init(
                additionalChannelHandlers: [ConnectionGuard(limits: limits)],
                idleTimeout: .seconds(limits.idle),
                httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.field, maxHeaderListSize: limits.head, maxHeaderFieldCount: limits.fields)))
        let server = Server(
            childChannelSetup: PreviewChannel(http: http, registry: ConnectionRegistry(limit: limits.connections)),
            configuration: ServerConfiguration(address: .hostname(host, port: port), backlog: 256, reuseAddress: true),
            onServerRunning: { channel in await listening(Self.describe(channel.localAddress)) },
            // One thread is plenty for a preview, and leaves the cores to the builds.
            eventLoopGroup: MultiThreadedEventLoopGroup.singletonMultiThreadedEventLoopGroup.next(),
            logger: Logger(label: "kb.serve", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await server.run()
    }

    /// `http://host:port/` for an address (IPv6 in brackets).
    static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "?" }
        if case .v6 = address { return "[\(ip)]:\(port)" }
        return "\(ip):\(port)"
    }

    /// Whether a peer is this computer: problems show their absolute paths only to it.
    static func isLoopback(_ address: SocketAddress?) -> Bool {
        switch address {
        case .v4(let address)?:
            return UInt32(bigEndian: address.address.sin_addr.s_addr) >> 24 == 127
        case .v6(let address)?:
            let bytes = withUnsafeBytes(of: address.address.sin6_addr) { Array($0) }
            if bytes[0..<15].allSatisfy({ $0 == 0 }), bytes[15] == 1 { return true }
            // ::ffff:127.x.x.x
            return bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF && bytes[12] == 127
        default:
            return false
        }
    }

    // MARK: Answering

    static func respond(to request: Request, with writer: consuming ResponseWriter, on channel: any Channel, site: PreviewSite) async throws {
        let answer = site.response(to: PreviewSite.Request(request.head, from: channel.remoteAddress))
        let headOnly = request.method == .head
        switch answer.body {
        case .bytes(let bytes):
            if headOnly {
                try await writer.writeResponse(answer.head(length: bytes.count))
            } else {
                try await writer.write(response: answer.head(length: bytes.count), body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        case .file(let file):
            if headOnly {
                try await writer.writeResponse(answer.head(length: file.size))
            } else {
                try await writer.write(response: answer.head(length: file.size), body: ResponseBody(contentLength: file.size) { body in
                    try await stream(file, to: &body)
                })
            }
        case .events:
            if headOnly {
                try await writer.writeResponse(answer.head(length: nil))
            } else {
                let events = site.events()
                try await writer.write(response: answer.head(length: nil), body: ResponseBody { body in
                    // Until the page closes its connection (or kb serve stops).
                    try await request.body.consumeWithCancellationOnInboundClose { _ in
                        for await event in events { try await body.write(ByteBuffer(bytes: event)) }
                    }
                    try await body.finish(nil)
                })
            }
        }
    }

    struct FileShrank: Error {}

    /// A file's bytes, a piece at a time, each read on NIO's thread pool when the client has
    /// taken the last one.
    static func stream(_ file: PreviewSite.OpenedFile, to body: inout any ResponseBodyWriter) async throws {
        let piece = 256 * 1024
        var offset = 0
        while offset < file.size {
            let count = min(piece, file.size - offset)
            let start = offset
            let buffer = try await NIOThreadPool.singleton.runIfActive { () throws -> ByteBuffer in
                var buffer = ByteBufferAllocator().buffer(capacity: count)
                _ = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { pointer in
                    var read = -1
                    repeat { read = pread(file.descriptor, pointer.baseAddress, count, off_t(start)) } while read < 0 && errno == EINTR
                    guard read >= 0 else { throw IOError(errnoCode: errno, reason: "pread") }
                    return read
                }
                return buffer
            }
            // The length sent was the file's; a file cut short ends the connection.
            guard buffer.readableBytes > 0 else { throw FileShrank() }
            try await body.write(buffer)
            offset += buffer.readableBytes
        }
        try await body.finish(nil)
    }
}

extension PreviewSite.Request {
    /// What kb serve reads of a request head (Hummingbird's HTTP types: the first `Host` is the
    /// authority, the others stay among the fields), from a peer.
    init(_ head: HTTPRequest, from peer: SocketAddress?) {
        let hostName = HTTPField.Name("Host")!
        self.init(
            method: head.method.rawValue, target: head.path ?? "", hosts: (head.authority.map { [$0] } ?? []) + head.headerFields[values: hostName],
            fetchSite: head.headerFields[HTTPField.Name("Sec-Fetch-Site")!], fetchMode: head.headerFields[HTTPField.Name("Sec-Fetch-Mode")!],
            fetchDestination: head.headerFields[HTTPField.Name("Sec-Fetch-Dest")!], fromLoopback: PreviewServer.isLoopback(peer))
    }
}

extension PreviewSite.Response {
    /// The response's head, with the length of its body (none for an event stream, which is
    /// sent in chunks).
    func head(length: Int?) -> HTTPResponse {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        if let length { fields[.contentLength] = String(length) }
        return HTTPResponse(status: .init(code: status), headerFields: fields)
    }
}

/// A connection as kb serve sets it up: `RequestLineGauge` before Hummingbird's HTTP/1.1
/// handlers (which end with `ConnectionGuard`).
struct PreviewChannel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let http: HTTP1Channel
    let registry: ConnectionRegistry

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(RequestLineGauge(registry: registry))
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        return http.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await http.handle(value: value, logger: logger)
    }
}
