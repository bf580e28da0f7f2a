import KithNode

/// `ControlCoding.decode` (the JSON of the control socket) reading a line as a request, as the
/// node does, and as a response, as a client does. A decoded value must encode to one line that
/// decodes to the same value.
enum ControlRequestTarget {
    static let target = FuzzTarget(
        name: "control-request", summary: "ControlCoding.decode of requests and responses",
        run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        let line = Array(data)
        check(ControlRequest.self, line)
        check(ControlResponse.self, line)
    }

    private static func check<Value: Codable & Equatable>(_ type: Value.Type, _ line: [UInt8]) {
        guard let value = ControlCoding.decode(type, from: line) else { return }
        let encoded = ControlCoding.line(value)
        fuzzCheck(encoded.last == 0x0a, "the encoded line does not end with a newline")
        let body = encoded.dropLast()
        fuzzCheck(!body.contains(0x0a), "the encoded \(type) spans more than one line")
        let again = ControlCoding.decode(type, from: body)
        fuzzCheck(again == value, "the \(type) does not survive encoding and decoding")
    }
}
