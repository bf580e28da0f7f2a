extension LineEditor {
    /// What the last Tab put in the line, so the next Tab can replace it with the next
    /// candidate.
    struct CompletionCycle: Sendable, Equatable {
        /// Where the completed word starts (grapheme offset).
        var start: Int
        /// How many characters the candidate shown occupies.
        var length: Int
        /// Every candidate, in order.
        var candidates: [String]
        /// Which one is shown.
        var index: Int
    }

    /// Tab: completes the word before the cursor with the first candidate `completions`
    /// offers, or, right after another Tab, replaces that candidate with the next one (cycling).
    /// Rings the bell when there is none.
    mutating func complete(
        continuing cycle: CompletionCycle?, completions: (LineCompletionRequest) -> [String],
        into events: inout [LineEditorEvent]
    ) {
        if var cycle, cycle.candidates.count > 1, state.cursor == cycle.start + cycle.length {
            cycle.index = (cycle.index + 1) % cycle.candidates.count
            if show(cycle.candidates[cycle.index], replacing: &cycle, into: &events) {
                completion = cycle
            }
            return
        }
        if let cycle, cycle.candidates.count == 1 {
            completion = cycle
            return
        }
        let characters = Array(state.text)
        var start = state.cursor
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        let request = LineCompletionRequest(
            word: String(characters[start..<state.cursor]),
            isFirstWord: characters[0..<start].allSatisfy(\.isWhitespace))
        let candidates = completions(request).filter {
            !$0.isEmpty && !$0.unicodeScalars.contains(where: Self.isControl)
        }
        guard let first = candidates.first else {
            events.append(.bell)
            return
        }
        var next = CompletionCycle(
            start: start, length: state.cursor - start, candidates: candidates, index: 0)
        if show(first, replacing: &next, into: &events) { completion = next }
    }

    /// Puts `candidate` in place of what `cycle` covers; false (and a bell) when the line
    /// would grow past its limit.
    private mutating func show(
        _ candidate: String, replacing cycle: inout CompletionCycle,
        into events: inout [LineEditorEvent]
    ) -> Bool {
        let characters = Array(state.text)
        let replaced = String(characters[cycle.start..<(cycle.start + cycle.length)])
        guard state.text.utf8.count - replaced.utf8.count + candidate.utf8.count <= maximumLineBytes
        else {
            events.append(.bell)
            return false
        }
        replace(charactersIn: cycle.start..<(cycle.start + cycle.length), with: candidate)
        cycle.length = state.cursor - cycle.start
        return true
    }
}
