// libFuzzer harness: arbitrary text into the auto-responder script parser
// behind `nightdesk check --script`, and any script that parses is played
// against a few visitor messages. A ConfigError listing problems is the
// right answer; a trap, a hang or an ASan report is a bug.
import Foundation
import NightDeskCore

private let visitorLines = [
    "Hi, I'm Ava Stone", "yes", "my face is swelling", "555 201 3344", "ava@example.com",
    "how much does it cost?", "no thanks", "mornings",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScript(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let script: SiteScript
    do {
        script = try SiteScript.parse(text, source: "fuzz-script.toml")
    } catch {
        _ = error.description
        return 0
    }
    guard var site = NightDeskConfig.demo.sites.first else { return 0 }
    site.script = script
    let context = ResponderContext(site: site, office: OfficeStatus(isOpen: false, nextOpen: nil))
    let responder = ScriptResponder()
    var transcript: [Message] = []
    var memory = ResponderMemory()
    for line in responder.greeting(context) {
        transcript.append(Message(seq: transcript.count + 1, from: .bot, name: "b", text: line, at: Timestamp(milliseconds: 0)))
    }
    for line in visitorLines {
        transcript.append(Message(seq: transcript.count + 1, from: .visitor, name: "v", text: line, at: Timestamp(milliseconds: 0)))
        let outcome = responder.respond(to: transcript, after: memory, context)
        memory = outcome.memory
        for reply in outcome.replies {
            transcript.append(Message(seq: transcript.count + 1, from: .bot, name: "b", text: reply, at: Timestamp(milliseconds: 0)))
        }
    }
    _ = responder.resume(after: memory, context)
    return 0
}
