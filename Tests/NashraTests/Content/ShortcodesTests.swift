import Testing
@testable import Nashra
import NashraCore

/// Renders `markdown` as a bulletin body is rendered: shortcodes expanded, then cmark in safe mode.
private func render(_ markdown: String, resolve: ((String) -> String?)? = nil) -> (html: String, warnings: [String]) {
    let expansion = Shortcodes.expand(markdown, firstLine: 5, resolve: resolve)
    let html = Markdown.html(expansion.markdown, unsafeHTML: false, inserts: expansion.inserts)
    return (html, expansion.warnings.map { "\($0.position.line):\($0.position.column): \($0.message)" })
}

@Suite struct ShortcodesTests {
    @Test(arguments: [
        // Videos and posts elsewhere: plain links, nothing loaded until the reader clicks.
        ("{{< youtube 7f1-z-WXWyw >}}",
         "<p class=\"embed embed-video\"><a class=\"embed-link\" href=\"https://www.youtube.com/watch?v=7f1-z-WXWyw\" rel=\"external noopener\"><span dir=\"ltr\">https://www.youtube.com/watch?v=7f1-z-WXWyw</span></a></p>\n"),
        ("{{% youtube id=\"7f1-z-WXWyw\" title=\"فيديو المطر\" %}}",
         "<p class=\"embed embed-video\"><a class=\"embed-link\" href=\"https://www.youtube.com/watch?v=7f1-z-WXWyw\" rel=\"external noopener\">فيديو المطر</a></p>\n"),
        ("{{< vimeo 146022717 >}}", "href=\"https://vimeo.com/146022717\""),
        ("{{< x user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}", "href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\""),
        ("{{< tweet user=\"SanDiegoZoo\" id=\"1453110110599868418\" >}}", "href=\"https://x.com/SanDiegoZoo/status/1453110110599868418\""),
        ("{{< tweet 1453110110599868418 >}}", "href=\"https://x.com/i/status/1453110110599868418\""),
        ("{{< instagram BWNjjyYFxVx >}}", "href=\"https://www.instagram.com/p/BWNjjyYFxVx/\""),
        ("{{< gist spf13 7896402 img.html >}}", "href=\"https://gist.github.com/spf13/7896402#file-img-html\""),
        // A figure with its caption.
        ("{{< figure src=\"/img/a.jpg\" alt=\"شارع\" caption=\"بعد المطر\" link=\"/big/a.jpg\" >}}",
         "<figure><a href=\"/big/a.jpg\"><img src=\"/img/a.jpg\" alt=\"شارع\"></a><figcaption>بعد المطر</figcaption></figure>\n"),
        ("{{< figure src=\"/img/a.jpg\" title=\"<b>\" >}}", "<figcaption><strong>&lt;b&gt;</strong></figcaption>"),
        // highlight: a fenced code block, its text escaped.
        ("{{< highlight go >}}\nfmt.Println(\"<hi>\")\n{{< /highlight >}}",
         "<pre><code class=\"language-go\">fmt.Println(&quot;&lt;hi&gt;&quot;)\n</code></pre>\n"),
        ("{{< highlight bash \"linenos=table\" >}}~~~\n{{< /highlight >}}", "<pre><code class=\"language-bash\">~~~\n</code></pre>"),
        // Hugo's escape for writing a shortcode as text.
        ("{{</* youtube x */>}}", "<p>{{&lt; youtube x &gt;}}</p>\n"),
        // Liquid's raw: the text is kept.
        ("{% raw %}{{ kept }}{% endraw %}", "<p>{{ kept }}</p>\n"),
    ])
    func becomesNashrasHTML(markdown: String, expected: String) {
        let (html, _) = render(markdown)
        #expect(html.contains(expected), "\(html)")
    }

    @Test func amongTextAnEmbedIsInline() {
        let (html, _) = render("شاهد {{< vimeo 146022717 >}} الآن")
        #expect(html.hasPrefix("<p>شاهد <a class=\"embed-link\" href=\"https://vimeo.com/146022717\""))
        #expect(html.hasSuffix("</a> الآن</p>\n"))
    }

    @Test func aRefBecomesTheResolvedURL() {
        let (html, warnings) = render("[السوق]({{< ref \"market-day.md#prices\" >}}) و[أخرى]({{< relref \"/posts/gone.md\" >}})",
                                      resolve: { $0 == "market-day.md" ? "/2016/01/market-day/" : nil })
        #expect(html == "<p><a href=\"/2016/01/market-day/#prices\">السوق</a> و<a href=\"#\">أخرى</a></p>\n")
        #expect(warnings.isEmpty)
        let expansion = Shortcodes.expand("x {{< ref \"a.md\" >}}", firstLine: 3)
        #expect(expansion.references == [Reference(target: "a.md", position: TextPosition(line: 3, column: 3))])
    }

    /// Unknown shortcodes and Liquid: removed, never printed, each warned of at its line and column.
    @Test func unknownOnesAreRemovedWithTheirPosition() {
        let (html, warnings) = render("""
            أول {{< gallery dir="/x/" >}} سطر
            {{% notice tip %}}نص{{% /notice %}}
            {% include figure.html src="a.jpg" %}
            الموقع {{ site.url }}/about
            {% comment %}سر{% endcomment %}
            """)
        #expect(!html.contains("{{") && !html.contains("{%") && !html.contains("gallery") && !html.contains("سر"))
        #expect(html.contains("نص"))
        #expect(warnings == [
            "5:5: shortcode '{{< gallery >}}' is not known to Nashra; it was removed",
            "6:1: shortcode '{{% notice %}}' is not known to Nashra; it was removed",
            "6:21: shortcode '{{% /notice %}}' is not known to Nashra; it was removed",
            "7:1: Liquid tag '{% include figure.html src=\"a.jpg\" %}' is not carried over; it was removed",
            "8:8: Liquid output '{{ site.url }}' is not carried over; it was removed",
            "9:1: Liquid comment removed",
        ])
    }

    @Test(arguments: [
        ("{{< youtube >}}", "shortcode 'youtube' needs a video id"),
        ("{{< youtube \"x\\\" onload=\\\"y\" >}}", "shortcode 'youtube' needs a video id"),
        ("{{< figure src=\"javascript:alert(1)\" >}}", "shortcode 'figure' needs a 'src'"),
        ("{{< highlight go >}}never closed", "has no closing"),
        ("{{< youtube abc", "is not closed"),
    ])
    func brokenOnesAreWarnedOf(markdown: String, expected: String) {
        let (html, warnings) = render(markdown)
        #expect(warnings.contains { $0.contains(expected) }, "\(warnings)")
        #expect(!html.contains("javascript") && !html.contains("onload"))
    }

    @Test func aShortcodeInCodeStaysAsWritten() {
        let (html, _) = render("`{{< youtube 7f1 >}}`")
        #expect(html == "<p><code>{{&lt; youtube 7f1 &gt;}}</code></p>\n")
    }

    @Test func aBodyWithoutBracesIsLeftAlone() {
        #expect(!Shortcodes.mayApply(to: "نص عادي { و } فقط".utf8))
        #expect(Shortcodes.mayApply(to: "a {{< x >}}".utf8))
        let expansion = Shortcodes.expand("نص \u{E000}0\u{E001}", firstLine: 1)
        #expect(expansion.markdown == "نص \u{FFFD}0\u{FFFD}")
    }
}
