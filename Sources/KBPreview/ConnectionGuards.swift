import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1
import Synchronization

/// What the handlers of one connection share, and what `ConnectionRegistry` reads of it from
/// other threads.
final class ConnectionState: Sendable {
    /// Requests read whose response has not ended.
    let inFlight = Atomic<Int>(0)
    /// Whether the connection carries a page's reload events (a response that never ends).
    let carriesEvents = Atomic<Bool>(false)

    var isIdle: Bool { inFlight.load(ordering: .relaxed) == 0 }
}

/// The first handler of a connection, before the HTTP parser: it measures the request lines of
/// the bytes read, so that a head the parser refuses as too long can be answered 414 when its
/// request line is at fault and 431 otherwise; and it enters the connection in the registry,
/// which may close another to make room.
///
/// The lengths wait in order until the parser has read each request line (`ConnectionGuard`
/// takes one per head it sees): at a refusal, the first one waiting is the refused request's.
/// A line after an empty line (or the connection's first) is taken for a request line; the
/// lines of a request body can mislead it, which only changes which of the two statuses a
/// refused head gets. The parser's limits, not these lengths, decide what is refused.
final class RequestLineGauge: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    let state = ConnectionState()
    private let registry: ConnectionRegistry
    /// Bytes of the line being read, and whether it is (or would be) a request line.
    private var lineLength = 0
    private var inRequestLine = true
    private var endsWithCarriageReturn = false
    /// The lengths of the request lines read and not yet parsed, the last one perhaps unfinished.
    private var requestLines: [Int] = []
    private var firstWaiting = 0

    init(registry: ConnectionRegistry) {
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        registry.opened(context.channel, state: state)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        unwrapInboundIn(data).withUnsafeReadableBytes { measure($0) }
        context.fireChannelRead(data)
    }

    /// The parser read a request line (and its head).
    func requestLineParsed() {
        guard firstWaiting < requestLines.count else { return }
        firstWaiting += 1
        if firstWaiting == requestLines.count || firstWaiting > 64 {
            requestLines.removeFirst(firstWaiting)
            firstWaiting = 0
        }
    }

    /// The length of the request line the parser is reading, or refused.
    var requestLineLength: Int { firstWaiting < requestLines.count ? requestLines[firstWaiting] : 0 }

    private func measure(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        while let lineFeed = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
            grow(by: lineFeed - start)
            // The line break's carriage return may have come at the end of the last read.
            let carriageReturn = lineFeed > start ? bytes[lineFeed - 1] == UInt8(ascii: "\r") : endsWithCarriageReturn
            endLine(length: max(0, lineLength - (carriageReturn ? 1 : 0)))
            endsWithCarriageReturn = false
            start = lineFeed + 1
        }
        if start < bytes.count {
            grow(by: bytes.count - start)
            endsWithCarriageReturn = bytes[bytes.count - 1] == UInt8(ascii: "\r")
        }
    }

    private func grow(by count: Int) {
        guard count > 0 else { return }
        if inRequestLine {
            if lineLength == 0 { requestLines.append(0) }
            requestLines[requestLines.count - 1] += count
        }
        lineLength += count
    }

    private func endLine(length: Int) {
        if inRequestLine {
            if length > 0 {
                requestLines[requestLines.count - 1] = length
                inRequestLine = false
            } else if lineLength > 0 {
                // A line of a lone carriage return: an empty line before a request line.
                requestLines.removeLast()
            }
        } else if length == 0 {
            // The head ends: the next line is a request line.
            inRequestLine = true
        }
        lineLength = 0
    }
}

