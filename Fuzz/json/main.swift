// libFuzzer harness: arbitrary bytes into the JSON parser every frame and
// journal record goes through. A thrown JSONParseError is the right answer
// to garbage; a trap, a hang or an ASan report is a bug.
import NightDeskCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let value = try? JSONParser.parse(bytes: bytes) else { return 0 }
    // What parses must survive the accessors the decoders use on it.
    _ = value.objectValue?.count
    _ = value.stringValue
    _ = value.intValue
    _ = value.boolValue
    return 0
}
