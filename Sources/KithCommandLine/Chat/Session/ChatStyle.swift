import KithCore

/// How chat lines are coloured: not at all when colour is off (NO_COLOR, not a terminal, JSON).
public struct ChatStyle: Sendable, Equatable {
    /// Whether escape codes are written.
    public let usesColor: Bool

    /// A style with colour on or off.
    public init(usesColor: Bool) {
        self.usesColor = usesColor
    }

    private static let nameColors: [TextStyle] = [.green, .blue, .magenta, .cyan, .yellow, .red]

    /// `text` in `style`, or plain.
    public func apply(_ text: String, _ style: TextStyle) -> String {
        Terminal.styled(text, style, enabled: usesColor)
    }

    /// A person's label in a colour of its own, chosen from its key, so two people with the same
    /// name usually look different at a glance.
    public func person(_ label: String, key: PublicKey) -> String {
        guard usesColor else { return label }
        let index = Int(key.bytes.first ?? 0) % Self.nameColors.count
        return apply(label, Self.nameColors[index])
    }

    /// The reader's own name in its lines: bold.
    public func own(_ label: String) -> String { apply(label, .bold) }

    /// Text that mentions the reader: bold yellow.
    public func mention(_ text: String) -> String {
        usesColor ? "\u{1B}[1;33m\(text)\u{1B}[0m" : text
    }
}