/// The handler after the HTTP parser (and Hummingbird's conversion to HTTP types): counts the
/// requests in flight and notices event streams for the registry, and answers a request head
/// the parser refused itself (414, 431 or 400, with the preview's headers) once the responses
/// before it have ended, then closes the connection. Hummingbird would answer 400 to all.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: PreviewServer.Limits
    private var gauge: RequestLineGauge?
    /// After a refused head nothing more of the connection is read.
    private var refused = false
    /// A refusal waiting for the responses in flight to end.
    private var pending: HTTPResponse.Status?

    init(limits: PreviewServer.Limits) {
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) {
        gauge = try? context.pipeline.syncOperations.handler(type: RequestLineGauge.self)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !refused else { return }
        if case .head(let head) = unwrapInboundIn(data) {
            gauge?.requestLineParsed()
            // A body whose length cannot be known (a transfer coding that does not end in
            // chunked): RFC 9112 asks for 400 and the connection closed, or what follows
            // could be read as another request.
            if let coding = head.headerFields[.transferEncoding],
               coding.split(separator: ",").last?.trimmingCharacters(in: .whitespaces).lowercased() != "chunked" {
                stop(context: context, status: .badRequest)
                return
            }
            gauge?.state.inFlight.add(1, ordering: .relaxed)
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head):
            if head.headerFields[.contentType] == "text/event-stream" { gauge?.state.carriesEvents.store(true, ordering: .relaxed) }
            context.write(data, promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            context.write(data, promise: promise)
            let remaining = gauge?.state.inFlight.subtract(1, ordering: .relaxed).newValue ?? 0
            if remaining <= 0, let status = pending {
                pending = nil
                refuse(context: context, status: status)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError || error is HTTP1TypeConversionError else {
            context.fireErrorCaught(error)
            return
        }
        guard !refused else { return }
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            stop(context: context, status: (gauge?.requestLineLength ?? 0) > limits.field ? .uriTooLong : .requestHeaderFieldsTooLarge)
        } else {
            stop(context: context, status: .badRequest)
        }
    }

    /// Reads nothing more, and answers `status` once the responses in flight have ended.
    private func stop(context: ChannelHandlerContext, status: HTTPResponse.Status) {
        refused = true
        if gauge?.state.isIdle ?? true {
            refuse(context: context, status: status)
        } else {
            pending = status
        }
    }

    private func refuse(context: ChannelHandlerContext, status: HTTPResponse.Status) {
        let message = switch status {
        case .uriTooLong: "The address is longer than kb serve accepts (\(limits.field) bytes)."
        case .requestHeaderFieldsTooLarge:
            "The request's header fields are larger than kb serve accepts (\(limits.field) bytes each, \(limits.head) in all, \(limits.fields) fields)."
        default: "The request cannot be read as an HTTP request."
        }
        let answer = PreviewSite.text(status.code, message)
        guard case .bytes(let body) = answer.body else { return }
        var head = answer.head(length: body.count)
        head.headerFields[.connection] = "close"
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
        let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in bound.value.close(promise: nil) }
    }
}

/// The open connections, in the order they came, within a limit set below the process's
/// limit of open files: a connection past it makes room by closing the oldest idle connection
/// (one with no request in flight: a kept-alive connection, one that never sent a request or
/// sends it slowly), else the oldest event stream (its page reconnects); when every connection
/// is busy with a request, the new one is closed instead.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        var order: Int
        var channel: any Channel
        var state: ConnectionState
    }

    let limit: Int
    private let entries = Mutex<(next: Int, open: [ObjectIdentifier: Entry])>((0, [:]))

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    var count: Int { entries.withLock { $0.open.count } }

    func opened(_ channel: any Channel, state: ConnectionState) {
        let key = ObjectIdentifier(channel)
        let victim: (any Channel)? = entries.withLock { entries in
            entries.open[key] = Entry(order: entries.next, channel: channel, state: state)
            entries.next += 1
            guard entries.open.count > limit else { return nil }
            let others = entries.open.filter { $0.key != key }.values.sorted { $0.order < $1.order }
            let chosen = others.first { $0.state.isIdle } ?? others.first { $0.state.carriesEvents.load(ordering: .relaxed) }
            let victim = chosen?.channel ?? channel
            entries.open[ObjectIdentifier(victim)] = nil
            return victim
        }
        channel.closeFuture.whenComplete { [weak self] _ in
            _ = self?.entries.withLock { $0.open.removeValue(forKey: key) }
        }
        victim?.close(promise: nil)
    }
}
