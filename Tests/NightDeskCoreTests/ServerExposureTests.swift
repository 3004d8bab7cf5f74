import NightDeskCore
import XCTest

/// Plain HTTP is fine on loopback (a TLS proxy in front) and nowhere else.
final class ServerExposureTests: XCTestCase {
    private func settings(_ host: String, tls: Bool = false) -> ServerSettings {
        var settings = ServerSettings()
        settings.host = host
        settings.tlsCertificate = tls ? "/etc/nightdesk/cert.pem" : nil
        return settings
    }

    func testLoopbackIsNotExposed() {
        for host in ["127.0.0.1", "127.0.0.2", "localhost", "::1"] {
            XCTAssertFalse(settings(host).exposesPlainText, host)
        }
    }

    func testEveryOtherAddressIsExposedUnlessTLSIsOn() {
        for host in ["0.0.0.0", "::", "192.0.2.2", "eth0", "2001:db8::1"] {
            XCTAssertTrue(settings(host).exposesPlainText, host)
            XCTAssertFalse(settings(host, tls: true).exposesPlainText, host)
        }
    }
}
