import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A document read by Foundation's XMLParser into elements and text, each element with the line
/// it starts on, for the importers (HTML bodies, RSS and Atom feeds) to walk.
final class XMLTree {
    final class Element {
        /// As written, namespace prefix included (`content:encoded`), lower-cased for HTML.
        let name: String
        let attributes: [String: String]
        let line: Int
        let column: Int
        var children: [Node] = []

        init(name: String, attributes: [String: String], line: Int = 1, column: Int = 1) {
            self.name = name
            self.attributes = attributes
            self.line = line
            self.column = column
        }

        /// The element's children that are elements named `name`.
        func elements(_ name: String) -> [Element] {
            children.compactMap { if case .element(let element) = $0, element.name == name { return element } else { return nil } }
        }

        func first(_ name: String) -> Element? { elements(name).first }

        /// All the text inside, tags left out.
        var text: String {
            children.map { node in
                switch node {
                case .text(let text): text
                case .element(let element): element.text
                }
            }.joined()
        }
    }

    enum Node {
        case text(String)
        case element(Element)
    }

    /// Why a document could not be read, and where.
    struct Failure: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The document's top-level elements (children of a synthetic root). `lowercaseNames` is for
    /// HTML, whose tag names are not case-sensitive.
    static func parse(_ data: Data, lowercaseNames: Bool) -> Result<Element, Failure> {
        let builder = Builder(lowercaseNames: lowercaseNames)
        let parser = XMLParser(data: data)
        parser.delegate = builder
        parser.shouldResolveExternalEntities = false
        let parsed = parser.parse()
        if !parsed || parser.parserError != nil || builder.failure != nil {
            let reason = builder.failure ?? parser.parserError.map { $0.localizedDescription } ?? "not well-formed"
            return .failure(Failure(message: reason, line: parser.lineNumber, column: max(1, parser.columnNumber)))
        }
        return .success(builder.root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        let root = Element(name: "#document", attributes: [:])
        lazy var stack: [Element] = [root]
        var failure: String?
        let lowercaseNames: Bool

        init(lowercaseNames: Bool) {
            self.lowercaseNames = lowercaseNames
            super.init()
        }

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let element = Element(name: lowercaseNames ? elementName.lowercased() : elementName, attributes: attributes,
                                  line: parser.lineNumber, column: parser.columnNumber)
            stack.last?.children.append(.element(element))
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if stack.count > 1 { stack.removeLast() }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.children.append(.text(string))
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.children.append(.text(String(decoding: CDATABlock, as: UTF8.self)))
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
            if failure == nil { failure = parseError.localizedDescription }
        }
    }
}
