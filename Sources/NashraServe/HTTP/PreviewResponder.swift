import Foundation
import Hummingbird
import Logging
import NashraCore

/// Answers every request of the preview: the live-reload event stream, and the built site's
/// files with their types, validators, redirects and 404 page.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let folder: ServedFolder
    let builder: PreviewBuilder
    let reloads: ReloadChannel
    let logger: Logger

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "only GET and HEAD\n")))
        }
        let response = await answer(request)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func answer(_ request: Request) async -> Response {
        let target = request.head.path ?? "/"
        let path: RequestPath
        switch RequestPath.parse(target) {
        case .success(let parsed): path = parsed
        case .failure(let rejection):
            logger.warning("refused \(request.method) \(target): \(rejection)")
            return Response(status: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: "bad request: \(rejection)\n")))
        }
        if path.segments == ["__nashra", "events"] {
            // A HEAD gets the headers only: a stream opened for it would never be read.
            return request.method == .head ? events(opening: false) : events(opening: true)
        }

        let state = await builder.settled()
        let rootSegments = state.rootPath.split(separator: "/").map(String.init)
        guard path.segments.starts(with: rootSegments) else {
            // The site lives under a sub-path (`baseURL: https://news.example/news/`): `/` leads there.
            if path.segments.isEmpty { return redirect(to: RequestPath(segments: rootSegments, hasTrailingSlash: true)) }
            return notFound(request, state: state)
        }
        let inside = Array(path.segments.dropFirst(rootSegments.count))
        switch folder.resolve(inside) {
        case .file(let url) where !path.hasTrailingSlash:
            return serve(url, request, state: state, status: .ok) ?? notFound(request, state: state)
        case .folder:
            guard path.hasTrailingSlash else {
                return redirect(to: RequestPath(segments: path.segments, hasTrailingSlash: true, query: path.query))
            }
            guard case .file(let index) = folder.resolve(inside + ["index.html"]) else { return notFound(request, state: state) }
            return serve(index, request, state: state, status: .ok) ?? notFound(request, state: state)
        case .outside(let real):
            logger.warning("refused \(request.method) \(target): it leads outside the served folder, to \(real)")
            return notFound(request, state: state)
        case .file, .missing:
            return notFound(request, state: state)
        }
    }

    /// A file, or nil when it cannot be read. HTML gets the reload script (and the overlay).
    private func serve(_ url: URL, _ request: Request, state: BuildState, status: HTTPResponse.Status) -> Response? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let type = MediaType.of(url.lastPathComponent)
        let modified = (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date) ?? state.finishedAt
        let body: [UInt8]
        let lastModified: Date
        if MediaType.isHTML(type) {
            body = PreviewPage.decorate(Array(data), state: state)
            lastModified = max(modified, state.finishedAt)
        } else {
            body = Array(data)
            lastModified = modified
        }
        let validators = Validators(body: body, lastModified: lastModified)
        var headers: HTTPFields = [
            .contentType: type,
            // Always ask again: the next save changes the page, and the answer is a cheap 304 if not.
            .cacheControl: "no-cache",
            .eTag: validators.entityTag,
            .lastModified: InternetDate.http(validators.lastModified),
        ]
        if status == .ok,
           validators.isNotModified(ifNoneMatch: request.headers[values: .ifNoneMatch].joined(separator: ", ").nilIfEmpty,
                                    ifModifiedSince: request.headers[.ifModifiedSince]) {
            headers[.contentType] = nil
            var notModified = Response(status: .notModified, headers: headers)
            // A 304 has no body; a `Content-Length: 0` would describe one, wrongly.
            notModified.headers[.contentLength] = nil
            return notModified
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The theme's `404.html` with status 404; a page of the preview's own when the site has none
    /// or no build has succeeded yet (then with 500: there is no site, only errors).
    private func notFound(_ request: Request, state: BuildState) -> Response {
        if !state.hasSite {
            let title = state.failed ? "The site could not be built" : "Nothing built yet"
            return page(PreviewPage.standalone(title: title, state: state), status: .internalServerError)
        }
        if case .file(let url) = folder.resolve(["404.html"]), let response = serve(url, request, state: state, status: .notFound) {
            return response
        }
        return page(PreviewPage.standalone(title: "Not found", state: state), status: .notFound)
    }

    private func page(_ html: [UInt8], status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: MediaType.html, .cacheControl: "no-cache"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: html)))
    }

    /// `302 Found`, not 301: browsers keep a 301 for good, and in a preview a file may appear
    /// where a folder was.
    private func redirect(to path: RequestPath) -> Response {
        let location = path.encoded + (path.query.map { "?" + $0 } ?? "")
        return Response(status: .found, headers: [.location: location, .cacheControl: "no-cache"])
    }

    /// The live-reload stream: `hello` with the build now served, then `reload` after every build.
    private func events(opening: Bool) -> Response {
        let headers: HTTPFields = [.contentType: MediaType.eventStream, .cacheControl: "no-cache"]
        guard opening else { return Response(status: .ok, headers: headers) }
        let stream = reloads.subscribe()
        let body = ResponseBody { writer in
            // Reconnect quickly after a drop: the preview restarts in about a second.
            try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
            for await event in stream {
                try await writer.write(ByteBuffer(string: event.wireFormat))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
