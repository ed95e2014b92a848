/// The parts of a 32-bit HRESULT: severity, facility and code; for facility 7 (Win32), the
/// Windows error number the code wraps (`0x8007064C` → Win32 error 1612).
public struct HRESULT: Hashable, Sendable {
    public var value: UInt32

    public init(value: UInt32) {
        self.value = value
    }

    /// The HRESULT of an eight-digit hexadecimal code.
    public init?(_ code: ErrorCode) {
        guard code.kind == .hexadecimal, code.code.count == 10, let value = UInt32(code.code.dropFirst(2), radix: 16) else {
            return nil
        }
        self.value = value
    }

    /// Bit 31: set for failures.
    public var isFailure: Bool { value & 0x8000_0000 != 0 }
    /// Bit 29: set for codes defined by a product rather than by Windows.
    public var isCustomerDefined: Bool { value & 0x2000_0000 != 0 }
    /// Bit 28: set for NTSTATUS values mapped into HRESULTs.
    public var isMappedNTSTATUS: Bool { value & 0x1000_0000 != 0 }
    /// Bits 16–26.
    public var facility: Int { Int((value >> 16) & 0x7FF) }
    /// Bits 0–15.
    public var code: Int { Int(value & 0xFFFF) }
    /// The signed 32-bit value, as Windows prints HRESULTs in decimal.
    public var signedValue: Int { Int(Int32(bitPattern: value)) }

    /// The Win32 error number of a `0x8007xxxx` code.
    public var win32Error: Int? {
        facility == 7 && isFailure ? code : nil
    }

    /// The Win32 error's symbolic name, for the common ones.
    public var win32ErrorName: String? {
        win32Error.flatMap { Self.win32Names[$0] }
    }

    /// The facility's name in Windows SDK headers (`FACILITY_WIN32`), when it has one.
    public var facilityName: String? {
        Self.facilityNames[facility].map { "FACILITY_" + $0 }
    }

    static let facilityNames: [Int: String] = [
        0: "NULL", 1: "RPC", 2: "DISPATCH", 3: "STORAGE", 4: "ITF", 7: "WIN32", 8: "WINDOWS", 9: "SECURITY",
        10: "CONTROL", 11: "CERT", 12: "INTERNET", 13: "MEDIASERVER", 14: "MSMQ", 15: "SETUPAPI", 16: "SCARD",
        17: "COMPLUS", 18: "AAF", 19: "URT", 20: "ACS", 21: "DPLAY", 22: "UMI", 23: "SXS", 24: "WINDOWS_CE",
        25: "HTTP", 26: "USERMODE_COMMONLOG", 27: "WER", 31: "USERMODE_FILTER_MANAGER", 32: "BACKGROUNDCOPY",
        33: "CONFIGURATION", 34: "STATE_MANAGEMENT", 35: "METADIRECTORY", 36: "WINDOWSUPDATE",
        37: "DIRECTORYSERVICE", 38: "GRAPHICS", 39: "SHELL", 40: "TPM_SERVICES", 41: "TPM_SOFTWARE", 48: "PLA",
        49: "FVE", 50: "FWP", 51: "WINRM", 52: "NDIS", 53: "USERMODE_HYPERVISOR", 54: "CMI",
        55: "USERMODE_VIRTUALIZATION", 56: "USERMODE_VOLMGR", 57: "BCD", 58: "USERMODE_VHD", 60: "SDIAG",
        61: "WEBSERVICES", 80: "WINDOWS_DEFENDER", 81: "OPC", 82: "XPS", 83: "RAS", 84: "MBN", 85: "EAS",
        98: "P2P_INT", 99: "P2P", 100: "DAF", 101: "BLUETOOTH_ATT", 102: "AUDIO", 109: "VISUALCPP", 112: "SCRIPT",
        113: "PARSE", 120: "BLB", 121: "BLB_CLI", 122: "WSBAPP", 128: "BLBUI", 129: "USN", 130: "USERMODE_VOLSNAP",
        131: "TIERING", 133: "WSB_ONLINE", 134: "ONLINE_ID", 153: "DLS", 160: "SOS", 176: "DEBUGGERS",
        231: "USERMODE_SPACES", 256: "SPP", 1793: "MOBILE", 2049: "WEP", 2050: "SYNCENGINE", 2168: "DIRECTMUSIC",
        2169: "DIRECT3D10", 2170: "DXGI", 2171: "DXGI_DDI", 2172: "DIRECT3D11", 2184: "LEAP", 2185: "AUDCLNT",
        2200: "WINCODEC_DWRITE_DWM", 2201: "DIRECT2D", 2304: "DEFRAG", 2305: "USERMODE_SDBUS", 2306: "JSCRIPT",
        2561: "PIDGENX",
    ]

