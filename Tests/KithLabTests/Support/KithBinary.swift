import Foundation

/// Finds the built `kith` executable for lab tests that run real nodes, with ``BuiltProducts``
/// (KithTestSupport): next to the test runner, or in `KITH_BINARY_DIR` first.
enum KithBinary {
    /// The executable's name.
    static let name = "kith"

    /// The places searched, in order.
    static var candidates: [URL] { BuiltProducts.candidates(for: name) }

    /// The executable, or `LabError.binaryNotFound` naming every place searched.
    static func locate() throws(LabError) -> URL {
        guard let found = BuiltProducts.locate(name) else {
            throw .binaryNotFound(name: name, searched: candidates.map(\.path))
        }
        return found
    }

    /// True when `locate()` would find the executable.
    static var isBuilt: Bool { (try? locate()) != nil }
}
