import Foundation
import XCTest

/// A journal test's data directory: fresh for each test, removed after it.
class JournalDirectoryTestCase: XCTestCase {
    var dataDirectory = ""

    override func setUp() {
        dataDirectory = NSTemporaryDirectory() + "nightdesk-store-" + UUID().uuidString
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}
