/// A site's settings behind one reference that all its sessions share.
///
/// A `Site` is 408 bytes inline, and every session keeps the site it
/// started with (a reload must not change a chat under way): held by value
/// that was the largest part of an idle session's memory on the Swift side.
public final class SharedSite: Sendable {
    public let site: Site

    public init(_ site: Site) { self.site = site }

    /// One shared copy per site id; the first of a repeated id wins.
    static func byID(_ sites: [Site]) -> [String: SharedSite] {
        Dictionary(sites.map { ($0.id, SharedSite($0)) }, uniquingKeysWith: { first, _ in first })
    }
}
