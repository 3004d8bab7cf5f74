/// The file's statements sorted into the `[server]` section and the
/// `[sites.<id>]` sections, with problems about the sections themselves.
struct ConfigLayout {
    /// A `[sites.<id>]` section. Sections that cannot become a site (bad id,
    /// repeated id) are still checked key by key, then dropped.
    struct SiteSection {
        var id: String
        var section: ConfigSection
        var isKept: Bool
    }

    private(set) var server: ConfigSection?
    private(set) var sites: [SiteSection] = []
    /// Any `[sites...]` header at all, even a broken one, so a file whose
    /// only site has a typo in its id is not also told it has no site.
    private(set) var sawSiteHeader = false

    private enum Target {
        case none, server, site(Int), ignored
    }

    init(_ statements: [ConfigStatement], problems: inout ConfigProblemList) {
        var target = Target.none
        for statement in statements {
            switch statement {
            case .section(let name, let position):
                target = open(name, at: position, problems: &problems)
            case .assignment(let entry):
                switch target {
                case .none:
                    problems.add(
                        "\(entry.key.quotedForMessage) is outside any section; put it under [server] or [sites.<id>]",
                        at: entry.position
                    )
                case .server:
                    server?.add(entry, problems: &problems)
                case .site(let index):
                    sites[index].section.add(entry, problems: &problems)
                case .ignored:
                    break
                }
            }
        }
    }

    private mutating func open(_ name: String, at position: ConfigPosition, problems: inout ConfigProblemList) -> Target {
        if name == "server" {
            if let first = server {
                problems.add("duplicate section [server]; it was first opened on line \(first.position.line)", at: position)
            } else {
                server = ConfigSection(label: "[server]", position: position)
            }
            return .server
        }
        let parts = name.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts[0] == "sites" {
            sawSiteHeader = true
            guard parts.count == 2 else {
                problems.add("a site section needs an id, like [sites.demo]", at: position)
                return .ignored
            }
            let id = String(parts[1])
            var isKept = true
            if !Self.isValidSiteID(id) {
                problems.add(
                    "site id \(id.quotedForMessage) must be 1 to 64 characters of a-z, 0-9, '-' and '_'",
                    at: ConfigPosition(line: position.line, column: position.column + 6)
                )
                isKept = false
            } else if let first = sites.first(where: { $0.id == id && $0.isKept }) {
                problems.add(
                    "duplicate site '\(id)'; it was first defined on line \(first.section.position.line)",
                    at: position
                )
                isKept = false
            }
            let section = ConfigSection(label: "[\(name.shownForMessage)]", position: position)
            sites.append(SiteSection(id: id, section: section, isKept: isKept))
            return .site(sites.count - 1)
        }
        problems.add(Self.unknownSectionMessage(name, parts: parts), at: position)
        return .ignored
    }

    private static func unknownSectionMessage(_ name: String, parts: [Substring]) -> String {
        let unknown = "unknown section [\(name.shownForMessage)]"
        if parts.count == 2, ClosestMatch.find(String(parts[0]), among: ["sites"]) != nil {
            return unknown + "; did you mean [sites.\(String(parts[1]).shownForMessage)]?"
        }
        if let match = ClosestMatch.find(name, among: ["server", "sites"]) {
            return unknown + (match == "server" ? "; did you mean [server]?" : "; did you mean [sites.<id>]?")
        }
        return unknown + "; sections are [server] and [sites.<id>]"
    }

    static func isValidSiteID(_ id: String) -> Bool {
        (1...64).contains(id.unicodeScalars.count) && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
        }
    }
}
