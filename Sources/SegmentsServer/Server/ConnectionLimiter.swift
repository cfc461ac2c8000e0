import NIOConcurrencyHelpers
import NIOCore

/// Caps the connections open at once, so that sockets left open (idle or abandoned) cannot
/// use up the file descriptors the server needs to accept and to open its database.
///
/// At the cap, a new connection is admitted by closing the one that has been idle longest:
/// no request in progress, so nothing is lost, and an attacker holding idle sockets is
/// pushed out by the clients that come after it instead of locking them out. Only when every
/// connection is in the middle of a request is the new one closed at once. Either way the
/// accept loop keeps running.
final class ConnectionLimiter: Sendable {
    /// A connection as the limiter tracks it.
    private struct Entry {
        var channel: any Channel
        /// Requests read but not yet answered; the connection is idle at 0.
        var requestsInProgress = 0
        /// When the connection last became idle, as a tick of `State.clock`.
        var idleSince: UInt64
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        /// Orders idle periods; cheaper than reading the clock and never ties.
        var clock: UInt64 = 0
    }

    /// The most connections open at once.
    let maxConnections: Int
    private let state = NIOLockedValueBox(State())

    /// A limiter admitting at most `maxConnections` (at least 1).
    init(maxConnections: Int) {
        self.maxConnections = max(1, maxConnections)
    }

    /// Counts `channel` in if there is room, closing the longest-idle connection to make some
    /// if needed; closes `channel` itself when every connection is busy.
    func admit(_ channel: any Channel) {
        let (admitted, evicted) = state.withLockedValue { state -> (Bool, (any Channel)?) in
            state.clock += 1
            var evicted: (any Channel)?
            if state.entries.count >= maxConnections {
                var oldest: (key: ObjectIdentifier, idleSince: UInt64)?
                for (key, entry) in state.entries
                where entry.requestsInProgress == 0 && entry.idleSince < oldest?.idleSince ?? .max {
                    oldest = (key, entry.idleSince)
                }
                guard let oldest else { return (false, nil) }
                evicted = state.entries.removeValue(forKey: oldest.key)?.channel
            }
            state.entries[ObjectIdentifier(channel)] = Entry(channel: channel, idleSince: state.clock)
            return (true, evicted)
        }
        // Closed on their own event loops, after the pipeline being set up is complete:
        // closing a channel during its setup would fail the setup, which ends the accept loop.
        if let evicted {
            evicted.eventLoop.execute { evicted.close(promise: nil) }
        }
        if !admitted {
            channel.eventLoop.execute { channel.close(promise: nil) }
        }
    }

    /// `channel` has read the head of a request.
    func requestStarted(on channel: any Channel) {
        state.withLockedValue { state in
            state.entries[ObjectIdentifier(channel)]?.requestsInProgress += 1
        }
    }

    /// `channel` has written the end of a response.
    func responseFinished(on channel: any Channel) {
        state.withLockedValue { state in
            let key = ObjectIdentifier(channel)
            guard var entry = state.entries[key] else { return }
            entry.requestsInProgress = max(0, entry.requestsInProgress - 1)
            if entry.requestsInProgress == 0 {
                state.clock += 1
                entry.idleSince = state.clock
            }
            state.entries[key] = entry
        }
    }

    /// `channel` has closed; its place is free.
    func release(_ channel: any Channel) {
        state.withLockedValue { state in
            _ = state.entries.removeValue(forKey: ObjectIdentifier(channel))
        }
    }
}
