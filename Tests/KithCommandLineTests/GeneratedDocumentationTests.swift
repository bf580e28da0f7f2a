import Foundation
import KithCommandLine
import Testing

/// Man pages and shell completions come from the command declarations (the test tree of
/// TestCommandTree.swift), so they list exactly what the parser accepts.
@Suite("Generated manual page and shell completions")
struct GeneratedDocumentationTests {
    @Test("the tree walk visits every command with the options shared from above")
    func treeWalk() {
        let nodes = CommandTreeNode.walk(ToolRoot.self)
        #expect(
            nodes.map(\.path) == [[], ["post"], ["community"], ["community", "join"], ["fail"]])
        let join = nodes.first { $0.path == ["community", "join"] }
        #expect(join?.allOptions.map(\.name).contains("verbose") == true)
        #expect(join?.allOptions.map(\.name).contains("home") == true)
    }

    @Test("the manual page names every command, argument and option, roff-escaped")
    func manualPage() {
        let page = ManPage.render(root: ToolRoot.self, version: "9.9.9")
        #expect(page.hasPrefix(".TH TOOL 1 "))
        #expect(page.contains(".SS tool community join\n"))
        #expect(page.contains("\\fB\\-\\-channel\\fR \\fINAME\\fR"))
        #expect(page.contains("\\fB\\-c\\fR, "))
        #expect(ManPage.escaped(".hidden") == "\\&.hidden", "a leading dot is not a request")
    }

    @Test("bash completion offers the subcommands and options where they are accepted")
    func bashCompletion() async throws {
        let script = ShellCompletion.script(for: .bash, root: ToolRoot.self)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "kith-completion-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tool.bash")
        try script.write(to: file, atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [
                "-c",
                "source '\(file.path)'; COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); "
                    + "_tool; printf '%s\\n' \"${COMPREPLY[@]}\"",
            ]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
        }
        #expect(try complete(["tool", "co"]) == ["community"])
        #expect(try complete(["tool", "community", ""]).contains("join"))
        #expect(try complete(["tool", "--verbose", "community", "j"]) == ["join"])
        #expect(try complete(["tool", "post", "--ch"]) == ["--channel"])
        #expect(try complete(["tool", "community", "join", "--v"]) == ["--verbose"])
        #expect(try complete(["tool", "post", "--j"]).contains("--json"))
    }

    @Test("fish completion has one line per subcommand and per option")
    func fishCompletion() {
        let script = ShellCompletion.script(for: .fish, root: ToolRoot.self)
        #expect(script.contains("complete -c tool -n '__fish_use_subcommand' -a 'post'"))
        #expect(
            script.contains("complete -c tool -n '__fish_seen_subcommand_from community' -a 'join'")
        )
        #expect(script.contains("-n '__fish_seen_subcommand_from post' -l channel -s c -r -F"))
    }
}
