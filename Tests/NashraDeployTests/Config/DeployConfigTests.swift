import Foundation
import Testing
@testable import NashraDeploy
import Nashra

@Suite struct DeployConfigTests {
    static let yaml = """
        title: نشرة
        deploy:
          default: production
          cacheControl:
            - { match: "*.html", value: "public, max-age=60" }
          targets:
            production:
              to: s3://news-site/ar
              region: eu-central-1
              endpoint: https://storage.example
              addressing: virtual-host
              multipartThreshold: 32MiB
              partSize: 8 MiB
              jobs: 4
              timeout: 30
              attempts: 6
              cacheControl:
                - match: "tags/**"
                  value: no-cache
            mirror: deploy@mirror.example:/var/www/news
            pages:
              to: git:../pages#gh-pages
              delete: false
        """

    @Test func readsTargets() throws {
        let config = try parse(Self.yaml, path: "nashra.yaml")
        #expect(config.defaultTarget == "production")
        let production = try #require(try config.target(named: nil))
        #expect(production.name == "production")
        #expect(production.destination == "s3://news-site/ar")
        #expect(production.region == "eu-central-1")
        #expect(production.endpoint == "https://storage.example")
        #expect(production.addressing == .virtualHost)
        #expect(production.multipartThreshold == 32 << 20)
        #expect(production.partSize == 8 << 20)
        #expect(production.jobs == 4)
        #expect(production.timeout == 30)
        #expect(production.attempts == 6)
        // The target's own rules, then the shared ones.
        let policy = CachePolicy(rules: production.cacheRules)
        #expect(policy.cacheControl(for: "tags/اقتصاد/index.html") == "no-cache")
        #expect(policy.cacheControl(for: "index.html") == "public, max-age=60")

        #expect(try config.target(named: "mirror")?.destination == "deploy@mirror.example:/var/www/news")
        #expect(try config.target(named: "pages")?.delete == false)
    }

    @Test func unknownTargetListsTheKnownOnes() throws {
        let config = try parse(Self.yaml, path: "nashra.yaml")
        #expect(throws: DeployError.unknownTarget("staging", known: ["mirror", "pages", "production"])) {
            try config.target(named: "staging")
        }
    }

    @Test func theOnlyTargetIsTheDefault() throws {
        let config = try parse("deploy:\n  targets:\n    www: /var/www/news\n", path: "nashra.yaml")
        #expect(try config.target(named: nil)?.destination == "/var/www/news")
    }

    @Test func noDeploySectionIsEmpty() throws {
        let config = try parse("title: نشرة\n", path: "nashra.yaml")
        #expect(config == DeployConfig())
        #expect(try config.target(named: nil) == nil)
    }

    @Test(arguments: [
        ("deploy:\n  target: {}\n", "nashra.yaml:2:3: unknown key 'deploy.target'"),
        ("deploy:\n  targets:\n    s3:\n      to: s3://b/p\n      regoin: x\n", "nashra.yaml:5:7: unknown key 'deploy.targets.s3.regoin'"),
        ("deploy:\n  targets:\n    s3:\n      to: s3://b/p\n      jobs: many\n", "nashra.yaml:5:13: 'deploy.targets.s3.jobs' must be a whole number"),
        ("deploy:\n  targets:\n    s3:\n      partSize: 8 lots\n", "nashra.yaml:4:17: 'deploy.targets.s3.partSize' must be a size"),
        ("deploy:\n  default: www\n  targets:\n    web: /srv\n", "deploy.default names 'www', which is not in deploy.targets (web)"),
        ("deploy:\n  cacheControl:\n    - match: \"*.html\"\n", "needs both match"),
        ("deploy:\n  targets:\n    a: /x\n    a: /y\n", "nashra.yaml:4:5: 'deploy.targets' has 'a' twice"),
        ("deploy:\n  targets:\n    s3:\n      addressing: dns\n", "must be path or virtual-host"),
    ])
    func reportsProblemsWithTheirPosition(_ yaml: String, _ expected: String) {
        #expect {
            try parse(yaml, path: "nashra.yaml")
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func commandLineOverridesTheFile() {
        var file = TargetSettings(destination: "s3://a/b")
        file.region = "eu-central-1"
        file.jobs = 4
        var options = TargetSettings()
        options.jobs = 16
        options.delete = false
        let merged = file.overridden(by: options)
        #expect(merged.destination == "s3://a/b")
        #expect(merged.region == "eu-central-1")
        #expect(merged.jobs == 16)
        #expect(merged.delete == false)
    }

    /// Through the one reader of nashra.yaml, as `nashra deploy` reads it.
    func parse(_ yaml: String, path: String) throws -> DeployConfig {
        let section = try SiteConfig.parse(yaml, path: path).get().deploySection
        return try DeployConfig(section: section?.node, path: path)
    }
}
