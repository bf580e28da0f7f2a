import Foundation
import KithCommandLine
import Testing

@Suite("JSONLine")
struct JSONLineTests {
    @Test("objects keep insertion order and use no spaces or newlines")
    func orderAndShape() {
        let object: JSONObject = [
            "zeta": 1, "alpha": "a", "mid": true, "none": nil, "list": [1, "two", false],
        ]
        #expect(
            JSONLine.encode(object)
                == #"{"zeta":1,"alpha":"a","mid":true,"none":null,"list":[1,"two",false]}"#)
    }

    @Test("nested objects and the extremes of the integer types")
    func nestedAndExtremes() {
        let object: JSONObject = [
            "inner": ["b": .unsigned(UInt64.max), "a": .int(Int.min)],
            "empty": .object(JSONObject()),
            "none": .array([]),
        ]
        #expect(
            JSONLine.encode(object)
                == #"{"inner":{"b":18446744073709551615,"a":-9223372036854775808},"empty":{},"none":[]}"#
        )
    }

    @Test("setting an existing key replaces its value in place; nil removes it")
    func subscriptSemantics() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        object["d"] = 4
        object["a"] = nil
        #expect(JSONLine.encode(object) == #"{"b":"two","c":3,"d":4}"#)
        #expect(object["c"] == 3)
        #expect(object["a"] == nil)
    }

    @Test(
        "strings escape quote, backslash and control characters; other text stays as UTF-8",
        arguments: [
            ("plain", #""plain""#),
            ("say \"hi\"", #""say \"hi\"""#),
            (#"back\slash"#, #""back\\slash""#),
            ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
            ("\u{08}\u{0C}", #""\b\f""#),
            ("\u{00}\u{01}\u{1F}\u{7F}", #""\u0000\u0001\u001f\u007f""#),
            ("\u{2028}\u{2029}", #""\u2028\u2029""#),
            ("café 🙂 ✓", "\"café 🙂 ✓\""),
            ("/slash/", #""/slash/""#),
        ]
    )
    func escaping(input: String, expected: String) {
        #expect(JSONLine.encode(.string(input)) == expected)
    }

    @Test("every line is valid JSON that decodes back to the same strings, and has no raw newline")
    func roundTrip() throws {
        var strings = ["", "\"", "\\", "\n", "é", "🙂", "\u{0}", "a\u{2028}b"]
        strings += (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        let object = JSONObject(
            strings.enumerated().map { ("k\($0.offset)", JSONValue.string($0.element)) })
        let line = JSONLine.encode(object)
        #expect(!line.contains("\n"))
        let decoded = try #require(
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        )
        for (index, string) in strings.enumerated() {
            #expect(decoded["k\(index)"] == string, "string \(index)")
        }
    }
}
