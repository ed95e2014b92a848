import KBText
import Testing

/// `CharacterCount.of` must give what `String.count` gives: it decides where chunks are cut
/// and their token counts.
@Suite struct CharacterCountTests {
    @Test("the count of each kind of text is the standard library's")
    func matchesTheStandardLibrary() {
        let texts = [
            "", "a", "plain ASCII text", "line\r\nbreaks\r\n", "\r\r\n\n", "Lösning för geïnstalleerd",
            "ĳzer ǅ ȿ ʯ", "Microsoft Intune でデバイスを登録する。", "登録に失敗しました（0x80CF0437）",
            "ｶﾀｶﾅ ﾃﾞﾊﾞｲｽ", "e\u{301}cole", "か\u{3099}", "ｶ\u{FF9E}", "한국어 텍스트", "👍🏽 and 👨‍👩‍👧",
            "🇳🇱🇸🇪", "क्षि", "\u{302A}〇", "café\r\n日本",
            "Artikel › Sektion – „citat” … ‰ ′", "登録 › エラー\r\n“x”", "‼\u{FE0F} ‼", "‼\u{200D}👍", "a\u{2060}b\u{200D}c",
        ]
        for text in texts {
            #expect(CharacterCount.of(text) == text.count, "\(text.debugDescription)")
            #expect(CharacterCount.exceeds(text, 3) == (text.count > 3), "\(text.debugDescription)")
            for count in 0...(text.count + 1) {
                #expect(CharacterCount.prefix(text, count) == text.prefix(count), "\(text.debugDescription) \(count)")
                #expect(CharacterCount.prefix(text, count).endIndex == text.prefix(count).endIndex, "\(text.debugDescription) \(count)")
            }
        }
    }

    @Test("every scalar counted as a Character of its own is one, beside any other of them")
    func plainScalarsBreakOnBothSides() {
        // Representatives of the ranges: what precedes or follows a plain scalar in text the
        // fast path counts.
        let neighbours: [Unicode.Scalar] = ["a", "\u{2FF}", "\r", "\n", "\u{3041}", "\u{4E00}", "\u{FF9D}", "\u{2010}", "\u{203C}"]
        let ranges: [ClosedRange<UInt32>] = [0x80...0x2FF, 0x2000...0x206F, 0x3000...0x30FF, 0x4E00...0x9FFF, 0xFF00...0xFFEF]
        var checked = 0
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value), value < 0x300 || CharacterCount.isPlainCJK(value) || CharacterCount.isPlainPunctuation(value) else { continue }
                for neighbour in neighbours {
                    var before = String.UnicodeScalarView()
                    before.append(neighbour)
                    before.append(scalar)
                    var after = String.UnicodeScalarView()
                    after.append(scalar)
                    after.append(neighbour)
                    let expected = neighbour == "\r" || neighbour == "\n" ? nil : 2
                    if let expected {
                        #expect(String(before).count == expected, "U+\(String(value, radix: 16)) after U+\(String(neighbour.value, radix: 16))")
                        #expect(String(after).count == expected, "U+\(String(value, radix: 16)) before U+\(String(neighbour.value, radix: 16))")
                    }
                    #expect(CharacterCount.of(String(before)) == String(before).count)
                    #expect(CharacterCount.of(String(after)) == String(after).count)
                }
                checked += 1
            }
        }
        #expect(checked == 22_085)
    }
}

/// `Whitespace.trim` trims the white space `Character.isWhitespace` knows, from both ends.
@Suite struct WhitespaceTrimTests {
    @Test("trimming gives what trimming Characters gives")
    func matchesCharacters() {
        let texts = [
            "", " ", "a", " a ", "\t\n a b \r\n", "\u{A0}Lösning\u{A0}", "\u{3000}登録\u{3000}", "x\u{2029}",
            "\u{85}\u{2003}text\u{202F}\u{205F}", "é ", "ends in é\u{301}", "日本語", "a\u{200B}",
        ]
        for text in texts {
            let expected = String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
            #expect(Whitespace.trim(text) == expected, "\(text.debugDescription)")
            #expect(Whitespace.trim(text).utf8.elementsEqual(expected.utf8), "\(text.debugDescription)")
        }
        // White space is read by scalar: a space that a combining mark follows goes, the mark stays.
        #expect(Whitespace.trim(" \u{301}") == "\u{301}")
    }
}

/// The shortcuts of `TextFolding.fold` give what its general rule gives.
@Suite struct TextFoldingTests {
    @Test("each scalar below U+0300 and each uncased CJK scalar folds as by the general rule")
    func shortcutsMatchTheRule() {
        var checked = 0
        for value in UInt32(0x80)...0x9FFF where value < 0x300 || TextFolding.isUncased(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var general = ""
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                if let base = TextFolding.latinBase[lower.value] {
                    general += base
                } else if lower.properties.generalCategory != .nonspacingMark {
                    general.unicodeScalars.append(lower)
                }
            }
            #expect(TextFolding.fold(String(scalar)).utf8.elementsEqual(general.utf8), "U+\(String(value, radix: 16))")
            checked += 1
        }
        #expect(checked > 28_000)
        #expect(TextFolding.fold("Lösning GEÏNSTALLEERD İı デバイスの登録") == "losning geinstalleerd ii デバイスの登録")
    }
}
