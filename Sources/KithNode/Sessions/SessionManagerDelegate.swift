/// What the ``SessionManager`` tells the node that owns it. Called on the loop thread.
protocol SessionManagerDelegate: AnyObject {
    /// A connection finished its handshake and has `session`; the delegate decides whether the
    /// session is kept.
    func sessionEstablished(_ connection: Connection, _ session: EstablishedSession)
    /// An established session's outgoing buffer fell to the low watermark: `room` more bytes may
    /// be queued.
    func sessionWritable(_ connection: Connection, room: Int)
    /// A connection is closed and forgotten, in whatever phase it was.
    func connectionClosed(_ connection: Connection, reason: String)
}
