extension Relay {
    /// A config reload: new hellos see the new sites. Live sessions keep the
    /// site they started with (their copy of it), so no chat is dropped, and
    /// a session of a site that was removed runs to its end.
    public func updateSites(_ newSites: [Site]) {
        sites = SharedSite.byID(newSites)
    }
}
