import Foundation

extension SystemLab {
    /// Starts `kith chat` for `node` on a pseudo-terminal in the node's lab host, with the same
    /// options ``KithHost/startChat(channel:verbose:extra:)`` passes (home, channel, the host's
    /// interfaces, `--verbose`), `NO_COLOR=1` and `TERM=xterm`. The chat starts a node inside
    /// itself when none runs in the home. Its standard error goes to a file (see
    /// ``TerminalProcess/standardError``).
    ///
    /// The caller closes the returned process (`defer { chat.close() }`).
    func startChatOnTerminal(
        _ node: KithHost,
        channel: String = "general",
        verbose: Bool = true,
        size: TerminalWindowSize = .standard,
        extra: [String] = []
    ) throws(LabError) -> TerminalProcess {
        let arguments =
            ["chat", "--home", node.home.path, "--channel", channel] + node.interfaceArguments
            + (verbose ? ["--verbose"] : []) + extra
        return try lab.spawnOnTerminal(
            host: node.name,
            executable: try KithTools.kith().path,
            arguments: arguments,
            environment: ["NO_COLOR": "1", "TERM": "xterm"],
            size: size)
    }
}
