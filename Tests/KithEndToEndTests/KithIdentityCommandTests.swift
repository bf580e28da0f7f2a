import Foundation
import KithCommandLine
import Testing

@Suite("EndToEnd: kith id, options and exit codes")
struct KithIdentityCommandTests {
    /// The public key hex from `kith id`'s text output.
    private func publicKey(in result: KithBinary.Result) -> String? {
        result.outputLines.first { $0.hasPrefix("Public key:") }?.split(separator: " ").last.map(
            String.init)
    }

    @Test("`kith id` creates the identity once and prints the same key every time")
    func sameKeyTwice() async throws {
        try await withScratchSpace { space in
            let kith = try KithBinary.kith()
            let environment = space.environment(["KITH_HOME": space.path + "/home"])
            let first = try await kith.run(["id"], environment: environment)
            #expect(first.status == 0, "\(first)")
            #expect(first.standardError.contains("created a new identity"))
            let key = try #require(publicKey(in: first), "\(first)")
            #expect(key.count == 64 && key.allSatisfy(\.isHexDigit))
            #expect(first.outputLines.count == 2)
            #expect(first.outputLines.last?.hasPrefix("Fingerprint: ") == true)

            let second = try await kith.run(["id"], environment: environment)
            #expect(second.status == 0, "\(second)")
            #expect(second.standardOutput == first.standardOutput)
            #expect(second.standardError.isEmpty)

            let attributes = try FileManager.default.attributesOfItem(
                atPath: space.path + "/home/identity.key")
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            #expect((attributes[.size] as? Int) == 40)
        }
    }

