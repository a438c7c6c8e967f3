import NashraCore

// libyaml itself, which Yams wraps without exposing its events: Yams' composer and everything that
// walks the nodes afterwards recurse once per level, so the shape of a text has to be known before
// any of them runs. libyaml's own parser keeps its state on the heap, whatever the nesting.
internal import CYaml

/// How deep and how large a YAML text may grow, checked on libyaml's events before Yams builds any
/// node from it.
///
/// Two shapes are refused: nesting deep enough to overflow the stack of Yams' recursive composer
/// (a few thousand `[` kill the process), and aliases that expand into more nodes than any settings
/// file needs (nine levels of ten aliases each make a billion, which converting to `params`
/// copies). An alias counts as the value it stands for, both for depth and for size.
public struct YAMLLimits: Sendable {
    /// Collections inside collections; front matter needs two or three, `nashra.yaml` four.
    var maximumDepth = 64
    /// Nodes that aliases may bring in, counted as if each alias were written out in full.
    var maximumAliasedNodes = 10_000

    /// The first place where `text` (the file at `path`, from its line `lineOffset + 1`) goes
    /// beyond the limits. Public for readers of YAML outside this library: `nashra deploy` reads
    /// the `deploy:` of nashra.yaml with Yams itself.
    public static func problem(in text: String, path: String, lineOffset: Int = 0) -> Diagnostic? {
        YAMLLimits().violation(in: text).map {
            Diagnostic($0.message, at: SourceLocation(path: path, line: $0.line + lineOffset, column: $0.column))
        }
    }

    /// Where a text goes beyond a limit (line and column from 1, within the text), and why.
    struct Violation: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first place where `text` goes beyond a limit, in document order; nil when it stays
    /// within them, or when it is not valid YAML (then Yams reports the syntax error, and it does
    /// so before reaching any place that could go beyond a limit).
    func violation(in text: String) -> Violation? {
        text.withUTF8Bytes { bytes in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return nil }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            var walk = Walk(limits: self)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { return nil }
                if let violation = walk.take(event) { return violation }
            }
        }
    }

    /// The open collections and the anchors seen so far.
    private struct Walk {
        /// A node's size as written out with every alias expanded, and how many collection levels
        /// it holds (0 for a scalar).
        struct Extent {
            var nodes = 1
            var height = 0
        }

        struct OpenCollection {
            var anchor: String?
            var extent = Extent(nodes: 1, height: 1)
        }

        let limits: YAMLLimits
        var open: [OpenCollection] = []
        var anchors: [String: Extent] = [:]
        var aliasedNodes = 0

        mutating func take(_ event: yaml_event_t) -> Violation? {
            let mark = event.start_mark
            switch event.type {
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                guard open.count < limits.maximumDepth else {
                    return violation(at: mark, "YAML nested more than \(limits.maximumDepth) levels deep; flatten this value (lists and mappings inside each other)")
                }
                let anchor = event.type == YAML_SEQUENCE_START_EVENT ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                open.append(OpenCollection(anchor: anchor.map { String(cString: $0) }))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let closed = open.popLast() else { return nil }
                end(closed.extent, anchor: closed.anchor)
            case YAML_SCALAR_EVENT:
                end(Extent(), anchor: event.data.scalar.anchor.map { String(cString: $0) })
            case YAML_ALIAS_EVENT:
                // An alias to an anchor not defined yet is Yams' error to report.
                guard let name = event.data.alias.anchor.map({ String(cString: $0) }), let extent = anchors[name] else {
                    end(Extent(), anchor: nil)
                    return nil
                }
                if open.count + extent.height > limits.maximumDepth {
                    return violation(at: mark, "alias '*\(name)' makes the YAML nested more than \(limits.maximumDepth) levels deep; write the value out, or alias a flatter one")
                }
                aliasedNodes += extent.nodes
                if aliasedNodes > limits.maximumAliasedNodes {
                    return violation(at: mark, "aliases here expand to more than \(limits.maximumAliasedNodes) values; use fewer aliases, or aliases of smaller values")
                }
                end(extent, anchor: nil)
            default:
                break
            }
            return nil
        }

        /// Adds a finished node to the collection that holds it, and remembers it under its anchor.
        private mutating func end(_ extent: Extent, anchor: String?) {
            if let anchor { anchors[anchor] = extent }
            guard !open.isEmpty else { return }
            open[open.count - 1].extent.nodes += extent.nodes
            open[open.count - 1].extent.height = max(open[open.count - 1].extent.height, extent.height + 1)
        }

        private func violation(at mark: yaml_mark_t, _ message: String) -> Violation {
            Violation(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: message)
        }
    }
}
