import Foundation
import Testing
@testable import NashraServe

@Suite struct ValidatorsTests {
    let modified = Date(timeIntervalSince1970: 784_111_777.6)   // Sun, 06 Nov 1994 08:49:37.6 GMT

    @Test func entityTagsFollowTheBytes() {
        let a = Validators(body: Array("صباح الخير".utf8), lastModified: modified)
        let b = Validators(body: Array("صباح الخير".utf8), lastModified: modified)
        let c = Validators(body: Array("مساء الخير".utf8), lastModified: modified)
        #expect(a.entityTag == b.entityTag)
        #expect(a.entityTag != c.entityTag)
        #expect(a.entityTag.hasPrefix("\"") && a.entityTag.hasSuffix("\""))
    }

    @Test func conditionalRequests() {
        let validators = Validators(body: Array("x".utf8), lastModified: modified)
        let tag = validators.entityTag
        #expect(validators.isNotModified(ifNoneMatch: tag, ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "W/\(tag)", ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "\"other\", \(tag)", ifModifiedSince: nil))
        #expect(validators.isNotModified(ifNoneMatch: "*", ifModifiedSince: nil))
        #expect(!validators.isNotModified(ifNoneMatch: "\"other\"", ifModifiedSince: nil))
        // If-None-Match wins over If-Modified-Since.
        #expect(!validators.isNotModified(ifNoneMatch: "\"other\"", ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Mon, 07 Nov 1994 00:00:00 GMT"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "Sun, 06 Nov 1994 08:49:36 GMT"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: "not a date"))
        #expect(!validators.isNotModified(ifNoneMatch: nil, ifModifiedSince: nil))
    }
}
