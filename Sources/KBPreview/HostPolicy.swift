#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which `Host` a request may name. A web page the author opens can point a name of its own at
/// 127.0.0.1 (DNS rebinding) and then read the preview as its own origin; its requests still
/// carry that name. So kb serve answers only names that are this computer's by definition
/// (`localhost` and names below it), IP addresses (a page reached by its address is of that
/// address's origin, which no other site can take), the address it listens on, and the names
/// given with `--allowed-host`. The port is not compared: a proxy in front may change it.
struct HostPolicy: Sendable {
    /// The address given to `--host`, lower-cased.
    let listening: String
    /// The names given to `--allowed-host`, lower-cased, without a trailing dot.
    let allowed: Set<String>

    init(listening: String, allowed: [String] = []) {
        self.listening = Self.name(listening.lowercased())
        self.allowed = Set(allowed.map { Self.name($0.lowercased()) })
    }

    func allows(_ authority: String) -> Bool {
        guard let host = Self.host(of: authority) else { return false }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if Self.isAddress(host) { return true }
        return host == listening || allowed.contains(host)
    }

    /// The host of a `Host` value (`name`, `name:port`, `1.2.3.4:port`, `[::1]:port`),
    /// lower-cased, without a trailing dot; nil when the value is not of that shape.
    static func host(of authority: String) -> String? {
        let value = authority.lowercased()
        var host = Substring(value)
        var port: Substring?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            host = value[value.startIndex...close]
            let rest = value[value.index(after: close)...]
            if !rest.isEmpty {
                guard rest.first == ":" else { return nil }
                port = rest.dropFirst()
            }
        } else if let colon = value.lastIndex(of: ":") {
            host = value[..<colon]
            port = value[value.index(after: colon)...]
        }
        if let port {
            guard !port.isEmpty, port.count <= 5, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber), Int(port)! <= 65535
            else { return nil }
        }
        guard !host.isEmpty, !host.contains(where: { $0 == " " || $0 == "/" || $0 == "@" || $0 == "\\" }) else { return nil }
        return name(String(host))
    }

    /// A name without its trailing dot (`localhost.` is `localhost`).
    private static func name(_ text: String) -> String {
        text.hasSuffix(".") && text.count > 1 ? String(text.dropLast()) : text
    }

    /// Whether a host is an IPv4 address in dotted form or an IPv6 address in brackets.
    static func isAddress(_ host: String) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        if host.hasPrefix("["), host.hasSuffix("]") {
            return inet_pton(AF_INET6, String(host.dropFirst().dropLast()), &buffer) == 1
        }
        return inet_pton(AF_INET, host, &buffer) == 1
    }
}
