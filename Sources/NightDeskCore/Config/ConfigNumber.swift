/// Decimal numbers as TOML writes them: `8080`, `-1`, `16_384`, `0.5`, `1e3`.
/// No hex, octal, `inf` or `nan`: nothing NightDesk configures needs them.
enum ConfigNumber {
    static func value(_ token: String) -> ConfigValue? {
        var body = Substring(token)
        var sign = ""
        if let first = body.first, first == "+" || first == "-" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        if isDigitGroups(body) {
            return Int(sign + body.filter { $0 != "_" }).map(ConfigValue.integer)
        }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "e" || $0 == "E" }
        guard parts.count <= 2 else { return nil }
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        guard mantissa.count <= 2, mantissa.allSatisfy(isDigitGroups) else { return nil }
        if parts.count == 2 {
            var exponent = parts[1]
            if let first = exponent.first, first == "+" || first == "-" { exponent = exponent.dropFirst() }
            guard isDigitGroups(exponent) else { return nil }
        }
        guard mantissa.count == 2 || parts.count == 2,
              let number = Double(sign + body.filter { $0 != "_" }), number.isFinite
        else { return nil }
        return .float(number)
    }

    /// Why `token` is not a number, phrased for the person who wrote it.
    static func problem(with token: String) -> String {
        let scalars = Array(token.unicodeScalars)
        if scalars.count == 10, scalars[4] == "-", scalars[7] == "-" {
            return "write dates as strings in double quotes, like \"\(token)\""
        }
        if token.contains(":") {
            return "write times as strings in double quotes, like \"\(token.prefix(20))\""
        }
        var body = Substring(token)
        if let first = body.first, first == "+" || first == "-" { body = body.dropFirst() }
        if isDigitGroups(body) || Double(token).map({ !$0.isFinite }) == true {
            return "\(token.quotedForMessage) is too large"
        }
        return "\(token.quotedForMessage) is not a number"
    }

    /// Digits, with single underscores between them as thousands separators.
    private static func isDigitGroups(_ text: Substring) -> Bool {
        guard let first = text.first, let last = text.last, first != "_", last != "_",
              !text.contains("__")
        else { return false }
        return text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "_" }
    }
}
