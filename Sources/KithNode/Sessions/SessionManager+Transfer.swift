import KithCore
import KithMesh
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

extension SessionManager {
    /// Reads what the connection may take now: the rest of the handshake messages, or frame
    /// bytes up to the input limit.
    func read(_ connection: Connection) {
        switch connection.state {
        case .handshaking:
            readHandshake(connection)
        case .established:
            readFrames(connection)
        case .closing:
            discardInput(connection)
        case .connecting:
            break
        }
    }

    /// Reads frame bytes until the socket is empty or the input holds the limit; reading then
    /// pauses (TCP slows the peer) until the node has decoded what is buffered.
    func readFrames(_ connection: Connection) {
        while connection.input.readableBytes < configuration.inputLimit {
            let room = configuration.inputLimit - connection.input.readableBytes
            let wanted = min(room, 64 * 1024)
            let bytes: [UInt8]?
            do {
                bytes = try connection.socket.receive(maximumCount: wanted)
            } catch {
                broke(connection, reason: "\(error)")
                return
            }
            guard let bytes else { break }
            if bytes.isEmpty {
                connection.updateEstablishedSession { $0.inputEnded = true }
                break
            }
            connection.input.append(contentsOf: bytes)
            bytesReceived += bytes.count
            // A short read emptied the socket: asking again would only say so (the loop reports
            // it again when more arrives, or the end of the stream).
            if bytes.count < wanted { break }
        }
        updateInterest(connection)
    }

    /// The connection failed (a reset, a broken pipe). A peer that says `goodbye` and closes with
    /// bytes unread resets the connection, and the reset can come before the node has read the
    /// goodbye: so an established session first takes what the socket still holds, stops reading
    /// and sending, and is closed once the node has decoded every complete frame (a goodbye among
    /// them ends it as a goodbye). Any other connection is closed at once.
    func broke(_ connection: Connection, reason: String) {
        guard case .established(var session) = connection.state, session.brokenReason == nil else {
            abort(connection, reason: reason)
            return
        }
        while connection.input.readableBytes < configuration.inputLimit {
            let room = configuration.inputLimit - connection.input.readableBytes
            guard let bytes = try? connection.socket.receive(maximumCount: min(room, 64 * 1024)),
                !bytes.isEmpty
            else { break }
            connection.input.append(contentsOf: bytes)
            bytesReceived += bytes.count
        }
        guard connection.input.readableBytes > 0 else {
            abort(connection, reason: reason)
            return
        }
        session.brokenReason = reason
        session.inputEnded = true
        session.mayHoldFrames = true
        connection.state = .established(session)
        connection.output = OutputBuffer()
        updateInterest(connection)
        // Nothing more comes from this socket to wake the loop: decode what it holds now.
        loop.requestImmediateIteration()
    }

    // MARK: Sending

    /// Encrypts `payload` as the next frame of an established session and queues it. A session
    /// whose peer leaves more than the output limit unread is closed.
    func sendFrame(_ payload: [UInt8], on handle: PeerHandle) {
        guard let connection = connections[handle],
            case .established(var session) = connection.state
        else { return }
        let frame: [UInt8]
        do {
            frame = try session.encoder.encode(payload)
        } catch {
            abort(connection, reason: "cannot send: \(error)")
            return
        }
        session.bytesSinceRoomReport += frame.count
        connection.state = .established(session)
        connection.output.append(frame)
        if connection.output.count > configuration.outputLimit {
            abort(connection, reason: "peer does not read what is sent")
        }
    }

    /// Writes every connection's queue as far as the sockets take it.
    func flushAll() {
        for connection in connections.values where !connection.output.isEmpty {
            flush(connection)
        }
    }

    func flush(_ connection: Connection) {
        if case .established(let session) = connection.state, session.brokenReason != nil {
            connection.output = OutputBuffer()
            return
        }
        do {
            _ = try connection.output.drain { bytes throws(SystemCallError) in
                try connection.socket.send(bytes)
            }
        } catch {
            broke(connection, reason: "\(error)")
            return
        }
        if case .closing(var closing) = connection.state, connection.output.isEmpty,
            !closing.hasShutDownWriting
        {
            closing.hasShutDownWriting = true
            connection.state = .closing(closing)
            try? connection.socket.shutdownWriting()
        }
        updateInterest(connection)
        // The engine was given `high - queued` bytes of credit at the last report, at least
        // `high - low`, and stops once it spent them. Whether or not the socket took every byte
        // at once, it spent at least `low` bytes before it can be waiting, so a report is due
        // whenever it did and the queue is down to the low watermark.
        if case .established(let session) = connection.state,
            session.bytesSinceRoomReport >= configuration.outputLowWatermark,
            connection.output.count <= configuration.outputLowWatermark
        {
            delegate?.sessionWritable(connection, room: reportRoom(of: connection))
            // What the engine queued in answer is written when the socket has room.
            updateInterest(connection)
        }
    }

    /// The room an established session has now, to report to the engine: the high watermark
    /// less what is queued. The engine's credit starts again from this value.
    func reportRoom(of connection: Connection) -> Int {
        connection.updateEstablishedSession { $0.bytesSinceRoomReport = 0 }
        return max(0, configuration.outputHighWatermark - connection.output.count)
    }

    /// ``reportRoom(of:)`` for the session `handle`, for the engine's first `writable`.
    func reportRoom(of handle: PeerHandle) -> Int {
        guard let connection = connections[handle] else { return 0 }
        return reportRoom(of: connection)
    }

    // MARK: Interest and closing

    /// Watches the connection for what it can do now: reading while the input has room and the
    /// peer has not closed, writing while something is queued (or a connect is in progress).
    func updateInterest(_ connection: Connection) {
        guard connections[connection.handle] != nil else { return }
        loop.setInterest(connection.socket.descriptor, interest(of: connection))
    }

    func interest(of connection: Connection) -> PollEvents {
        var events: PollEvents = []
        switch connection.state {
        case .connecting:
            events.insert(.writable)
        case .handshaking:
            events.insert(.readable)
        case .established(let session):
            if !session.inputEnded,
                connection.input.readableBytes < configuration.inputLimit
            {
                events.insert(.readable)
            }
        case .closing:
            events.insert(.readable)
        }
        if !connection.output.isEmpty { events.insert(.writable) }
        return events
    }
}
