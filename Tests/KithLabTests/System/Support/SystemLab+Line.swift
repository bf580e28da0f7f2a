extension SystemLab {
    /// Three hosts in a line: A on bridge `one`, C on bridge `two`, B on both (the only way
    /// between A and C). Each gets a nick (ann, ben, cat) and a running chat; returns once A–B and
    /// B–C hold sessions.
    func startLineOfThree() async throws -> (a: KithHost, b: KithHost, c: KithHost) {
        try await lab.addBridge("one")
        try await lab.addBridge("two")
        let a = try await addHost("a", bridges: ["one"])
        let b = try await addHost("b", bridges: ["one", "two"])
        let c = try await addHost("c", bridges: ["two"])
        for (node, nick) in [(a, "ann"), (b, "ben"), (c, "cat")] {
            try await node.setNick(nick)
            try node.startChat()
        }
        try await waitForFullMesh([a, b])
        try await waitForFullMesh([b, c])
        return (a, b, c)
    }
}
