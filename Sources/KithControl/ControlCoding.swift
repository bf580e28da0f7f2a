import Foundation

/// The JSON of the control socket: snake_case keys, sorted, one object per line.
public enum ControlCoding {
    /// The longest request line a node reads, in bytes.
    public static let maximumRequestByteCount = 65_536

    /// The longest response line a client reads, in bytes.
    public static let maximumResponseByteCount = 16 * 1024 * 1024

    /// `value` as one line of JSON with a final newline.
    public static func line<Value: Encodable>(_ value: Value) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else {
            return Array(#"{"error":"cannot encode the response","ok":false}"#.utf8) + [0x0a]
        }
        return Array(data) + [0x0a]
    }

    /// Reads one line of JSON (without its newline) as `Value`; nil when it is not one.
    public static func decode<Value: Decodable>(
        _ type: Value.Type, from line: some Collection<UInt8>
    )
        -> Value?
    {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(type, from: Data(line))
    }
}
