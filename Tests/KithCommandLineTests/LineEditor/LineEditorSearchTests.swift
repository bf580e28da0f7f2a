import KithCommandLine
import Testing

private let ctrlR = "\u{12}"
private let ctrlG = "\u{07}"
private let escape = "\u{1B}"

/// An editor whose history holds `lines`, oldest first.
private func editor(_ lines: [String]) -> LineEditor {
    LineEditor(history: lines)
}

private func feed(_ editor: inout LineEditor, _ text: String) -> [LineEditorEvent] {
    editor.feed(Array(text.utf8))
}

@Suite("LineEditor reverse search")
struct LineEditorSearchTests {
    let lines = ["hello alice", "/join #dev", "hello bob", "lunch?"]

    @Test("Ctrl-R shows the bash prompt and the newest line holding the text, cursor on the match")
    func findsNewest() {
        var line = editor(lines)
        _ = feed(&line, "draft" + ctrlR)
        #expect(line.state == LineEditorState(text: "draft", cursor: 5, search: .init(query: "")))
        _ = feed(&line, "hel")
        #expect(
            line.state
                == LineEditorState(text: "hello bob", cursor: 0, search: .init(query: "hel")))
        #expect(line.state.search?.prompt == "(reverse-i-search)'hel': ")
        _ = feed(&line, "lo b")
        #expect(line.state.text == "hello bob")
        _ = feed(&line, "\u{7F}a")
        #expect(
            line.state
                == LineEditorState(text: "hello alice", cursor: 0, search: .init(query: "hello a")))
    }

    @Test("Ctrl-R again finds older matches, then fails and rings, keeping the last one")
    func repeatedSearchGoesOlder() {
        var line = editor(lines)
        _ = feed(&line, ctrlR + "o")
        #expect(line.state.text == "hello bob")
        #expect(line.state.cursor == 4)
        _ = feed(&line, ctrlR)
        #expect(line.state.text == "/join #dev")
        _ = feed(&line, ctrlR)
        #expect(line.state.text == "hello alice")
        let events = feed(&line, ctrlR)
        #expect(events == [.bell])
        #expect(line.state.text == "hello alice")
        #expect(line.state.search == .init(query: "o", failed: true))
        #expect(line.state.search?.prompt == "(failed reverse-i-search)'o': ")
    }

    @Test("a text no line holds fails at once and rings")
    func noMatch() {
        var line = editor(lines)
        let events = feed(&line, "x" + ctrlR + "zz")
        #expect(events == [.bell, .bell])
        #expect(line.state.text == "x")
        #expect(line.state.search?.failed == true)
    }

    @Test("Ctrl-G and Ctrl-C cancel and restore the line and cursor", arguments: [ctrlG, "\u{03}"])
    func cancelRestores(key: String) {
        var line = editor(lines)
        _ = feed(&line, "typing\u{1B}[D\u{1B}[D" + ctrlR + "lunch")
        #expect(line.state.text == "lunch?")
        let events = feed(&line, key)
        #expect(events.isEmpty)
        #expect(line.state == LineEditorState(text: "typing", cursor: 4))
    }

    @Test("a lone Esc cancels once the caller says nothing followed it")
    func escapeCancelsAfterPause() {
        var line = editor(lines)
        _ = feed(&line, "typing" + ctrlR + "bob" + escape)
        #expect(line.isWaitingAfterEscape)
        #expect(line.state.text == "hello bob")
        line.escapeTimedOut()
        #expect(!line.isWaitingAfterEscape)
        #expect(line.state == LineEditorState(text: "typing", cursor: 6))
        // Outside a search Esc waits for nothing (Alt-b typed as Esc then b still works).
        _ = feed(&line, escape)
        #expect(!line.isWaitingAfterEscape)
    }

    @Test("Enter posts the line found and records it in the history")
    func enterSubmits() {
        var line = editor(lines)
        let events = feed(&line, "draft" + ctrlR + "join\r")
        #expect(events == [.submit("/join #dev")])
        #expect(line.state == LineEditorState())
        #expect(line.history.last == "/join #dev")
    }

    @Test("an editing key keeps the line found and then acts: End, Ctrl-A, Left")
    func editingKeyAccepts() {
        var line = editor(lines)
        _ = feed(&line, ctrlR + "bob" + "\u{1B}[F")
        #expect(line.state == LineEditorState(text: "hello bob", cursor: 9))
        _ = feed(&line, "!")
        #expect(line.state.text == "hello bob!")
        _ = feed(&line, "\u{15}" + ctrlR + "alice" + "\u{01}" + "> ")
        #expect(line.state == LineEditorState(text: "> hello alice", cursor: 2))
    }

    @Test("Ctrl-R on an empty search looks again for what the last search looked for")
    func repeatsLastQuery() {
        var line = editor(lines)
        _ = feed(&line, ctrlR + "hello" + ctrlG)
        _ = feed(&line, ctrlR + ctrlR)
        #expect(line.state.text == "hello bob")
        #expect(line.state.search == .init(query: "hello"))
        _ = feed(&line, ctrlR)
        #expect(line.state.text == "hello alice")
    }

    @Test("wide characters and emoji are searched by character; split bytes change nothing")
    func unicodeQuery() {
        var whole = editor(["日本語のテキスト", "emoji 👍🏽 here"])
        _ = feed(&whole, ctrlR + "テキ")
        #expect(
            whole.state == LineEditorState(text: "日本語のテキスト", cursor: 4, search: .init(query: "テキ")))
        var split = editor(["日本語のテキスト", "emoji 👍🏽 here"])
        for byte in (ctrlR + "👍🏽").utf8 { _ = split.feed([byte]) }
        #expect(split.state.text == "emoji 👍🏽 here")
        #expect(split.state.cursor == 6)
    }
}
