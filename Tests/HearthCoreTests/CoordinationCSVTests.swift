import Foundation
import Testing
@testable import HearthCore

/// RFC 4180 reading and writing, written here without third-party code.
@Suite struct CSVTests {
    @Test func plainFieldsAndLineEnds() throws {
        let records = try CSV.parse("id,name\r\no1,Mobile Meals\r\no2,Silver Rides\n")
        #expect(records == [CSVRecord(line: 1, fields: ["id", "name"]), CSVRecord(line: 2, fields: ["o1", "Mobile Meals"]),
                            CSVRecord(line: 3, fields: ["o2", "Silver Rides"])])
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() throws {
        let text = "id,description\r\ns1,\"Hot meals, Mon–Fri\"\r\ns2,\"Say \"\"meals\"\" when you call\"\r\ns3,\"Line one\r\nLine two\"\r\ns4,\"\"\r\n"
        let records = try CSV.parse(text)
        #expect(records.map(\.fields) == [["id", "description"], ["s1", "Hot meals, Mon–Fri"], ["s2", "Say \"meals\" when you call"],
                                         ["s3", "Line one\r\nLine two"], ["s4", ""]])
        // a record spanning two lines starts where it starts; the next one is counted after both lines
        #expect(records.map(\.line) == [1, 2, 3, 4, 6])
    }

    @Test func emptyFieldsBlankLinesAndTheLastLineWithoutABreak() throws {
        let records = try CSV.parse("a,b,c\n\n1,,3\n,,\nx,y,z")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "", "3"], ["", "", ""], ["x", "y", "z"]])
        #expect(records.map(\.line) == [1, 3, 4, 5])
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        #expect(try CSV.parse("\u{FEFF}id,name\n1,A").first?.fields == ["id", "name"])
    }

    @Test func brokenQuotingNamesTheLine() {
        #expect(throws: CSVError(line: 2, reason: "a quoted field is never closed; add the closing quote")) {
            try CSV.parse("id,name\n1,\"Mobile Meals\n2,Silver Rides\n")
        }
        let stray = #expect(throws: CSVError.self) { try CSV.parse("id,name\n1,Mobile \"Meals\"\n") }
        #expect(stray?.line == 2)
        #expect(stray?.reason.hasPrefix("a quote inside an unquoted field") == true)
        let after = #expect(throws: CSVError.self) { try CSV.parse("id,name\n1,\"Mobile\" Meals\n") }
        #expect(after?.reason.hasPrefix("text after a closing quote") == true)
    }

    @Test func writingQuotesOnlyWhatNeedsItAndReadsBackTheSame() throws {
        let rows = [["id", "note"], ["1", "plain"], ["2", "a, b"], ["3", "say \"hi\""], ["4", "two\nlines"], ["5", ""]]
        let text = CSV.write(rows)
        #expect(text == "id,note\r\n1,plain\r\n2,\"a, b\"\r\n3,\"say \"\"hi\"\"\"\r\n4,\"two\nlines\"\r\n5,\r\n")
        #expect(try CSV.parse(text).map(\.fields) == rows)
    }
}
