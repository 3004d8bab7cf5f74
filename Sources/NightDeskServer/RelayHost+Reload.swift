import NightDeskCore

// MARK: Config reload

extension RelayHost {
    /// Sites, origins, office hours and the live limits, from now on. Chats
    /// in progress keep their session (and the site it started with).
    func reload(_ new: NightDeskConfig) {
        let added = Set(new.sites.map(\.id)).subtracting(config.sites.map(\.id))
        let removed = Set(config.sites.map(\.id)).subtracting(new.sites.map(\.id))
        config = new
        relay.updateSites(new.sites)
        api.updateSites(new.sites)
        relay.limits = Relay.Limits(new.settings)
        connectionCounter.maxTotal = new.settings.maxConnections
        connectionCounter.maxPerAddress = new.settings.maxConnectionsPerAddress
        logger.notice("config reloaded", metadata: [
            "sites": "\(new.sites.count)", "added": "\(added.sorted())", "removed": "\(removed.sorted())",
        ])
    }
}
