import KithControl
import KithSystem

extension ControlClient {
    /// Sends `request` (a `tail`) to the node serving `socketPath` and hands `receive` its answer,
    /// then every line the node sends after it, until the node closes the connection or
    /// `receive` returns false. The answer must come within `timeoutMilliseconds`; the lines
    /// after it may take any time. Blocking.
    public static func follow(
        _ request: ControlRequest, socketPath: String, timeoutMilliseconds: UInt64 = 5_000,
        receive: (ControlResponse) -> Bool
    ) throws(ControlClientError) {
        let deadline = SystemClock.monotonicMilliseconds() + timeoutMilliseconds
        let socket = try connect(to: socketPath, until: deadline)
        defer { socket.close() }
        do {
            try sendAll(request.line, on: socket, until: deadline)
            var reader = ControlLineReader()
            var lineDeadline = deadline
            while let line = try reader.readLine(from: socket, until: lineDeadline) {
                guard let response = ControlResponse(line: line) else {
                    throw ControlClientError.badResponse
                }
                guard receive(response), response.ok else { return }
                lineDeadline = UInt64.max
            }
        } catch let error as ControlClientError {
            throw error
        } catch let error as SystemCallError {
            throw .failed(error)
        } catch {
            throw .badResponse
        }
    }
}
