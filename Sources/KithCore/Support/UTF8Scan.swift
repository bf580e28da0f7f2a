/// Strict UTF-8 validation that looks at each Unicode scalar as it goes.
enum UTF8Scan {
    /// What a scan found.
    enum Outcome: Equatable {
        /// Well-formed UTF-8 and no rejected scalar.
        case valid
        /// Not well-formed UTF-8 (a bad byte, a truncated, overlong or surrogate sequence).
        case invalidUTF8
        /// Well-formed so far, and the first scalar `reject` refused.
        case rejected(Unicode.Scalar)
    }

    /// Decodes `bytes` strictly as UTF-8 and stops at the first scalar `reject` refuses.
    static func scan(
        _ bytes: some Collection<UInt8>,
        rejecting reject: (Unicode.Scalar) -> Bool
    ) -> Outcome {
        var iterator = bytes.makeIterator()
        var decoder = Unicode.UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if reject(scalar) { return .rejected(scalar) }
            case .emptyInput:
                return .valid
            case .error:
                return .invalidUTF8
            }
        }
    }
}

extension String {
    /// Whether two strings have the same UTF-8 bytes (unlike `==`, which treats canonically
    /// equivalent strings as equal).
    func hasSameBytes(as other: String) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// Feeds the string's UTF-8 bytes and its length to `hasher`.
    func hashBytes(into hasher: inout Hasher) {
        hasher.combine(utf8.count)
        for byte in utf8 { hasher.combine(byte) }
    }

    /// Orders strings by their UTF-8 bytes (which is Unicode code point order).
    func precedesByBytes(_ other: String) -> Bool {
        utf8.lexicographicallyPrecedes(other.utf8)
    }
}
