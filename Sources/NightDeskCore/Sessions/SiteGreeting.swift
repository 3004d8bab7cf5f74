/// What a site's new visitors are greeted with while its office status
/// stays as it was when the lines were rendered.
struct SiteGreeting {
    let site: SharedSite
    let office: OfficeStatus
    let lines: [String]
}
