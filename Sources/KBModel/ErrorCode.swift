/// An error code as written in an article, with its normalized form.
///
/// Hexadecimal codes normalize to `0x` and upper-case digits (`0x80cf0437` → `0x80CF0437`),
/// symbolic codes stay as written (`DeviceCapReached`), decimal codes keep their sign.
/// A malformed code (`0x801c003`, seven digits) is kept exactly as written.
public struct ErrorCode: Hashable, Sendable, Comparable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// `0x80CF0437`, `0xAB2`: HRESULTs, Win32 and other hexadecimal codes.
        case hexadecimal
        /// `DeviceCapReached`, `OM_S_SERVICE_STOP`.
        case symbolic
        /// `1603`, `-2016330861` when no hexadecimal form is known.
        case decimal
        /// An event log ID from an event table.
        case eventID
        /// Written like a hexadecimal code but with a wrong number of digits.
        case malformed
    }

    /// The normalized form, the code's identity across articles and languages.
    public var code: String
    /// The form written in the article.
    public var raw: String
    public var kind: Kind
    /// Other forms of the same code given by the content, such as a decimal restatement
    /// (`-942583883` for `0xC7D14FB5`).
    public var aliases: [String]

    public init(code: String, raw: String, kind: Kind, aliases: [String] = []) {
        self.code = code
        self.raw = raw
        self.kind = kind
        self.aliases = aliases
    }

    public static func < (lhs: ErrorCode, rhs: ErrorCode) -> Bool {
        (lhs.code, lhs.raw) < (rhs.code, rhs.raw)
    }
}

extension ErrorCode {
    /// A hexadecimal code from its digits (without `0x`); nil when the digit count makes it
    /// malformed. HRESULTs have eight digits; short codes such as `0xAB2` have up to four.
    public static func hexadecimal(digits: Substring, raw: String) -> ErrorCode? {
        guard isWellFormedHexLength(digits.count) else { return nil }
        return ErrorCode(code: "0x" + digits.uppercased(), raw: raw, kind: .hexadecimal)
    }

    public static func isWellFormedHexLength(_ count: Int) -> Bool {
        (1...4).contains(count) || count == 8 || count == 16
    }

    /// The hexadecimal code for a signed or unsigned 32-bit decimal value.
    public static func hexadecimal(decimal value: Int, raw: String) -> ErrorCode? {
        guard value >= Int(Int32.min), value <= Int(UInt32.max) else { return nil }
        let bits = value < 0 ? UInt32(bitPattern: Int32(value)) : UInt32(value)
        let digits = String(bits, radix: 16, uppercase: true)
        let padded = String(repeating: "0", count: 8 - digits.count) + digits
        return ErrorCode(code: "0x" + padded, raw: raw, kind: .hexadecimal, aliases: [String(value)])
    }
}

extension ErrorCode {
    /// Codes that say an operation succeeded (`0x00000000`, `S_OK`, `3010`: success, a restart
    /// needed). Users look them up, so an article that lists them among its errors keeps them,
    /// but they are never a language's most common error codes.
    public static func isSuccess(_ code: String) -> Bool {
        successCodes.contains(code.uppercased())
    }

    /// Whether the code is plain success, zero by any name (`0`, `0x00000000`, `S_OK`), not a
    /// success with something to do (3010: restart).
    public static func isPlainSuccess(_ code: String) -> Bool {
        ["0", "0X0", "0X00000000", "S_OK", "ERROR_SUCCESS", "NO_ERROR"].contains(code.uppercased())
    }

    static let successCodes: Set<String> = [
        "0", "0X0", "0X00000000", "S_OK", "S_FALSE", "ERROR_SUCCESS", "NO_ERROR", "3010", "0X00000BC2",
        "ERROR_SUCCESS_REBOOT_REQUIRED", "1641", "0X00000669", "ERROR_SUCCESS_REBOOT_INITIATED",
    ]
}
