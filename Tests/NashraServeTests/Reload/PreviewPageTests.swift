import Nashra
import Testing
@testable import NashraServe
import NashraCore

@Suite struct PreviewPageTests {
    var good: BuildState { BuildState(generation: 7, problems: [], finishedAt: .now, rootPath: "/", hasSite: true) }

    @Test func putsTheScriptBeforeTheLastClosingBody() {
        let html = "<html><body><p>نص</p><pre>&lt;/body&gt;</pre></BODY>\n</html>"
        let page = String(decoding: PreviewPage.decorate(Array(html.utf8), state: good), as: UTF8.self)
        let script = page.range(of: "<script data-nashra-live-reload>")!
        #expect(page[..<script.lowerBound].hasSuffix("</pre>"))
        #expect(page.contains("const generation = 7;"))
        #expect(page.hasSuffix("</script>\n</BODY>\n</html>"))
        #expect(!page.contains("nashra-build-errors"))
    }

    @Test func appendsWhenThereIsNoBody() {
        let page = String(decoding: PreviewPage.decorate(Array("<p>fragment</p>".utf8), state: good), as: UTF8.self)
        #expect(page.hasPrefix("<p>fragment</p><script data-nashra-live-reload>"))
    }

    @Test func showsEscapedErrorsAfterAFailedBuild() {
        var failed = good
        failed.problems = [
            Diagnostic("'date' is not a date: <b>yesterday</b> & more", at: SourceLocation(path: "content/أخبار.md", line: 3, column: 7)),
            Diagnostic("the theme has no template '404'", at: nil),
        ]
        let page = String(decoding: PreviewPage.decorate(Array("<body></body>".utf8), state: failed), as: UTF8.self)
        #expect(page.contains("id=\"nashra-build-errors\""))
        #expect(page.contains("The build failed with 2 errors"))
        #expect(page.contains("<li>content/أخبار.md:3:7: &#39;date&#39; is not a date: &lt;b&gt;yesterday&lt;/b&gt; &amp; more</li>"))
        #expect(page.contains("<li>the theme has no template &#39;404&#39;</li>"))
        #expect(!page.contains("<b>yesterday"))
        #expect(page.range(of: "nashra-build-errors")!.lowerBound < page.range(of: "data-nashra-live-reload")!.lowerBound)
    }

    @Test func eventsInTheWireFormat() {
        #expect(ServerSentEvent.reload(generation: 3).wireFormat == "event: reload\ndata: 3\n\n")
        #expect(ServerSentEvent.hello(generation: 0).wireFormat == "event: hello\ndata: 0\n\n")
        #expect(ServerSentEvent(name: "note", data: "a\nb").wireFormat == "event: note\ndata: a\ndata: b\n\n")
        #expect(ServerSentEvent.keepAlive.wireFormat == ": keep-alive\n\n")
    }

    @Test func aReloadChannelGreetsAnnouncesAndCloses() async {
        let channel = ReloadChannel(generation: 4)
        let stream = channel.subscribe()
        #expect(channel.count == 1)
        channel.announce(generation: 5)
        channel.close()
        var received: [ServerSentEvent] = []
        for await event in stream { received.append(event) }
        #expect(received == [.hello(generation: 4), .reload(generation: 5)])
        // Once closed, a new connection ends at once, without events.
        var late: [ServerSentEvent] = []
        for await event in channel.subscribe() { late.append(event) }
        #expect(late.isEmpty)
        #expect(channel.count == 0)
    }
}
