import Foundation
import Yams
import NashraCore

/// One edition of a multilingual site (`languages:` in nashra.yaml): the language its bulletins
/// are in, its own title, direction, date style and menus, and the path its pages live under
/// (`/` for the default edition, `/en/` for English).
public struct Edition: Sendable, Hashable {
    /// The BCP 47 code (`ar`, `en`, `fr`), as `lang:` and `content/<code>/` name it.
    public var code: String
    /// The name readers pick it by in the language switcher (`English`, `العربية`).
    public var name: String
    public var title: String?
    public var description: String?
    public var direction: TextDirection
    public var dateStyle: DateStyle?
    public var menus: SiteMenus?
    /// Where its pages live: `/` or `/en/` (always starts and ends with `/`).
    public var prefix: String
    public var isDefault = false
    /// Where the edition was declared, for errors about it.
    public var location: SourceLocation

    /// The prefix as permalinks start with it: `""` for `/`, `/en` for `/en/`.
    public var pathPrefix: String { String(prefix.dropLast()) }

    /// `languages:` as a list of editions: each item a code (`- en`) or a mapping
    /// (`- {code: en, title: Nashra, dates: {digits: latin}}`).
    static func parse(_ node: Node, yaml: YAMLMapping, siteDates: DateStyle) -> ([Edition], [Diagnostic]) {
        guard case .sequence(let items) = node, !items.isEmpty else {
            return ([], [Diagnostic("'languages' must be a list of editions, each a language code or {code, title, …}", at: yaml.location(of: node))])
        }
        var editions: [Edition] = []
        var problems: [Diagnostic] = []
        var defaultCount = 0
        for item in items {
            let at = yaml.location(of: item)
            var codeNode = item
            var fields: YAMLMapping?
            if case .mapping(let mapping) = item {
                let entry = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
                problems += entry.problems
                guard let code = entry.entries.first(where: { $0.0 == "code" }) else {
                    problems.append(Diagnostic("each edition of 'languages' needs 'code' (ar, en, fr…)", at: at))
                    continue
                }
                codeNode = code.1
                fields = entry
            }
            guard let code = codeNode.text?.trimmed(), !code.isEmpty else {
                problems.append(Diagnostic("each edition of 'languages' is a language code or a mapping with 'code'", at: yaml.location(of: codeNode)))
                continue
            }
            guard isKnownLanguage(code) else {
                problems.append(Diagnostic("'\(code)' is not a language code: use an ISO 639 code such as ar, en, fr or fa", at: yaml.location(of: codeNode)))
                continue
            }
            if editions.contains(where: { $0.code.lowercased() == code.lowercased() }) {
                problems.append(Diagnostic("the edition '\(code)' is listed twice in 'languages'", at: yaml.location(of: codeNode)))
                continue
            }
            var edition = Edition(code: code, name: autonym(code), direction: TextDirection(language: code), prefix: "", location: at)
            var prefixGiven = false
            for (key, value, keyLocation) in fields?.entries ?? [] {
                let valueAt = yaml.location(of: value)
                switch key {
                case "code": break
                case "name": edition.name = value.text?.trimmed() ?? edition.name
                case "title": edition.title = value.text
                case "description": edition.description = value.text
                case "default":
                    guard let flag = value.bool else {
                        problems.append(Diagnostic("'default' must be true or false", at: valueAt))
                        continue
                    }
                    edition.isDefault = flag
                    if flag { defaultCount += 1 }
                case "direction", "dir":
                    switch value.text?.lowercased() {
                    case "rtl": edition.direction = .rtl
                    case "ltr": edition.direction = .ltr
                    default: problems.append(Diagnostic("'\(key)' must be rtl or ltr", at: valueAt))
                    }
                case "prefix":
                    guard let text = value.text, text.hasPrefix("/"), text.hasSuffix("/"),
                          text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "/") }),
                          !text.contains("//") || text == "/" else {
                        problems.append(Diagnostic("'prefix' must be a path such as / or /en/", at: valueAt))
                        continue
                    }
                    edition.prefix = text
                    prefixGiven = true
                case "dates":
                    var style = siteDates
                    guard case .mapping(let mapping) = value else {
                        problems.append(Diagnostic("'dates' must be a mapping with months and/or digits", at: valueAt))
                        continue
                    }
                    let dates = YAMLMapping.reading(mapping, path: yaml.path, lineOffset: yaml.lineOffset)
                    for (dateKey, dateValue, dateKeyAt) in dates.entries {
                        let text = dateValue.string ?? ""
                        switch dateKey {
                        case "months":
                            if let months = DateStyle.Months(rawValue: text) { style.months = months } else {
                                problems.append(Diagnostic("'dates.months' must be one of \(DateStyle.Months.allCases.map(\.rawValue).joined(separator: ", "))", at: yaml.location(of: dateValue)))
                            }
                        case "digits":
                            if let digits = DateStyle.Digits(rawValue: text) { style.digits = digits } else {
                                problems.append(Diagnostic("'dates.digits' must be one of \(DateStyle.Digits.allCases.map(\.rawValue).joined(separator: ", "))", at: yaml.location(of: dateValue)))
                            }
                        default: problems.append(Diagnostic("unknown key 'dates.\(dateKey)'; known keys: months, digits", at: dateKeyAt))
                        }
                    }
                    edition.dateStyle = style
                case "menus":
                    let (menus, menuProblems) = SiteMenus.parse(value, yaml: yaml)
                    edition.menus = menus
                    problems += menuProblems
                default:
                    problems.append(Diagnostic("unknown key '\(key)' in an edition; known keys: \(knownKeys.joined(separator: ", "))", at: keyLocation))
                }
            }
            if !prefixGiven { edition.prefix = "" }
            editions.append(edition)
        }
        if defaultCount > 1 {
            problems.append(Diagnostic("'languages' has more than one edition with 'default: true'", at: yaml.location(of: node)))
        }
        guard !editions.isEmpty else { return ([], problems) }
        // The default edition first: the first listed, unless another says `default: true`.
        let first = editions.firstIndex(where: \.isDefault) ?? 0
        editions.insert(editions.remove(at: first), at: 0)
        editions[0].isDefault = true
        for index in editions.indices where editions[index].prefix.isEmpty {
            editions[index].prefix = index == 0 ? "/" : "/" + editions[index].code.lowercased() + "/"
        }
        var prefixes: [String: String] = [:]
        for edition in editions {
            if let other = prefixes[edition.prefix] {
                problems.append(Diagnostic("the editions '\(other)' and '\(edition.code)' have the same prefix \(edition.prefix)", at: edition.location))
            }
            prefixes[edition.prefix] = edition.code
        }
        return (editions, problems)
    }

    static let knownKeys = ["code", "name", "title", "description", "default", "direction", "prefix", "dates", "menus"]

    /// The primary subtag (`en` of `en-GB`) is an ISO 639 code Foundation knows.
    static func isKnownLanguage(_ code: String) -> Bool {
        let parts = code.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let primary = parts.first.map({ $0.lowercased() }), (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLetter }),
              parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return false }
        return knownCodes.contains(primary)
    }

    private static let knownCodes: Set<String> = Set(Locale.LanguageCode.isoLanguageCodes.map(\.identifier))
        .union(TextDirection.rightToLeftLanguages)

    /// The language's own name for itself (`English`, `العربية`), or its code.
    static func autonym(_ code: String) -> String {
        let locale = Locale(identifier: code)
        guard let name = locale.localizedString(forLanguageCode: code), !name.isEmpty, name != code else { return code }
        return name.prefix(1).uppercased() + name.dropFirst()
    }

    /// The primary subtag, lowercased: how bulletins' languages are matched to editions.
    static func primary(_ code: String) -> String {
        code.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? code.lowercased()
    }
}

extension SiteConfig {
    /// The settings an edition is planned and rendered with: the site's, with the edition's
    /// language, title, direction, date style and menus.
    public func forEdition(_ edition: Edition) -> SiteConfig {
        var config = self
        config.language = edition.code
        if let title = edition.title { config.title = title }
        if let description = edition.description { config.description = description }
        if let style = edition.dateStyle { config.dateStyle = style }
        // The default edition keeps the site's menus; another has its own or none (a menu item
        // names pages by slug, which another edition's pages need not share).
        config.menus = edition.menus ?? (edition.isDefault ? menus : SiteMenus())
        // Each edition has its own search page and index (`/en/search/`), of its own bulletins.
        if !edition.isDefault { config.footer = [] }
        config.edition = edition
        return config
    }

    /// The edition bulletins of `language` belong to: the one of that primary language, else the default.
    public func editionIndex(forLanguage language: String) -> Int {
        let primary = Edition.primary(language)
        return editions.firstIndex { Edition.primary($0.code) == primary } ?? 0
    }
}
