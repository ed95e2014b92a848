import KBLinking
import KBModel

extension CodeIndex.Code {
    /// How a code may be typed: `0x80cf0437`, `80cf0437`, its decimal forms (given by the content
    /// or computed: `-942583883`), a symbolic name in lower case.
    public var searchForms: [String] {
        var forms = [code.lowercased()]
        if kind == .hexadecimal, code.hasPrefix("0x") {
            forms.append(String(code.dropFirst(2)).lowercased())
            if let hresult = HRESULT(ErrorCode(code: code, raw: code, kind: .hexadecimal)) {
                forms.append(String(hresult.signedValue))
                forms.append(String(hresult.value))
            }
        }
        forms += aliases
        var seen: Set<String> = []
        return forms.filter { seen.insert($0).inserted }
    }
}
