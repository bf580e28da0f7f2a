import KithTestSupport

extension OrderedJSON {
    /// A string member holding `bytes` as lowercase hex.
    static func hex(_ bytes: some Sequence<UInt8>) -> OrderedJSON { .string(TestHex.encode(bytes)) }
}
