/// A storage failure, with what the operator can do about it.
public struct StoreError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) { self.description = description }

    static func posix(_ what: String, _ path: String, _ code: Int32) -> StoreError {
        StoreError("\(what) \(path): \(String(cString: strerror(code)))")
    }
}

import Glibc