    @Test("`kith id --json` prints one JSON object agreeing with the text output")
    func json() async throws {
        try await withScratchSpace { space in
            let kith = try KithBinary.kith()
            let environment = space.environment(["KITH_HOME": space.path + "/home"])
            let result = try await kith.run(["id", "--json"], environment: environment)
            #expect(result.status == 0, "\(result)")
            #expect(result.outputLines.count == 1)
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
                    as? [String: Any]
            )
            let text = try await kith.run(["id"], environment: environment)
            #expect(object["public_key"] as? String == publicKey(in: text))
            let fingerprint = try #require(object["fingerprint"] as? String)
            #expect(text.outputLines.last == "Fingerprint: \(fingerprint)")
            #expect(object["fingerprint_short"] as? String == String(fingerprint.prefix(9)))
            #expect(object["key_file"] as? String == space.path + "/home/identity.key")
            #expect(object["created"] as? Bool == true)
            #expect(result.standardOutput.hasPrefix(#"{"public_key":"#))
        }
    }

    @Test(
        "--home (before or after `id`) wins over KITH_HOME, which wins over XDG_DATA_HOME and HOME")
    func homeResolution() async throws {
        try await withScratchSpace { space in
            let kith = try KithBinary.kith()
            let everything = space.environment([
                "KITH_HOME": space.path + "/env-home",
                "XDG_DATA_HOME": space.path + "/xdg",
            ])
            let viaOption = try await kith.run(
                ["--home", space.path + "/opt-home", "id"], environment: everything)
            #expect(viaOption.status == 0, "\(viaOption)")
            #expect(FileManager.default.fileExists(atPath: space.path + "/opt-home/identity.key"))
            #expect(!FileManager.default.fileExists(atPath: space.path + "/env-home"))
            let optionAfter = try await kith.run(
                ["id", "--home=" + space.path + "/opt-home"], environment: everything)
            #expect(optionAfter.standardOutput == viaOption.standardOutput)

            let viaVariable = try await kith.run(["id"], environment: everything)
            #expect(FileManager.default.fileExists(atPath: space.path + "/env-home/identity.key"))
            #expect(publicKey(in: viaVariable) != publicKey(in: viaOption))

            let viaXDG = try await kith.run(
                ["id"], environment: space.environment(["XDG_DATA_HOME": space.path + "/xdg"]))
            #expect(viaXDG.status == 0, "\(viaXDG)")
            #expect(FileManager.default.fileExists(atPath: space.path + "/xdg/kith/identity.key"))

            let viaHome = try await kith.run(["id"], environment: space.environment())
            #expect(viaHome.status == 0, "\(viaHome)")
            #expect(
                FileManager.default.fileExists(
                    atPath: space.path + "/user-home/.local/share/kith/identity.key"))
            let homeAttributes = try FileManager.default.attributesOfItem(
                atPath: space.path + "/user-home/.local/share/kith")
            #expect((homeAttributes[.posixPermissions] as? Int) == 0o700)
        }
    }

    @Test("a bad option exits 2 with the message and a usage hint on stderr and nothing on stdout")
    func badOption() async throws {
        try await withScratchSpace { space in
            let result = try await KithBinary.kith().run(
                ["id", "--jsn"], environment: space.environment())
            #expect(result.status == 2, "\(result)")
            #expect(result.standardOutput.isEmpty)
            #expect(
                result.standardError.hasPrefix(
                    "kith: unknown option '--jsn'; did you mean '--json'?\nUsage: kith id"))
            #expect(result.standardError.contains("Run 'kith id --help'"))
            #expect(!FileManager.default.fileExists(atPath: space.path + "/user-home"))
        }
    }

    @Test(
        "usage errors exit 2: unknown command, missing command, stray argument",
        arguments: [["idd"], [], ["id", "extra"]])
    func otherUsageErrors(arguments: [String]) async throws {
        try await withScratchSpace { space in
            let result = try await KithBinary.kith().run(
                arguments, environment: space.environment())
            #expect(result.status == 2, "\(result)")
            #expect(result.standardError.hasPrefix("kith: "))
            #expect(result.standardOutput.isEmpty)
        }
    }

    @Test(
        "`kith id --help` and `kith --help` print help on stdout and exit 0",
        arguments: [["id", "--help"], ["id", "-h"], ["--help"]])
    func help(arguments: [String]) async throws {
        try await withScratchSpace { space in
            let result = try await KithBinary.kith().run(
                arguments, environment: space.environment())
            #expect(result.status == 0, "\(result)")
            #expect(
                result.standardOutput.hasPrefix(
                    arguments.first == "id" ? "Usage: kith id" : "Usage: kith ")
            )
            #expect(result.standardOutput.contains("--home DIR"))
            #expect(result.standardError.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: space.path + "/user-home"))
        }
    }

    @Test("`kith --version` prints the version")
    func version() async throws {
        try await withScratchSpace { space in
            let result = try await KithBinary.kith().run(
                ["--version"], environment: space.environment())
            #expect(result.status == 0)
            #expect(result.standardOutput == "kith \(KithVersion.current)\n")
        }
    }

    @Test("an unprotected key file makes `kith id` fail with exit 1 and the ssh-style message")
    func unprotectedKeyFile() async throws {
        try await withScratchSpace { space in
            let kith = try KithBinary.kith()
            let environment = space.environment(["KITH_HOME": space.path + "/home"])
            #expect(try await kith.run(["id"], environment: environment).status == 0)
            let keyPath = space.path + "/home/identity.key"
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyPath)
            let result = try await kith.run(["id"], environment: environment)
            #expect(result.status == 1, "\(result)")
            #expect(result.standardOutput.isEmpty)
            #expect(
                result.standardError.hasPrefix(
                    "kith: UNPROTECTED PRIVATE KEY FILE: permissions 0644 for '\(keyPath)'"))
            #expect(result.standardError.contains("chmod 600"))
        }
    }

    @Test("the helper finds kith-log too")
    func locatesKithLog() throws {
        let kithLog = try KithBinary.kithLog()
        #expect(kithLog.url.lastPathComponent == "kith-log")
    }

    @Test(
        "standard input reaches the child and a hang is killed at the timeout instead of blocking")
    func helperMechanics() async throws {
        let cat = KithBinary(url: URL(fileURLWithPath: "/bin/cat"))
        let echoed = try await cat.run([], environment: [:], standardInput: "hello\nworld\n")
        #expect(echoed.status == 0)
        #expect(echoed.outputLines == ["hello", "world"])

        let sleeper = KithBinary(url: URL(fileURLWithPath: "/bin/sleep"))
        let error = await #expect(throws: KithBinary.Failure.self) {
            try await sleeper.run(["600"], environment: [:], timeout: .milliseconds(200))
        }
        #expect(error?.description.contains("did not finish") == true)
    }
}
