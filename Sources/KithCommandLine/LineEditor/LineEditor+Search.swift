extension LineEditor {
    /// A reverse incremental search under way (Ctrl-R).
    struct ReverseSearch: Sendable, Equatable {
        /// The line and cursor before the search started, restored when it is cancelled.
        var original: LineEditorState
        /// What was typed to search for.
        var query = ""
        /// The history index of the line shown; nil while none is (empty query, or no match yet).
        var match: Int?
    }

    /// Handles a byte while a reverse search is under way. Returns false when the byte ends
    /// the search and must then be handled as usual (the line found stays in the input):
    /// Enter, Tab, and keys that move or edit.
    mutating func handleSearching(_ byte: UInt8, into events: inout [LineEditorEvent]) -> Bool {
        switch byte {
        case TerminalByte.ctrlR: searchOlder(into: &events)
        case TerminalByte.ctrlG, TerminalByte.ctrlC: cancelSearch()
        case TerminalByte.delete, TerminalByte.backspace: shortenQuery(into: &events)
        case TerminalByte.escape: escapeParser.begin()
        case TerminalByte.printable: extendQuery(with: Unicode.Scalar(byte), into: &events)
        default:
            acceptSearch()
            return false
        }
        return true
    }

    /// Ctrl-R outside a search: starts one, showing the line as it is until something is typed.
    mutating func startSearch() {
        reverseSearch = ReverseSearch(original: state)
        state.search = LineSearchDisplay(query: "")
    }

    /// Ctrl-R inside a search: the next older line holding the query. With an empty query it
    /// searches again for what the last search looked for, as bash does.
    private mutating func searchOlder(into events: inout [LineEditorEvent]) {
        guard var search = reverseSearch else { return }
        if search.query.isEmpty {
            guard !lastSearchQuery.isEmpty else { return }
            search.query = lastSearchQuery
            reverseSearch = search
            find(from: history.count, into: &events)
            return
        }
        find(from: search.match ?? history.count, into: &events)
    }

    /// A character typed inside a search: the query grows and the line shown is kept when it
    /// still matches (else an older one is looked for).
    mutating func extendQuery(with scalar: Unicode.Scalar, into events: inout [LineEditorEvent]) {
        guard var search = reverseSearch, !Self.isControl(scalar) else { return }
        guard search.query.utf8.count + scalar.utf8.count <= maximumLineBytes else {
            events.append(.bell)
            return
        }
        search.query.unicodeScalars.append(scalar)
        reverseSearch = search
        find(from: search.match.map { $0 + 1 } ?? history.count, into: &events)
    }

    /// Backspace inside a search: the query loses its last character and the search starts
    /// again from the newest line.
    private mutating func shortenQuery(into events: inout [LineEditorEvent]) {
        guard var search = reverseSearch, !search.query.isEmpty else { return }
        search.query.removeLast()
        search.match = nil
        reverseSearch = search
        if search.query.isEmpty {
            state = LineEditorState(
                text: search.original.text, cursor: search.original.cursor,
                search: LineSearchDisplay(query: ""))
            return
        }
        find(from: history.count, into: &events)
    }

    /// Shows the newest history line before index `end` that holds the query, the cursor on
    /// the match; when none does, keeps what is shown, marks the search failed and rings.
    private mutating func find(from end: Int, into events: inout [LineEditorEvent]) {
        guard var search = reverseSearch else { return }
        let lines = history
        let query = Array(search.query)
        var index = min(end, lines.count) - 1
        while index >= 0 {
            if let offset = Self.offset(of: query, in: Array(lines[index])) {
                search.match = index
                reverseSearch = search
                state = LineEditorState(
                    text: lines[index], cursor: offset,
                    search: LineSearchDisplay(query: search.query))
                return
            }
            index -= 1
        }
        state.search = LineSearchDisplay(query: search.query, failed: true)
        events.append(.bell)
    }

    /// Ends the search keeping the line found (and the cursor on the match) for editing.
    mutating func acceptSearch() {
        guard let search = reverseSearch else { return }
        if !search.query.isEmpty { lastSearchQuery = search.query }
        reverseSearch = nil
        state.search = nil
    }

    /// Ctrl-G, Ctrl-C or Esc: ends the search and puts back the line as it was.
    mutating func cancelSearch() {
        guard let search = reverseSearch else { return }
        if !search.query.isEmpty { lastSearchQuery = search.query }
        reverseSearch = nil
        state = search.original
    }

    /// Where `needle` first occurs in `haystack` (grapheme offsets), nil when it does not.
    static func offset(of needle: [Character], in haystack: [Character]) -> Int? {
        guard !needle.isEmpty else { return 0 }
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count)
        where haystack[start..<(start + needle.count)].elementsEqual(needle) {
            return start
        }
        return nil
    }
}
