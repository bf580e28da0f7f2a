import KithCommandLine
import KithCore
import Testing

private typealias Harness = ChatSessionHarness

@Suite("ChatSession: a line marks the day between messages of different days")
struct ChatDayChangeTests {
    private static let day: UInt64 = 86_400_000

    @Test("live posts a day apart get `-- Friday 2 January 2026` between them, once")
    func livePosts() throws {
        var chat = try Harness(dayMarkers: true)
        let first = try chat.post(by: chat.bob, "thursday", name: "bob")
        let second = try chat.post(by: chat.bob, "friday", at: Harness.noon + Self.day, name: "bob")
        let third = try chat.post(
            by: chat.bob, "friday again", at: Harness.noon + Self.day + 1, name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([first]))).count == 1)
        let lines = Harness.shown(chat.handle(.arrived([second, third])))
        #expect(lines.count == 3)
        #expect(lines.first == "-- Friday 2 January 2026")
        #expect(lines.last?.hasSuffix(": friday again") == true)
    }

    @Test("history spanning days is marked where the day changes")
    func history() throws {
        var chat = try Harness(dayMarkers: true)
        let old = try chat.post(by: chat.bob, "before", at: Harness.noon - Self.day, name: "bob")
        let new = try chat.post(by: chat.bob, "after", name: "bob")
        let lines = Harness.shown(
            chat.handle(
                .replied(.joinHistory(try ChannelName("general")), .entries([old, new]))))
        #expect(lines.count == 4)
        #expect(lines[2] == "-- Thursday 1 January 2026")
    }

    @Test("without a day label (scripts) no line is added")
    func scripts() throws {
        var chat = try Harness()
        let first = try chat.post(by: chat.bob, "one", name: "bob")
        let second = try chat.post(by: chat.bob, "two", at: Harness.noon + Self.day, name: "bob")
        #expect(Harness.shown(chat.handle(.arrived([first, second]))).count == 2)
    }

    @Test("day labels: weekday, day, month and year in the given offset")
    func dayLabels() {
        #expect(
            TimeFormatting.localDay(millisecondsSinceEpoch: 1_796_385_600_000, offsetSeconds: 0)
                == "Friday 4 December 2026")
        #expect(
            TimeFormatting.localDay(millisecondsSinceEpoch: 0, offsetSeconds: -3600)
                == "Wednesday 31 December 1969")
        #expect(
            TimeFormatting.localDay(millisecondsSinceEpoch: 0, offsetSeconds: 0)
                == "Thursday 1 January 1970")
    }
}
