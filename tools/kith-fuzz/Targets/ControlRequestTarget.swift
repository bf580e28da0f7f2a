import KithControl

/// The control socket's coding (KithControl) reading a line as a request, as the node does, and
/// as a response, as a client does. A decoded value must encode to one line that decodes to the
/// same value; an entry line written or read by hand must equal the generic coder's.
enum ControlRequestTarget {
    static let target = FuzzTarget(
        name: "control-request", summary: "ControlRequest and ControlResponse line coding",
        run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        let line = Array(data)
        if let request = try? ControlRequest(line: line) {
            let body = checkedBody(request.line)
            fuzzCheck(
                (try? ControlRequest(line: body)) == request,
                "the request does not survive encoding and decoding")
        }
        let response = ControlResponse(line: line)
        fuzzCheck(
            response == ControlResponse(genericLine: line),
            "the line reads otherwise by hand than with the generic decoder")
        if let response {
            let body = checkedBody(response.line)
            fuzzCheck(
                response.line == response.genericLine,
                "the hand-written line differs from the generic encoder's")
            fuzzCheck(
                ControlResponse(line: body) == response,
                "the response does not survive encoding and decoding")
        }
    }

    /// The encoded line without its newline, checked to be one line.
    private static func checkedBody(_ encoded: [UInt8]) -> ArraySlice<UInt8> {
        fuzzCheck(encoded.last == 0x0a, "the encoded line does not end with a newline")
        let body = encoded.dropLast()
        fuzzCheck(!body.contains(0x0a), "the encoded value spans more than one line")
        return body
    }
}
