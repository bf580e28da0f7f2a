import Foundation
import KithTestSupport
import Testing

/// The mesh vector files, as the generator makes them.
enum MeshVectorDocuments {
    /// File name and contents of every mesh vector file.
    static func all() throws -> [(fileName: String, text: String)] {
        let sources = try MeshVectorSources()
        let handshake = try HandshakeVector(sources: sources)
        return [
            ("invite.json", try InviteVector(sources: sources).document.rendered()),
            ("beacon.json", try BeaconVector(sources: sources).document.rendered()),
            (
                "entry-datagram.json",
                try EntryDatagramVector(sources: sources).document.rendered()
            ),
            ("handshake.json", handshake.document.rendered()),
            ("frames.json", try FramesVector(handshake: handshake).document.rendered()),
            ("replication.json", try ReplicationVector(sources: sources).document.rendered()),
        ]
    }
}

/// The committed mesh vector files are exactly what the generator makes. With
/// `KITH_WRITE_VECTORS=1` in the environment the generator writes them instead
/// (Protocol/vectors/README.md).
@Suite("Mesh vector files")
struct MeshVectorFileTests {
    static var writing: Bool { ProcessInfo.processInfo.environment["KITH_WRITE_VECTORS"] == "1" }

    @Test("the committed mesh vector files match the generator byte for byte")
    func filesMatchGenerator() throws {
        for (fileName, text) in try MeshVectorDocuments.all() {
            let url = MeshRepositoryPaths.vectors.appendingPathComponent(fileName)
            if Self.writing {
                try Data(text.utf8).write(to: url, options: .atomic)
            }
            let onDisk = try String(contentsOf: url, encoding: .utf8)
            #expect(
                onDisk == text,
                "\(fileName) differs from the generator; if a format change is intended, run KITH_WRITE_VECTORS=1 swift test --filter MeshVectorFileTests"
            )
        }
    }
}
