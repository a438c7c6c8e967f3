import Foundation
import Testing
@testable import NashraDeploy

@Suite struct DestinationTests {
    static let base = URL(fileURLWithPath: "/home/desk/site")

    @Test(arguments: [
        ("s3://news-site/ar", Destination.s3(bucket: "news-site", prefix: "ar/")),
        ("s3://news-site", .s3(bucket: "news-site", prefix: "")),
        ("s3://news-site/", .s3(bucket: "news-site", prefix: "")),
        ("s3://news-site//a//b/", .s3(bucket: "news-site", prefix: "a/b/")),
        ("/var/www/news", .folder(URL(fileURLWithPath: "/var/www/news"))),
        ("public", .folder(URL(fileURLWithPath: "/home/desk/site/public"))),
        ("../www", .folder(URL(fileURLWithPath: "/home/desk/www"))),
        ("./a:b", .folder(URL(fileURLWithPath: "/home/desk/site/a:b"))),
        ("deploy@host.example:/var/www/news", .rsync("deploy@host.example:/var/www/news")),
        ("host:news", .rsync("host:news")),
        ("rsync:/srv/news", .rsync("/srv/news")),
        ("rsync:mirror", .rsync("/home/desk/site/mirror")),
        ("rsync://mirror.example/news", .rsync("rsync://mirror.example/news")),
        ("git:../pages#gh-pages", .git(repository: "/home/desk/pages", branch: "gh-pages")),
        ("git:../pages", .git(repository: "/home/desk/pages", branch: "gh-pages")),
        ("git:git@github.com:desk/news.git#main", .git(repository: "git@github.com:desk/news.git", branch: "main")),
        ("git:https://example.org/news.git#pages/ar", .git(repository: "https://example.org/news.git", branch: "pages/ar")),
    ])
    func parses(_ text: String, _ expected: Destination) throws {
        #expect(try Destination.parse(text, relativeTo: Self.base) == expected)
    }

    @Test(arguments: ["s3://", "s3://A_B/x", "s3://ab", "ftp://host/x", "git:#main", "git:../pages#bad..name", "git:x#-f", ""])
    func rejects(_ text: String) {
        #expect(throws: DeployError.self) { try Destination.parse(text, relativeTo: Self.base) }
    }
}
