import KithMesh

/// The invite code decoder (invites.md). The first byte picks a mode: 0 parses the rest as the
/// text of a code; 1 reads the rest as a payload body and appends its checksum, so that the
/// fields behind the checksum are reached. A parsed code must print as the input (trimmed and in
/// lowercase) and parse back to itself.
enum InviteCodeTarget {
    static let target = FuzzTarget(
        name: "invite-code", summary: "InviteCode(parsing:) and InviteCode(payload:)", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let mode = input.byte() % 2
        let bytes = input.rest()
        if mode == 0 {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let code = try? InviteCode(parsing: text) else { return }
            fuzzCheck(code.text == normalized(text), "the code does not print as it was written")
            checkRoundTrip(code)
        } else {
            let payload = bytes + InviteCode.checksum(of: bytes)
            guard let code = try? InviteCode(payload: payload) else { return }
            fuzzCheck(code.payload == payload, "the code does not encode to its payload")
            checkRoundTrip(code)
        }
    }

    private static func checkRoundTrip(_ code: InviteCode) {
        let again = try? InviteCode(parsing: code.text)
        fuzzCheck(again == code, "the code's text does not parse to the code")
        let made = try? InviteCode(communityKey: code.communityKey, name: code.name)
        fuzzCheck(made == code, "the code's fields do not make the same code")
    }

    /// `text` without surrounding whitespace, with ASCII capitals made small.
    private static func normalized(_ text: String) -> String {
        let scalars = text.unicodeScalars.drop { $0.properties.isWhitespace }
        let trimmed = scalars.reversed().drop { $0.properties.isWhitespace }.reversed()
        var result = String.UnicodeScalarView()
        for scalar in trimmed {
            let isCapital = ("A"..."Z").contains(scalar)
            result.append(isCapital ? Unicode.Scalar(scalar.value + 0x20) ?? scalar : scalar)
        }
        return String(result)
    }
}
