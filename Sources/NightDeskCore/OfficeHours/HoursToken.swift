/// A word of a weekly hours text. Letters, digits and `:` run together into
/// one token, so "8am" is reported as a bad time rather than "8" then "am".
enum HoursToken: Equatable {
    case word(String)
    case time(String)
    case dash
    case separator(Character)

    var text: String {
        switch self {
        case .word(let text), .time(let text): text
        case .dash: "-"
        case .separator(let character): String(character)
        }
    }

    var isClosed: Bool {
        if case .word(let word) = self { return word.lowercased() == "closed" }
        return false
    }

    static func split(_ text: String) throws(WeeklyHoursError) -> [HoursToken] {
        var tokens: [HoursToken] = []
        var run = ""
        func flush() {
            guard let first = run.unicodeScalars.first else { return }
            tokens.append(("0"..."9").contains(first) ? .time(run) : .word(run))
            run = ""
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ":", ".":
                run.unicodeScalars.append(scalar)
            case " ", "\t", "\n", "\r":
                flush()
            case "-", "–", "—":
                flush()
                tokens.append(.dash)
            case ",", ";":
                flush()
                tokens.append(.separator(Character(scalar)))
            default:
                throw WeeklyHoursError(
                    "\(String(scalar).quotedForMessage) does not belong in office hours; write them like 'mon-fri 08:00-17:00, sat 09:00-13:00'"
                )
            }
        }
        flush()
        return tokens
    }
}
