import Foundation
import Testing
@testable import NashraDeploy

@Suite struct AWSCredentialsTests {
    @Test func environmentComesFirst() throws {
        let credentials = try AWSCredentials.resolve(environment: [
            "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "secret-from-env", "AWS_SESSION_TOKEN": "token",
            "HOME": "/nonexistent",
        ])
        #expect(credentials == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "secret-from-env", sessionToken: "token"))
    }

    @Test func sharedFileProfile() throws {
        let home = TestSite.scratch("home")
        defer { TestSite.remove(home) }
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try Data("""
            [default]
            aws_access_key_id = AKIDDEFAULT
            aws_secret_access_key = default-secret

            # the newsroom's deploy key
            [newsroom]
            aws_access_key_id=AKIDNEWS
            aws_secret_access_key=news-secret
            aws_session_token = news-token
            """.utf8).write(to: home.appendingPathComponent(".aws/credentials"))
        #expect(try AWSCredentials.resolve(environment: ["HOME": home.path]).accessKeyID == "AKIDDEFAULT")
        let news = try AWSCredentials.resolve(environment: ["HOME": home.path, "AWS_PROFILE": "newsroom"])
        #expect(news == AWSCredentials(accessKeyID: "AKIDNEWS", secretAccessKey: "news-secret", sessionToken: "news-token"))
    }

    @Test func noneFoundSaysWhereToPutThem() {
        #expect(throws: DeployError.missingCredentials) {
            try AWSCredentials.resolve(environment: ["HOME": "/nonexistent"])
        }
    }

    @Test func descriptionHidesTheSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI", sessionToken: "tok")
        #expect(!"\(credentials)".contains("wJalrXUtnFEMI"))
        #expect(!"\(credentials)".contains("tok"))
        var dumped = ""
        dump(credentials, to: &dumped)
        #expect(!dumped.contains("wJalrXUtnFEMI") && dumped.contains("AKIDEXAMPLE"))
    }
}
