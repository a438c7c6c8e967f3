import Foundation
import NashraCore

extension SiteConfig {
    /// A site's `nashra.yaml` and its bytes (for the build's fingerprint), or nil if the site has
    /// none. Read like every input: a FIFO would block the build or the preview server forever,
    /// and a link out of the site would echo another file's lines back in error messages.
    public static func load(site: URL, display: String) -> Result<(config: SiteConfig, bytes: [UInt8])?, Diagnostics> {
        let boundary = InputBoundary(folder: site, name: "the site folder")
        switch InputFile.readIfPresent(site.appendingPathComponent("nashra.yaml").path, display: display, limit: .defaultLimit, boundary: boundary) {
        case .success(nil): return .success(nil)
        case .success(let bytes?):
            return InputFile.decodeUTF8(bytes, path: display).mapError { Diagnostics([$0]) }
                .flatMap { parse($0, path: display) }.map { ($0, bytes) }
        case .failure(let problem): return .failure(Diagnostics([problem]))
        }
    }
}
