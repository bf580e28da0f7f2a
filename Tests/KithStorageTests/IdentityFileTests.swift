import Foundation
import Glibc
import KithCore
import KithStorage
import KithTestSupport
import Testing

@Suite("IdentityFile")
struct IdentityFileTests {
    @Test("creating writes a 40-byte 0600 file with the magic, and loading gives the same key back")
    func createThenLoad() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let created = try file.loadOrCreate()
            #expect(created.wasCreated)

            let info = try fileStatus(file.path)
            #expect(info.st_mode & 0o777 == 0o600)
            #expect(info.st_size == 40)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
            #expect(Array(bytes.prefix(8)) == Array("KITHKEY1".utf8))

            let reloaded = try file.loadOrCreate()
            #expect(!reloaded.wasCreated)
            #expect(reloaded.key.publicKey == created.key.publicKey)
            #expect(try file.load().publicKey == created.key.publicKey)
        }
    }

    @Test("the file holds the seed: the key it loads is the one derived from those 32 bytes")
    func fileHoldsSeed() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let key = try file.loadOrCreate().key
            let bytes = try Data(contentsOf: URL(fileURLWithPath: file.path))
            let derived = try SigningKey(seed: Array(bytes.dropFirst(8)))
            #expect(derived.publicKey == key.publicKey)
        }
    }

    @Test("creating leaves no temporary file behind")
    func noTemporaryFiles() throws {
        try withScratchDirectory { directory in
            _ = try IdentityFile(directory: directory).loadOrCreate()
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(names == ["identity.key"])
        }
    }

    @Test("create does not replace an existing file")
    func createKeepsExistingFile() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let first = try #require(try file.create())
            #expect(try file.create() == nil)
            #expect(try file.load().publicKey == first.publicKey)
        }
    }

    @Test(
        "a missing file (or directory) is reported as not found by load", arguments: [false, true])
    func missingFile(directoryIsMissing: Bool) throws {
        try withScratchDirectory { directory in
            let path = (directoryIsMissing ? directory + "/absent" : directory) + "/identity.key"
            let file = IdentityFile(path: path)
            #expect(throws: IdentityFileError.notFound(path: path)) { try file.load() }
        }
    }

    @Test(
        "group- or other-accessible files are refused with the ssh-style message",
        arguments: [0o644, 0o640, 0o604, 0o660, 0o602])
    func refusesOpenPermissions(mode: Int) throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let original = try file.loadOrCreate().key
            #expect(chmod(file.path, mode_t(mode)) == 0)
            let error = #expect(throws: IdentityFileError.self) { try file.load() }
            #expect(error == .unprotected(path: file.path, permissions: UInt32(mode)))
            let message = String(describing: error)
            #expect(message.contains("UNPROTECTED PRIVATE KEY FILE"))
            #expect(message.contains(String(mode, radix: 8)))
            #expect(message.contains("chmod 600 '\(file.path)'"))
            // Refusing must not touch the file: fixing the mode makes it usable again.
            #expect(chmod(file.path, 0o600) == 0)
            #expect(try file.load().publicKey == original.publicKey)
        }
    }

    @Test("a file of another length is refused, never replaced", arguments: [0, 39, 41, 80])
    func refusesWrongLength(length: Int) throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let contents = Array(Array("KITHKEY1".utf8) + Array(repeating: UInt8(7), count: 72))
                .prefix(
                    length)
            try writePrivateFile(file.path, Array(contents))
            #expect(
                throws: IdentityFileError.wrongLength(path: file.path, byteCount: UInt64(length))
            ) {
                try file.loadOrCreate()
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == Data(contents))
        }
    }

    @Test("a 40-byte file with another magic is refused, never replaced")
    func refusesWrongMagic() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            let contents = Array("KITHKEY2".utf8) + Array(repeating: UInt8(1), count: 32)
            try writePrivateFile(file.path, contents)
            let error = #expect(throws: IdentityFileError.self) { try file.loadOrCreate() }
            #expect(error == .wrongMagic(path: file.path))
            #expect(String(describing: error).contains("KITHKEY1"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == Data(contents))
        }
    }

    @Test("a directory in place of the key file is refused")
    func refusesDirectory() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            #expect(mkdir(file.path, 0o700) == 0)
            #expect(throws: IdentityFileError.notARegularFile(path: file.path, kind: .directory)) {
                try file.loadOrCreate()
            }
        }
    }

    @Test("a symbolic link is refused, even to a valid private key file")
    func refusesSymbolicLink() throws {
        try withScratchDirectory { directory in
            let target = IdentityFile(path: directory + "/real.key")
            _ = try #require(try target.create())
            let file = IdentityFile(directory: directory)
            #expect(symlink(target.path, file.path) == 0)
            let error = #expect(throws: IdentityFileError.self) { try file.loadOrCreate() }
            #expect(error == .notARegularFile(path: file.path, kind: .symbolicLink))
            #expect(String(describing: error).contains("symbolic link"))
        }
    }

    @Test("a dangling symbolic link is refused rather than followed to create a file")
    func refusesDanglingSymbolicLink() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            #expect(symlink(directory + "/elsewhere.key", file.path) == 0)
            #expect(throws: IdentityFileError.notARegularFile(path: file.path, kind: .symbolicLink))
            {
                try file.loadOrCreate()
            }
            #expect(!FileManager.default.fileExists(atPath: directory + "/elsewhere.key"))
        }
    }

    @Test("a FIFO is refused without blocking")
    func refusesFIFO() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            #expect(mkfifo(file.path, 0o600) == 0)
            #expect(throws: IdentityFileError.notARegularFile(path: file.path, kind: .special)) {
                try file.load()
            }
        }
    }

    @Test(
        "a file owned by another user is refused",
        .enabled(if: geteuid() == 0, "needs root to chown"))
    func refusesOtherOwner() throws {
        try withScratchDirectory { directory in
            let file = IdentityFile(directory: directory)
            _ = try file.loadOrCreate()
            #expect(chown(file.path, 4242, 4242) == 0)
            let error = #expect(throws: IdentityFileError.self) { try file.load() }
            #expect(error == .wrongOwner(path: file.path, ownerID: 4242, userID: geteuid()))
        }
    }

    @Test("the key files of Protocol/vectors/identity.json load as the vectors' public keys")
    func specVectors() throws {
        let vectorsURL = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Protocol/vectors/identity.json")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: vectorsURL)) as? [String: Any])
        let keys = try #require(document["keys"] as? [[String: String]])
        #expect(!keys.isEmpty)
        for vector in keys {
            let keyFile = try #require(vector["keyFile"].flatMap(TestHex.decode))
            let publicKey = try #require(vector["publicKey"])
            try withScratchDirectory { directory in
                let file = IdentityFile(directory: directory)
                try writePrivateFile(file.path, keyFile)
                let key = try file.load()
                #expect(key.publicKey.hex == publicKey, "\(vector["name"] ?? "?")")
                #expect(key.publicKey.fingerprint.full == vector["fingerprint"])
            }
        }
    }

    @Test("two identities in two directories differ")
    func distinctIdentities() throws {
        try withScratchDirectory { first in
            try withScratchDirectory { second in
                let a = try IdentityFile(directory: first).loadOrCreate().key
                let b = try IdentityFile(directory: second).loadOrCreate().key
                #expect(a.publicKey != b.publicKey)
            }
        }
    }
}

/// Runs `body` with a new private directory, removed afterwards.
private func withScratchDirectory(_ body: (String) throws -> Void) throws {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("kith-identity-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: path) }
    try body(path)
}

/// Writes `bytes` to a new file with mode 0600.
private func writePrivateFile(_ path: String, _ bytes: [UInt8]) throws {
    #expect(
        FileManager.default.createFile(
            atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]))
    #expect(chmod(path, 0o600) == 0)
}

/// The status of `path`, following links.
private func fileStatus(_ path: String) throws -> stat {
    var info = stat()
    try #require(stat(path, &info) == 0)
    return info
}
