extension NightDeskConfig {
    /// The configuration used when no config file is given: one site, `demo`.
    public static let demo: NightDeskConfig = {
        do {
            return try parse(demoText, source: "<built-in demo>")
        } catch {
            // demoText is part of the program, not input, and a test parses
            // it; reaching this is a bug in this file.
            preconditionFailure("built-in demo config does not parse:\n\(error)")
        }
    }()

    /// The built-in demo as config text: also a commented example to copy.
    public static let demoText = """
        # NightDesk configuration
        #
        # This is the built-in demo that `nightdesk serve` runs without
        # --config. Copy it to a file, edit it, and pass --config FILE.
        # The format is a small part of TOML: `key = value` lines under
        # [section] headers; text in double quotes; # starts a comment.

        [server]
        # Every server setting is optional; these are the defaults.
        # host = "127.0.0.1"            # "0.0.0.0": every IPv4 interface; "::": both stacks
        # port = 8080                   # 0 picks any free port
        # data = "Transcripts"          # transcripts, leads and credentials
        # public = "Public"             # widget and staff page files; default:
        #                               # Public/ next to the binary, else ./Public
        # tls_cert = "/etc/nightdesk/cert.pem"   # set both tls_cert and tls_key
        # tls_key = "/etc/nightdesk/key.pem"     # to serve wss:// and https://
        # max_frame_bytes = 16384       # a larger frame closes the connection
        # max_text_chars = 4000         # a longer chat message is refused
        # hello_timeout_seconds = 10    # time a new connection has to say hello
        # ping_interval_seconds = 30    # silence before the server pings...
        # ping_hangup_seconds = 60      # ...and before it drops a silent peer
        # frames_per_minute = 120       # more than this is rate limited
        # max_connections = 15000       # open WebSockets in all; more get HTTP 503
        # max_connections_per_ip = 256  # open WebSockets from one address
        # max_queued_bytes = 1048576    # output a reader leaves unread for 5 s
        #                               # (or 8 times it at once) drops it
        # metrics_token = "change-me-to-32-random-chars"  # bearer token for
        #                               # GET /metrics; without it only this
        #                               # machine may scrape

        # One [sites.<id>] section per practice. The id (1-64 characters of
        # a-z, 0-9, - and _) is what the practice's chat widget sends.
        [sites.demo]
        name = "Demo Dental"                       # required
        phone = "+1 555 0100"                      # required: visitors are told to call it
        emergency_phone = "911"                    # said at once to anyone describing an emergency
        tagline = "Gentle dentistry for the whole family"
        logo = "/logo.svg"
        timezone = "America/New_York"              # required: an IANA time zone name

        # Office hours in the site's time zone. Days: mon tue wed thu fri sat
        # sun; a day range may wrap (fri-mon); a day may have several ranges
        # ("mon-thu 08:00-12:00 13:00-18:00; fri 08:00-14:00"); a range that
        # ends at or before its start runs overnight ("sun-sat 22:00-06:00");
        # "closed" means never open. Default: "mon-fri 08:00-17:00".
        hours = "mon-fri 08:00-17:00, sat 09:00-13:00"

        # Days the office stays closed all day (YYYY-MM-DD, site time zone):
        # the US federal holidays of 2026 and 2027 on the weekday they are
        # observed, and the Saturday ones themselves, as this office opens
        # on Saturdays.
        closed = [
            "2026-01-01",  # New Year's Day
            "2026-01-19",  # Birthday of Martin Luther King, Jr.
            "2026-02-16",  # Washington's Birthday
            "2026-05-25",  # Memorial Day
            "2026-06-19",  # Juneteenth
            "2026-07-03",  # Independence Day (observed)
            "2026-07-04",  # Independence Day, a Saturday
            "2026-09-07",  # Labor Day
            "2026-10-12",  # Columbus Day
            "2026-11-11",  # Veterans Day
            "2026-11-26",  # Thanksgiving Day
            "2026-12-25",  # Christmas Day
            "2027-01-01",  # New Year's Day
            "2027-01-18",  # Birthday of Martin Luther King, Jr.
            "2027-02-15",  # Washington's Birthday
            "2027-05-31",  # Memorial Day
            "2027-06-18",  # Juneteenth (observed)
            "2027-06-19",  # Juneteenth, a Saturday
            "2027-07-05",  # Independence Day (observed; July 4 is a Sunday)
            "2027-09-06",  # Labor Day
            "2027-10-11",  # Columbus Day
            "2027-11-11",  # Veterans Day
            "2027-11-25",  # Thanksgiving Day
            "2027-12-24",  # Christmas Day (observed)
            "2027-12-25",  # Christmas Day, a Saturday
            "2027-12-31",  # New Year's Day 2028 (observed)
        ]

        # Browser origins allowed to open a chat for this site, exactly as the
        # browser sends them: scheme://host[:port], no path. Leave it out to
        # allow any origin, as this demo does.
        # origins = ["https://www.demo-dental.example", "http://localhost:8080"]

        # A chat with no visitor connected and no message for this long ends.
        idle_timeout_seconds = 900
        """
}
