import Foundation

/// Finds the static files to serve: an explicit folder, else `Public/` in
/// the working directory, else `Public/` up to four folders above the binary
/// (where a SwiftPM build puts it relative to the checkout).
enum PublicDirectory {
    static func locate(explicit: String?) -> String? {
        let fm = FileManager.default
        if let explicit { return absolute(explicit) }
        var candidates = [fm.currentDirectoryPath + "/Public"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("Public").path)
            dir = dir.deletingLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0 + "/index.html") }.map(absolute)
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
