/// A JSON object's members in document order. A key given twice means its
/// last value, as in the dictionary `JSONParser.parse` makes of an object.
public struct JSONFields: Sendable {
    public var pairs: [(key: String, value: JSONValue)]

    public init(pairs: [(key: String, value: JSONValue)]) {
        self.pairs = pairs
    }

    public subscript(key: String) -> JSONValue? {
        pairs.last { $0.key == key }?.value
    }
}
