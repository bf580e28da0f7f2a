import Foundation
import KithTestSupport

/// Reads a committed vector file as plain JSON values, so the checks below use only what the file
/// says, not the generator.
struct VectorJSONReader {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    let value: Any

    init(value: Any) {
        self.value = value
    }

    /// The vector file `name` in Protocol/vectors/.
    init(file name: String) throws {
        let data = try Data(contentsOf: MeshRepositoryPaths.vectors.appendingPathComponent(name))
        value = try JSONSerialization.jsonObject(with: data)
    }

    subscript(key: String) -> VectorJSONReader {
        get throws {
            guard let object = value as? [String: Any], let member = object[key] else {
                throw Missing(description: "no member \(key)")
            }
            return VectorJSONReader(value: member)
        }
    }

    var array: [VectorJSONReader] {
        get throws {
            guard let array = value as? [Any] else { throw Missing(description: "not an array") }
            return array.map(VectorJSONReader.init(value:))
        }
    }

    var string: String {
        get throws {
            guard let string = value as? String else { throw Missing(description: "not a string") }
            return string
        }
    }

    var integer: UInt64 {
        get throws {
            guard let number = value as? NSNumber else {
                throw Missing(description: "not a number")
            }
            return number.uint64Value
        }
    }

    var bytes: [UInt8] {
        get throws {
            guard let bytes = TestHex.decode(try string) else {
                throw Missing(description: "not hex")
            }
            return bytes
        }
    }
}
