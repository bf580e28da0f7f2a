import KithCore
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The communities a node is in, kept in `<home>/communities` (Protocol/communities.md).
///
/// The file holds secret keys: it is created 0600 and refused when others can read it. Each line is
/// `KEYHEX NAME`. Without the file, a node is in the default community only.
public struct CommunityBook: Sendable {
    /// The file name inside a node's home.
    public static let fileName = "communities"
    /// The file's path.
    public let path: String

    /// The book of the node whose home is `home`.
    public init(home: String) { path = home + "/" + Self.fileName }

    /// The book kept in the file at `path`.
    public init(path: String) { self.path = path }

    /// The communities, in the order they were joined (the default community first unless left).
    public func load() throws(CommunityBookError) -> [CommunityMembership] {
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(path, .readOnly)
        } catch {
            if error.rawValue == ENOENT { return [.lobby] }
            throw .io("open", path: path, error)
        }
        defer { try? descriptor.close() }
        var status = stat()
        if fstat(descriptor.rawValue, &status) == 0, status.st_mode & 0o077 != 0 {
            throw .unprotected(path: path, mode: UInt32(status.st_mode))
        }
        let bytes: [UInt8]
        do throws(Errno) {
            let size = try descriptor.size()
            guard size <= 1 << 20 else { throw Errno(rawValue: EFBIG) }
            bytes = try descriptor.read(count: Int(size), at: 0)
        } catch {
            throw .io("read", path: path, error)
        }
        var result: [CommunityMembership] = []
        for (number, line) in String(decoding: bytes, as: UTF8.self).split(
            separator: "\n", omittingEmptySubsequences: false
        ).enumerated() where !line.isEmpty {
            guard let space = line.firstIndex(of: " "),
                let key = try? CommunityKey(hex: String(line[..<space])),
                case let name = String(line[line.index(after: space)...]),
                CommunityMembership.isValidName(name)
            else { throw .malformedLine(path: path, line: number + 1) }
            result.append(CommunityMembership(name: name, key: key))
        }
        return result
    }

    /// Adds a community and saves the list.
    public func join(_ membership: CommunityMembership) throws(CommunityBookError) {
        guard CommunityMembership.isValidName(membership.name) else {
            throw .invalidName(membership.name)
        }
        var list = try load()
        if let existing = list.first(where: { $0.key == membership.key }) {
            throw .alreadyMember(existing.name)
        }
        guard !list.contains(where: { $0.name == membership.name }) else {
            throw .nameTaken(membership.name)
        }
        list.append(membership)
        try save(list)
    }

    /// Removes the community called `name` and saves the list. Returns what was removed.
    @discardableResult
    public func leave(named name: String) throws(CommunityBookError) -> CommunityMembership {
        var list = try load()
        guard let index = list.firstIndex(where: { $0.name == name }) else { throw .unknown(name) }
        let removed = list.remove(at: index)
        try save(list)
        return removed
    }

    /// Removes the community whose id is `id` and saves the list. Returns what was removed.
    @discardableResult
    public func leave(id: CommunityID) throws(CommunityBookError) -> CommunityMembership {
        var list = try load()
        guard let index = list.firstIndex(where: { $0.id == id }) else {
            throw .unknown(String(id.hex.prefix(16)))
        }
        let removed = list.remove(at: index)
        try save(list)
        return removed
    }

    /// The community called `name`.
    public func membership(named name: String) throws(CommunityBookError) -> CommunityMembership {
        guard let found = try load().first(where: { $0.name == name }) else { throw .unknown(name) }
        return found
    }

    /// Writes the list atomically (temporary file 0600, fsync, rename, fsync the directory).
    private func save(_ list: [CommunityMembership]) throws(CommunityBookError) {
        let text = list.map { $0.key.hex + " " + $0.name + "\n" }.joined()
        let temporary = path + ".tmp"
        do throws(Errno) {
            try? FileSystem.removeFile(temporary)
            let descriptor = try FileDescriptor.open(
                temporary, .writeOnly, options: [.create, .exclusive], permissions: 0o600)
            do throws(Errno) {
                try descriptor.writeAll(Array(text.utf8), at: 0)
                try descriptor.sync()
            } catch {
                try? descriptor.close()
                throw error
            }
            try descriptor.close()
            try FileSystem.rename(temporary, to: path)
            try FileSystem.syncDirectory(FileSystem.parentDirectory(of: path))
        } catch {
            throw .io("write", path: path, error)
        }
    }
}
