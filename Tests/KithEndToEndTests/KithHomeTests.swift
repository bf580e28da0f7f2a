import Foundation
import KithCommandLine
import Testing

@Suite("KithHome")
struct KithHomeTests {
    private let fullEnvironment = [
        "KITH_HOME": "/kith-home",
        "XDG_DATA_HOME": "/xdg",
        "HOME": "/home/user",
    ]

    @Test(
        "resolution order: --home, then KITH_HOME, then $XDG_DATA_HOME/kith, then ~/.local/share/kith"
    )
    func order() throws {
        var environment = fullEnvironment
        #expect(
            try KithHome.resolve(optionValue: "/opt", environment: environment)
                == KithHome(path: "/opt", source: .option))
        #expect(
            try KithHome.resolve(optionValue: nil, environment: environment)
                == KithHome(path: "/kith-home", source: .kithHomeVariable))
        environment["KITH_HOME"] = nil
        #expect(
            try KithHome.resolve(optionValue: nil, environment: environment)
                == KithHome(path: "/xdg/kith", source: .xdgDataHome))
        environment["XDG_DATA_HOME"] = nil
        #expect(
            try KithHome.resolve(optionValue: nil, environment: environment)
                == KithHome(path: "/home/user/.local/share/kith", source: .defaultLocation)
        )
    }

    @Test("empty variables count as unset and a relative XDG_DATA_HOME is ignored")
    func emptyAndRelative() throws {
        let environment = ["KITH_HOME": "", "XDG_DATA_HOME": "relative/data", "HOME": "/home/u/"]
        #expect(
            try KithHome.resolve(optionValue: nil, environment: environment).path
                == "/home/u/.local/share/kith")
        let emptyXDG = ["XDG_DATA_HOME": "", "HOME": "/root"]
        #expect(
            try KithHome.resolve(optionValue: nil, environment: emptyXDG).path
                == "/root/.local/share/kith")
    }

    @Test("no usable variable and no option is an error that says what to do")
    func nothingSet() {
        let error = #expect(throws: KithHomeError.self) {
            try KithHome.resolve(optionValue: nil, environment: [:])
        }
        #expect(error == .noUserHome)
        #expect(String(describing: error).contains("--home"))
        #expect(throws: KithHomeError.emptyOption) {
            try KithHome.resolve(optionValue: "", environment: fullEnvironment)
        }
    }

    @Test("trailing slashes are trimmed and files are joined with one slash")
    func paths() {
        #expect(
            KithHome(path: "/a/b//", source: .option).file("identity.key") == "/a/b/identity.key")
        #expect(KithHome(path: "/", source: .option).file("identity.key") == "/identity.key")
        #expect(KithHome(path: "rel", source: .option).file("x") == "rel/x")
    }

    @Test("createIfNeeded makes missing directories with mode 0700 and accepts an existing one")
    func creation() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kith-home-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let home = KithHome(path: base + "/deep/er/kith", source: .option)
        try home.createIfNeeded()
        for path in [base, base + "/deep", base + "/deep/er", home.path] {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o700, "\(path)")
        }
        try home.createIfNeeded()
    }

    @Test("a file where the home should be is an error")
    func fileInTheWay() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kith-home-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        #expect(throws: KithHomeError.notADirectory(path)) {
            try KithHome(path: path, source: .option).createIfNeeded()
        }
        let below = KithHome(path: path + "/kith", source: .option)
        let error = #expect(throws: KithHomeError.self) { try below.createIfNeeded() }
        guard case .cannotCreate(let failedPath, _)? = error else {
            Issue.record("expected cannotCreate, got \(String(describing: error))")
            return
        }
        #expect(failedPath == below.path)
    }

    @Test("a home other users may write to is refused with the fix, by the library and by kith")
    func writableByOthers() async throws {
        try await withScratchSpace { space in
            let path = space.path + "/shared"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            for mode in [0o777, 0o770, 0o702] {
                try FileManager.default.setAttributes(
                    [.posixPermissions: mode], ofItemAtPath: path)
                #expect(throws: KithHomeError.writableByOthers(path, mode: UInt32(mode))) {
                    try KithHome(path: path, source: .option).createIfNeeded()
                }
            }
            let result = try await KithBinary.kith().run(
                ["post", "--home", path, "hello"], environment: space.environment())
            #expect(result.status != 0)
            #expect(result.standardError.contains("writable by other users (mode 702)"))
            #expect(result.standardError.contains("chmod 700 '\(path)'"))
            #expect(!FileManager.default.fileExists(atPath: path + "/identity.key"))
            // Made private, the same home works; 0755 (others may read) is accepted.
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            try KithHome(path: path, source: .option).createIfNeeded()
        }
    }
}