    static let win32Names: [Int: String] = [
        1: "ERROR_INVALID_FUNCTION", 2: "ERROR_FILE_NOT_FOUND", 3: "ERROR_PATH_NOT_FOUND", 4: "ERROR_TOO_MANY_OPEN_FILES",
        5: "ERROR_ACCESS_DENIED", 6: "ERROR_INVALID_HANDLE", 8: "ERROR_NOT_ENOUGH_MEMORY", 13: "ERROR_INVALID_DATA",
        14: "ERROR_OUTOFMEMORY", 15: "ERROR_INVALID_DRIVE", 21: "ERROR_NOT_READY", 32: "ERROR_SHARING_VIOLATION",
        33: "ERROR_LOCK_VIOLATION", 38: "ERROR_HANDLE_EOF", 50: "ERROR_NOT_SUPPORTED", 53: "ERROR_BAD_NETPATH",
        64: "ERROR_NETNAME_DELETED", 67: "ERROR_BAD_NET_NAME", 80: "ERROR_FILE_EXISTS", 87: "ERROR_INVALID_PARAMETER",
        112: "ERROR_DISK_FULL", 120: "ERROR_CALL_NOT_IMPLEMENTED", 122: "ERROR_INSUFFICIENT_BUFFER",
        123: "ERROR_INVALID_NAME", 126: "ERROR_MOD_NOT_FOUND", 127: "ERROR_PROC_NOT_FOUND", 183: "ERROR_ALREADY_EXISTS",
        193: "ERROR_BAD_EXE_FORMAT", 206: "ERROR_FILENAME_EXCED_RANGE", 234: "ERROR_MORE_DATA", 258: "WAIT_TIMEOUT",
        267: "ERROR_DIRECTORY", 1053: "ERROR_SERVICE_REQUEST_TIMEOUT", 1056: "ERROR_SERVICE_ALREADY_RUNNING",
        1058: "ERROR_SERVICE_DISABLED", 1060: "ERROR_SERVICE_DOES_NOT_EXIST", 1062: "ERROR_SERVICE_NOT_ACTIVE",
        1168: "ERROR_NOT_FOUND", 1223: "ERROR_CANCELLED", 1231: "ERROR_NETWORK_UNREACHABLE",
        1260: "ERROR_ACCESS_DISABLED_BY_POLICY", 1314: "ERROR_PRIVILEGE_NOT_HELD", 1326: "ERROR_LOGON_FAILURE",
        1327: "ERROR_ACCOUNT_RESTRICTION", 1330: "ERROR_PASSWORD_EXPIRED", 1331: "ERROR_ACCOUNT_DISABLED",
        1355: "ERROR_NO_SUCH_DOMAIN", 1392: "ERROR_FILE_CORRUPT", 1460: "ERROR_TIMEOUT", 1601: "ERROR_INSTALL_SERVICE_FAILURE",
        1602: "ERROR_INSTALL_USEREXIT", 1603: "ERROR_INSTALL_FAILURE", 1605: "ERROR_UNKNOWN_PRODUCT",
        1612: "ERROR_INSTALL_SOURCE_ABSENT", 1618: "ERROR_INSTALL_ALREADY_RUNNING", 1619: "ERROR_INSTALL_PACKAGE_OPEN_FAILED",
        1620: "ERROR_INSTALL_PACKAGE_INVALID", 1625: "ERROR_INSTALL_PACKAGE_REJECTED", 1633: "ERROR_INSTALL_PLATFORM_UNSUPPORTED",
        1638: "ERROR_PRODUCT_VERSION", 1639: "ERROR_INVALID_COMMAND_LINE", 1641: "ERROR_SUCCESS_REBOOT_INITIATED",
        1722: "RPC_S_SERVER_UNAVAILABLE", 1726: "RPC_S_CALL_FAILED", 1753: "EPT_S_NOT_REGISTERED",
        1907: "ERROR_PASSWORD_MUST_CHANGE", 1908: "ERROR_DOMAIN_CONTROLLER_NOT_FOUND", 1909: "ERROR_ACCOUNT_LOCKED_OUT",
        2148: "ERROR_INVALID_SEPARATOR", 2250: "NERR_UseNotFound", 3010: "ERROR_SUCCESS_REBOOT_REQUIRED",
        3017: "ERROR_SUCCESS_RESTART_REQUIRED", 4312: "ERROR_OBJECT_NOT_FOUND", 8202: "ERROR_DS_INVALID_ATTRIBUTE_SYNTAX",
        8453: "ERROR_DS_DRA_ACCESS_DENIED", 12002: "ERROR_INTERNET_TIMEOUT", 12007: "ERROR_INTERNET_NAME_NOT_RESOLVED",
        12029: "ERROR_INTERNET_CANNOT_CONNECT", 12030: "ERROR_INTERNET_CONNECTION_ABORTED",
        12175: "ERROR_INTERNET_DECODING_FAILED",
    ]
}
