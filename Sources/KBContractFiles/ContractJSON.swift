import KBContract
import KBCore
import KBOutput

extension Chunk {
    /// The chunk's line of `chunks.jsonl`: its JSON and a line feed.
    func writeLine(into output: inout [UInt8]) {
        JSONWriter.append(to: &output) { json in
            json.object { json in
                json.member("$schema", schema)
                json.member("formatVersion", formatVersion)
                json.member("id", id)
                json.key("metadata")
                json.object { json in
                    json.member("anchor", metadata.anchor)
                    json.member("articleId", metadata.articleId)
                    json.member("codes", metadata.codes)
                    json.member("contentHash", metadata.contentHash)
                    json.member("entryId", metadata.entryId)
                    json.member("kind", metadata.kind.rawValue)
                    json.member("locale", metadata.locale)
                    json.member("next", metadata.next)
                    json.member("part", metadata.part)
                    json.member("previous", metadata.previous)
                    json.member("section", metadata.section)
                    json.member("title", metadata.title)
                    json.member("tokens", metadata.tokens)
                    json.member("updated", metadata.updated)
                    json.member("url", metadata.url)
                }
                json.member("text", text)
            }
        }
        output.append(0x0A)
    }
}

extension ArticleRecord {
    /// The article's record in `articles.json`.
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("date", date)
            json.member("description", description)
            json.member("entries", entries) { $1.write(to: &$0) }
            json.member("id", id)
            json.member("locale", locale)
            json.member("markdownURL", markdownURL)
            json.member("msDate", msDate)
            json.member("procedures", procedures) { $1.write(to: &$0) }
            json.member("sections", sections) { json, section in
                json.object { json in
                    json.member("anchor", section.anchor)
                    json.member("level", section.level)
                    json.member("title", section.title)
                    json.member("url", section.url)
                }
            }
            json.member("title", title)
            json.member("topic", topic)
            json.member("translationKey", translationKey)
            json.key("translations")
            json.object { json in
                for (locale, url) in translations.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    json.key(named: locale)
                    json.string(url)
                }
            }
            json.member("url", url)
        }
    }
}

extension EntryRecord {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("anchor", anchor)
            if let cause {
                json.key("cause")
                cause.write(to: &json)
            }
            json.member("chunk", chunk)
            json.member("codes", codes) { $1.write(to: &$0) }
            json.member("counterparts", counterparts) { json, counterpart in
                json.object { json in
                    json.member("articleId", counterpart.articleId)
                    json.member("entryId", counterpart.entryId)
                    json.member("locale", counterpart.locale)
                    json.member("url", counterpart.url)
                }
            }
            json.member("id", id)
            json.member("kind", kind.rawValue)
            json.member("message", message)
            json.member("messages", messages)
            json.member("platform", platform)
            json.member("procedures", procedures) { $1.write(to: &$0) }
            if let resolution {
                json.key("resolution")
                resolution.write(to: &json)
            }
            json.member("section", section)
            json.member("sectionPath", sectionPath)
            json.member("title", title)
            json.member("url", url)
        }
    }
}

extension TextRecord {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("markdown", markdown)
            json.member("text", text)
        }
    }
}

extension CodeRecord {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("aliases", aliases)
            json.member("code", code)
            if let hresult {
                json.key("hresult")
                json.object { json in
                    json.member("code", hresult.code)
                    json.member("customerDefined", hresult.customerDefined)
                    json.member("facility", hresult.facility)
                    json.member("facilityName", hresult.facilityName)
                    json.member("severity", hresult.severity)
                    json.member("signed", hresult.signed)
                    json.member("unsigned", hresult.unsigned)
                    json.member("win32Error", hresult.win32Error)
                    json.member("win32ErrorName", hresult.win32ErrorName)
                }
            }
            json.member("kind", kind.rawValue)
            json.member("raw", raw)
        }
    }
}

extension ProcedureRecord {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("id", id)
            json.member("section", section)
            json.member("steps", steps) { $1.write(to: &$0) }
            json.member("title", title)
            json.member("url", url)
        }
    }
}

extension StepRecord {
    func write(to json: inout JSONWriter) {
        json.object { json in
            json.member("markdown", markdown)
            json.member("position", position)
            json.member("substeps", substeps) { $1.write(to: &$0) }
            json.member("text", text)
            json.member("uiPath", uiPath)
        }
    }
}
