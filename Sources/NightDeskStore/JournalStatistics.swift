import Foundation
import NightDeskCore
import Synchronization

/// What the journal's writer thread measures, read by the service thread
/// when `/metrics` is scraped.
///
/// Sendable without `@unchecked`: the one mutable value sits in a `Mutex`.
/// The writer takes the lock once per group commit, after an fsync that
/// already cost a millisecond or more; the reader takes it once per scrape
/// and copies the figures out. Neither holds it while doing anything else,
/// so the loop never waits on disk through this lock.
public final class JournalStatistics: Sendable {
    private let figures = Mutex(JournalFigures())

    public init() {}

    func committed(bytes: Int, fsyncSeconds: Double) {
        figures.withLock {
            $0.bytesWritten += bytes
            $0.fsyncLatency.observe(fsyncSeconds)
        }
    }

    public var snapshot: JournalFigures { figures.withLock { $0 } }
}
