extension NightDeskConfig {
    /// Reads a config file's text (a subset of TOML; see `demoText` for a
    /// commented example). Reports every problem in the file at once, each
    /// as `source:line:column: message`. A site's `script` file is read with
    /// `readFile` (path relative to the config's folder resolved already);
    /// its problems are reported under its own name.
    public static func parse(_ text: String, source: String,
                             readFile: (String) -> String? = { _ in nil }) throws(ConfigError) -> NightDeskConfig {
        var problems = ConfigProblemList(source: source)
        let (statements, syntaxErrors) = ConfigScanner.read(text)
        for error in syntaxErrors {
            problems.add(error.message, at: error.position)
        }
        let layout = ConfigLayout(statements, problems: &problems)

        var settings = ServerSettings()
        if let server = layout.server {
            settings.apply(server, problems: &problems)
        }
        var sites: [Site] = []
        for candidate in layout.sites {
            let site = Site(id: candidate.id, section: candidate.section, problems: &problems, readFile: readFile)
            if let site, candidate.isKept { sites.append(site) }
        }
        if !layout.sawSiteHeader {
            problems.add("no site configured; add a [sites.<id>] section with name, phone and timezone", line: 1)
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems.inFileOrder) }
        return NightDeskConfig(settings: settings, sites: sites)
    }
}
