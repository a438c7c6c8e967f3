import Yams

/// A section of `nashra.yaml` that a layer on top of the pipeline reads itself (`deploy:`, read by
/// NashraDeploy): its YAML as parsed, once, by the same reader as the rest of the file, and the
/// path to name in that layer's messages.
public struct ConfigSection: @unchecked Sendable {
    // @unchecked: `Yams.Node` is a tree of values and never mutated once parsed.
    public let node: Node
    public let path: String
}
