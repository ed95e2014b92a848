// kb search: finds any error code in any form, and words in every language, offline.
// The index is split into small files, each a script that calls kbSearch.register(), loaded
// only when a query needs them: this works from file:// and from any static web server.
// Results are built with DOM methods and textContent only; indexed text never reaches innerHTML.
(function () {
  "use strict";

  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var pageLocale = body.getAttribute("data-search-locale") || "";

  // ---------------------------------------------------------------------------------------
  // Loading index files.
  var data = {};
  var waiting = {};
  var requested = {};
  var loadedFiles = [];

  function finish(key, value) {
    data[key] = value;
    (waiting[key] || []).forEach(function (resolve) { resolve(value); });
    delete waiting[key];
  }

  // Index files call this as they load; it exists before any of them is requested.
  var api = window.kbSearch = {
    register: function (folder, name, value) { finish(folder + "/" + name, value); },
  };

  // Loads what the index registers as `name`, from the file `file` (by default its own): one
  // script element per file, however many of its shards are asked for. When the file has loaded
  // (or failed to), a shard it did not register is null.
  var fileShards = {};
  function load(folder, name, file) {
    var key = folder + "/" + name;
    if (requested[key]) return requested[key];
    requested[key] = new Promise(function (resolve) {
      if (key in data) { resolve(data[key]); return; }
      (waiting[key] = waiting[key] || []).push(resolve);
      var fileKey = folder + "/" + (file || name);
      if (fileShards[fileKey] === true) { finish(key, null); return; }
      if (fileShards[fileKey]) { fileShards[fileKey].push(key); return; }
      var shards = fileShards[fileKey] = [key];
      var script = document.createElement("script");
      var url = root + "search/" + (folder ? folder + "/" : "") + (file || name) + ".js";
      script.src = url;
      script.async = true;
      script.setAttribute("data-kb-index", "");
      script.onload = script.onerror = function () {
        if (fileShards[fileKey] !== shards) return;  // forgotten by api.reset meanwhile
        fileShards[fileKey] = true;
        shards.forEach(function (shard) { if (!(shard in data)) finish(shard, null); });
      };
      loadedFiles.push(url);
      document.head.appendChild(script);
    });
    return requested[key];
  }

  // The file that holds a shard: the last of the files, named after their first shard in the
  // order of the keys, whose first key is not after the shard's (SearchIndexBuilder.gather).
  function shardFile(prefix, key, firsts) {
    if (!firsts || !firsts.length) return prefix + key;
    var low = 0, high = firsts.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (firsts[middle] <= key) low = middle; else high = middle - 1;
    }
    return prefix + firsts[low];
  }

  // ---------------------------------------------------------------------------------------
  // Text, as the Swift side reads it (SearchTokenizer, TextFolding): the same folding, the same
  // words, the same two-character pieces of text written without spaces.
  var MARK = /\p{Mn}/u;
  var WORD = /[\p{Alphabetic}\p{N}_]/u;
  var UNSPACED = /[\u0E00-\u0E7F\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF\u3040-\u309F\u30A0-\u30FF\u31F0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{2FA1F}]/u;
  var foldTable = {};

  // Folds text and remembers, for every folded code unit, where it came from in the original.
  function fold(text) {
    var out = "";
    var origin = [];
    for (var index = 0; index < text.length;) {
      var point = text.codePointAt(index);
      var character = String.fromCodePoint(point);
      var lower = Array.from(character.toLowerCase());
      for (var n = 0; n < lower.length; n++) {
        var piece = foldTable[lower[n]];
        if (piece === undefined) piece = MARK.test(lower[n]) ? "" : lower[n];
        for (var unit = 0; unit < piece.length; unit++) origin.push(index);
        out += piece;
      }
      index += character.length;
    }
    origin.push(text.length);
    return { text: out, origin: origin };
  }

  function terms(folded) {
    var result = [];
    var word = "";
    var run = [];
    function flushWord() { if (word) result.push({ text: word, ngram: false }); word = ""; }
    function flushRun() {
      if (run.length === 1) result.push({ text: run[0], ngram: true });
      for (var i = 0; i + 1 < run.length; i++) result.push({ text: run[i] + run[i + 1], ngram: true });
      run = [];
    }
    Array.from(folded).forEach(function (character) {
      if (UNSPACED.test(character)) { flushWord(); run.push(character); }
      else if (WORD.test(character)) { flushRun(); word += character; }
      else { flushWord(); flushRun(); }
    });
    flushWord();
    flushRun();
    return result;
  }

  function isPlain(character) { return /^[a-z0-9]$/.test(character); }

  function termShard(term) {
    var characters = Array.from(term);
    if (!isPlain(characters[0])) return "u" + characters[0].codePointAt(0).toString(16);
    return characters[0] + (characters.length > 1 && isPlain(characters[1]) ? characters[1] : "_");
  }

  // The code shard of a form, as SearchIndexBuilder.codeShardKey: four characters after a "0x".
  function codeKey(form) {
    var significant = /^0x./.test(form) ? form.slice(2) : form;
    return Array.from(significant).slice(0, 4).map(function (c) {
      return c === "-" ? "m" : /^[a-z0-9_]$/.test(c) ? c : "_";
    }).join("");
  }

  // The code shards that may hold a form or codes starting with it: its own, and for a start of
  // three characters the few shards that begin with it.
  function codeShards(form, manifest) {
    var key = codeKey(form);
    var keys = manifest.codeShards.indexOf(key) >= 0 ? [key] : [];
    if (key.length === 3) {
      var longer = manifest.codeShards.filter(function (k) { return k !== key && k.lastIndexOf(key, 0) === 0; });
      if (longer.length <= 16) keys = keys.concat(longer);
    }
    // A code typed with two neighbouring characters swapped in its first four lives in another
    // shard: those shards too, for "did you mean" (a swap later in the code stays in this one).
    if (form.length >= CODE_TYPO_LENGTH && key.length === 4) {
      for (var i = 0; i < 3; i++) {
        var swapped = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        if (swapped !== key && keys.indexOf(swapped) < 0 && manifest.codeShards.indexOf(swapped) >= 0) keys.push(swapped);
      }
    }
    return keys;
  }

  // ---------------------------------------------------------------------------------------
  // Typos. A word of 5 letters or more may have one edit (a letter added, left out, changed, or
  // two neighbours swapped), of 9 or more two; a word with a digit none (a number one digit off is
  // another number); a code of 6 characters or more one changed character or one swap, offered
  // as "did you mean" or "similar codes", never as the code.
  var CODE_TYPO_LENGTH = 6;
  function typoBudget(characters) {
    if (characters.some(function (character) { return /\p{N}/u.test(character); })) return 0;
    return characters.length >= 9 ? 2 : characters.length >= 5 ? 1 : 0;
  }

  // The optimal string alignment distance between two arrays of characters, or limit + 1 as soon
  // as it must be more than limit.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous[j] = j;
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
        current[j] = value;
        if (value < smallest) smallest = value;
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // Whether two forms of a code of the same length differ by one character or one swap.
  function nearCode(a, b) {
    if (a.length !== b.length || a === b) return false;
    var first = -1, count = 0;
    for (var i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) { if (first < 0) first = i; count++; }
    }
    return count === 1 || (count === 2 && a[first] === b[first + 1] && a[first + 1] === b[first]);
  }

  // The shards a word typed with its first letters swapped is in: the first two, or the second
  // and third, swapped (a swap further on leaves the word in its own shard).
  function swappedShards(term) {
    var characters = Array.from(term);
    if (typoBudget(characters) === 0) return [];
    var keys = [];
    for (var at = 0; at < 2; at++) {
      if (characters[at] === characters[at + 1]) continue;
      var swapped = characters.slice();
      swapped[at] = characters[at + 1];
      swapped[at + 1] = characters[at];
      var key = termShard(swapped.join(""));
      if (keys.indexOf(key) < 0) keys.push(key);
    }
    return keys;
  }

  // ---------------------------------------------------------------------------------------
  // Searching one locale.
  var TITLE = 4, MESSAGE = 2, CODE = 8;

  // Postings as SearchIndexBuilder writes them (PostingEncoding): for each document, its distance
  // from the previous one (a digit with 4 bits, 16 set when a weight digit follows, 32 when more
  // digits of 5 bits follow), then, when it changes, its weight: field bits << 2 | (occurrences
  // - 1, at most 3).
  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var DIGIT = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT[DIGITS.charCodeAt(d)] = d;

  // A term's postings as two arrays, documents in order and their weights; kept once read.
  var decoded = {};
  function decodePostings(text) {
    var cached = decoded[text];
    if (cached) return cached;
    var documents = [], weights = [];
    var document = 0, weight = 0;
    for (var i = 0; i < text.length;) {
      var first = DIGIT[text.charCodeAt(i++)];
      var distance = first & 15, digit = first, shift = 4;
      while (digit & 32) {
        digit = DIGIT[text.charCodeAt(i++)];
        distance |= (digit & 31) << shift;
        shift += 5;
      }
      document += distance;
      if (first & 16) weight = DIGIT[text.charCodeAt(i++)];
      documents.push(document);
      weights.push(weight);
    }
    return (decoded[text] = { documents: documents, weights: weights });
  }

  // The documents holding a term, or (the last term of a query being typed) a word starting
  // with it, or a word a typo away from it: { documents: [in no order], weightOf: Int8Array by
  // document, -1 where absent, how: Uint8Array by document, EXACT, PREFIX or TYPO (the best way
  // the document has it) }. `shards`: the term's own shard, then those of its first letters
  // swapped, if any.
  var EXACT = 1, PREFIX = 2, TYPO = 3;
  function postings(shards, term, prefix, size, ngram) {
    var weightOf = new Int8Array(size).fill(-1);
    var how = new Uint8Array(size);
    var documents = [], nearWords = [];
    function add(list, way) {
      for (var i = 0; i < list.documents.length; i++) {
        var document = list.documents[i], weight = list.weights[i];
        if (!how[document]) documents.push(document);
        else if (how[document] < way) continue;
        else if (how[document] > way) weightOf[document] = -1;
        how[document] = way;
        if (weightOf[document] < weight) weightOf[document] = weight;
      }
    }
    var shard = shards[0];
    if (shard && shard[term]) add(decodePostings(shard[term]), EXACT);
    if (shard && prefix) {
      var expansions = 0;
      for (var candidate in shard) {
        if (candidate !== term && candidate.lastIndexOf(term, 0) === 0) {
          add(decodePostings(shard[candidate]), PREFIX);
          if (++expansions > 200) break;
        }
      }
    }
    var characters = Array.from(term);
    var budget = ngram ? 0 : typoBudget(characters);
    if (budget) {
      var near = 0;
      shards.forEach(function (each) {
        if (!each) return;
        for (var word in each) {
          if (word === term || (prefix && word.lastIndexOf(term, 0) === 0)) continue;
          var letters = Array.from(word);
          if (letters.length < 4 || Math.abs(letters.length - characters.length) > budget) continue;
          if (editDistance(characters, letters, budget) <= budget && near++ < 50) {
            add(decodePostings(each[word]), TYPO);
            nearWords.push(word);
          }
        }
      });
    }
    return { documents: documents, weightOf: weightOf, how: how, nearWords: nearWords };
  }

  // The codes a query names. A query of one word is a code being typed: its codes, and the codes
  // it begins. In a longer query (a dialog's text pasted with its code) only the words shaped
  // like a code are codes, and only whole: a digit and five characters or more, an underscore, or
  // a capital inside the word (0x80180014, 2016330894, OM_E_DS_NODATA, DeviceCapReached), never a
  // plain word ("not" beginning NOT_LICENSED) or a short number ("Syncml(500)").
  function codeShaped(word) {
    return (/\d/.test(word) && word.length >= 5) || /_/.test(word) || /\p{Ll}\p{Lu}/u.test(word);
  }

  function queryCodes(query) {
    var words = query.match(/-?[\p{L}\p{N}_]+/gu) || [];
    var whole = query.trim();
    if (words.length === 1 || (whole && !/\s/.test(whole))) {
      var bare = whole.replace(/^[^\p{L}\p{N}_-]+|[^\p{L}\p{N}_]+$/gu, "");
      var form = fold(bare).text;
      // Alone, a number is a code, and so is a word in capitals as the docs print codes (KONFORM).
      var shaped = codeShaped(bare) || /\d/.test(bare) || /^\p{Lu}[\p{Lu}\p{N}]{3,}$/u.test(bare);
      return form.length >= 2 ? [{ form: form, typing: true, shaped: shaped }] : [];
    }
    var codes = [];
    words.forEach(function (word) {
      var form = fold(word).text;
      if (codeShaped(word) && !codes.some(function (code) { return code.form === form; })) codes.push({ form: form, typing: false, shaped: true });
    });
    return codes;
  }

  // How a document is ranked: first by its codes (the query's own code, then a code the query
  // begins, then none, then a code one typo away), then by its words: each word of the query
  // weighs by its rarity and where the document has it (title, message or code, text), less when
  // only the start of a word or a word a typo away matches it, so a long query's other words
  // still carry it; and by how much of the document's title or message the query covers.
  var CODE_EXACT = 0, CODE_PREFIX = 1, CODE_NONE = 2, CODE_NEAR = 3;
  var FIELD_WEIGHT = { title: 1, message: 0.8, text: 0.45 };
  var WAY_WEIGHT = [0, 1, 0.75, 0.6];

  function lengthOf(lengths, document) {
    return lengths ? DIGIT[lengths.charCodeAt(document)] || 0 : 0;
  }

  function searchLocale(locale, query) {
    return load(locale, "manifest").then(function (manifest) {
      if (!manifest) return [];
      if (manifest.fold) foldTable = manifest.fold;
      var folded = fold(query.normalize("NFC")).text.trim();
      if (!folded) return [];
      var endsWord = !/\s$/.test(query);
      var found = terms(folded).filter(function (term) { return manifest.stopTerms.indexOf(term.text) < 0; });
      var last = found[found.length - 1];
      if (last && !last.ngram && endsWord && Array.from(last.text).length >= 2) last.prefix = true;

      var codes = queryCodes(query.normalize("NFC"));
      var codeLoads = codes.map(function (code) {
        return Promise.all(codeShards(code.form, manifest).map(function (key) {
          return load(locale, "c-" + key, shardFile("c-", key, manifest.codeFiles));
        }));
      });
      function termLoad(shard) {
        return shard && manifest.termShards.indexOf(shard) >= 0 ? load(locale, "t-" + shard, shardFile("t-", shard, manifest.termFiles))
          : Promise.resolve(null);
      }
      var termLoads = found.map(function (term) {
        var own = termShard(term.text);
        var swapped = term.ngram ? [] : swappedShards(term.text).filter(function (key) { return key !== own; });
        return Promise.all([termLoad(own)].concat(swapped.map(termLoad)));
      });
      var lengthsLoad = found.length ? load(locale, "lengths") : Promise.resolve(null);
      return Promise.all([Promise.all(codeLoads), Promise.all(termLoads), lengthsLoad]).then(function (shards) {
        var codeLists = shards[0], termShards = shards[1], lengths = shards[2] || {};
        var candidates = new Map();
        function candidate(document) {
          var entry = candidates.get(document);
          if (!entry) candidates.set(document, entry = { document: document, code: CODE_NONE, score: 0, codes: [] });
          return entry;
        }
        function carry(entry, rank, code) {
          entry.code = Math.min(entry.code, rank);
          if (entry.codes.indexOf(code) < 0) entry.codes.push(code);
        }
        var suggestions = [], similar = [], exactCodes = [];
        codes.forEach(function (code, index) {
          var seen = {}, records = [], matched = false, begun = [];
          [].concat.apply([], codeLists[index].filter(Boolean)).forEach(function (record) {
            if (seen[record[0]]) return;
            seen[record[0]] = true;
            records.push(record);
            if (record[1].indexOf(code.form) >= 0) {
              matched = true;
              if (exactCodes.indexOf(record[0]) < 0) exactCodes.push(record[0]);
              record[2].forEach(function (document) { carry(candidate(document), CODE_EXACT, record[0]); });
            } else if (code.typing && code.form.length >= 3 && record[1].some(function (form) { return form.lastIndexOf(code.form, 0) === 0; })) {
              begun.push(record);
            }
          });
          // The codes a code being typed begins: its results when it names none of its own, else
          // "similar codes", apart from them.
          begun.forEach(function (record) {
            if (matched) { if (similar.indexOf(record[0]) < 0) similar.push(record[0]); return; }
            record[2].forEach(function (document) { carry(candidate(document), CODE_PREFIX, record[0]); });
          });
          // The codes one typo away: "did you mean" when the query names no code, "similar" when it does.
          if (code.form.length < CODE_TYPO_LENGTH) return;
          records.forEach(function (record) {
            if (record[1].indexOf(code.form) >= 0 || !record[1].some(function (form) { return nearCode(code.form, form); })) return;
            if (matched) { if (similar.indexOf(record[0]) < 0) similar.push(record[0]); return; }
            if (suggestions.indexOf(record[0]) < 0) suggestions.push(record[0]);
            if (code.typing) record[2].forEach(function (document) { carry(candidate(document), CODE_NEAR, record[0]); });
          });
        });

        // Words: a document matching any of them is a candidate, weighed by what it matches.
        var lists = [];
        var total = manifest.documents;
        if (found.length) {
          lists = found.map(function (term, index) { return postings(termShards[index], term.text, term.prefix, total, term.ngram); });
          var rarity = lists.map(function (list) { return Math.log(1 + total / Math.max(1, list.documents.length)); });
          var whole = rarity.reduce(function (sum, value) { return sum + value; }, 0);
          var covered = new Float64Array(total), scores = new Float64Array(total);
          var inTitle = new Uint8Array(total), inMessage = new Uint8Array(total), touched = [];
          lists.forEach(function (list, index) {
            list.documents.forEach(function (document) {
              var weight = list.weightOf[document], fields = weight >> 2, frequency = (weight & 3) + 1;
              var field = fields & TITLE ? FIELD_WEIGHT.title : fields & (MESSAGE | CODE) ? FIELD_WEIGHT.message : FIELD_WEIGHT.text;
              if (!covered[document] && !scores[document]) touched.push(document);
              covered[document] += rarity[index];
              scores[document] += rarity[index] * field * WAY_WEIGHT[list.how[document]] * (1 + 0.1 * Math.log(frequency));
              if (fields & TITLE) inTitle[document]++;
              if (fields & (MESSAGE | CODE)) inMessage[document]++;
            });
          });
          // A document must cover half of what the best one covers (all of it, for two words or one).
          var best = 0;
          touched.forEach(function (document) { if (covered[document] > best) best = covered[document]; });
          var floor = best * (found.length <= 2 ? 0.999 : 0.5);
          touched.forEach(function (document) {
            if (covered[document] < floor && !candidates.has(document)) return;
            var titleLength = lengthOf(lengths.title, document), messageLength = lengthOf(lengths.message, document);
            var fit = Math.max(titleLength ? Math.min(1, inTitle[document] / titleLength) : 0,
                               messageLength ? Math.min(1, inMessage[document] / messageLength) : 0);
            var entry = candidate(document);
            entry.score += (scores[document] / whole) * (1 + 0.5 * fit);
            entry.words = true;
            entry.coverage = covered[document] / whole;
          });
        }
        var results = [];
        // A code typed alone: its entries alone (a word that is also a code's name, COMPLIANT, finds
        // the code's entries first, then the word's).
        var codeAlone = codes.length === 1 && codes[0].typing && codes[0].shaped && exactCodes.length > 0;
        candidates.forEach(function (entry) {
          if (!codeAlone || entry.code === CODE_EXACT) results.push(entry);
        });
        // The words a typo matched are highlighted as the query's own.
        var shownTerms = found.slice();
        lists.forEach(function (list) {
          list.nearWords.forEach(function (word) { shownTerms.push({ text: word, ngram: false }); });
        });
        results.forEach(function (entry) { entry.locale = locale; entry.manifest = manifest; entry.terms = shownTerms; });
        results.suggestions = suggestions;
        results.similar = similar;
        return results;
      });
    });
  }

  function allLocales() {
    return load("", "locales").then(function (list) { return list || []; });
  }

  // Results of one or more locales, best first, with what is needed to show them.
  function search(query, options) {
    options = options || {};
    var limit = options.limit || 20;
    var localesPromise = options.locales ? Promise.resolve(options.locales) : allLocales();
    return localesPromise.then(function (locales) {
      return Promise.all(locales.map(function (locale) { return searchLocale(locale, query); }));
    }).then(function (perLocale) {
      var preferred = options.preferred || "";
      var results = [].concat.apply([], perLocale);
      var suggestions = [], similar = [];
      perLocale.forEach(function (list) {
        (list.suggestions || []).forEach(function (code) { if (suggestions.indexOf(code) < 0) suggestions.push(code); });
        (list.similar || []).forEach(function (code) { if (similar.indexOf(code) < 0) similar.push(code); });
      });
      // The query's codes, then the words; within each, the page's own language first, then the
      // best scores.
      results.sort(function (a, b) {
        if (a.code !== b.code) return a.code - b.code;
        var ownA = a.locale === preferred ? 0 : 1, ownB = b.locale === preferred ? 0 : 1;
        if (ownA !== ownB) return ownA - ownB;
        if (a.score !== b.score) return b.score - a.score;
        if (a.locale !== b.locale) return a.locale < b.locale ? -1 : 1;
        return a.document - b.document;
      });
      var total = results.length, all = results;
      results = results.slice(options.offset || 0, (options.offset || 0) + limit);
      return Promise.all(results.map(function (result) {
        var manifest = result.manifest;
        return load(result.locale, "r-" + Math.floor(result.document / manifest.documentsPerShard)).then(function (shard) {
          var record = shard && shard.documents[result.document % manifest.documentsPerShard];
          if (!record) return null;
          var article = shard.articles[record[1]];
          var isArticle = record[0] === "a";
          return {
            locale: result.locale, language: manifest.name, kind: record[0],
            title: isArticle ? article[0] : record[2], context: isArticle ? "" : article[0],
            url: root + article[1] + (record[3] ? "#" + record[3] : ""), snippet: bestPassage(Array.isArray(record[4]) ? record[4] : [record[4]], result.terms), codes: record.slice(5),
            matchedCodes: result.codes, near: result.code === CODE_NEAR, terms: result.terms,
          };
        });
      })).then(function (list) {
        // How much of the query the best result of each language covers (a code: all of it).
        var coverage = {};
        all.forEach(function (result) {
          var covers = result.code === CODE_EXACT ? 1 : result.coverage || 0;
          if (!(coverage[result.locale] >= covers)) coverage[result.locale] = covers;
        });
        var names = {};
        perLocale.forEach(function (list) { if (list[0]) names[list[0].locale] = list[0].manifest.name; });
        return { results: list.filter(Boolean), total: total, suggestions: suggestions, similar: similar, coverage: coverage, names: names };
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // Showing results: DOM methods and textContent only.
  // The places in `text` where the query's terms occur: [start, end] in the text, in order,
  // overlapping ones merged.
  function matchRanges(text, queryTerms) {
    var folded = fold(text);
    var ranges = [];
    queryTerms.forEach(function (term) {
      var at = 0;
      while ((at = folded.text.indexOf(term.text, at)) >= 0) {
        var before = at === 0 ? "" : folded.text.charAt(at - 1);
        if (term.ngram || !before || !WORD.test(before)) {
          var end = at + term.text.length;
          if (!term.prefix && !term.ngram) {
            var after = folded.text.charAt(end);
            if (after && WORD.test(after)) { at = end; continue; }
          }
          ranges.push([folded.origin[at], folded.origin[end]]);
        }
        at += term.text.length;
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    // Overlapping matches (the two-character pieces of 登録に失敗) make one highlight.
    return ranges.reduce(function (merged, range) {
      var last = merged[merged.length - 1];
      if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]); else merged.push(range.slice());
      return merged;
    }, []);
  }

  // Of a result's passages, the one where the most terms of the query occur; the lead when none
  // has more than it. A passage other than the lead opens with "…".
  function bestPassage(passages, queryTerms) {
    var best = 0, most = matchRanges(passages[0] || "", queryTerms).length;
    for (var i = 1; i < passages.length; i++) {
      var count = matchRanges(passages[i], queryTerms).length;
      if (count > most) { best = i; most = count; }
    }
    return best === 0 ? passages[0] : "… " + passages[best];
  }

  function appendHighlighted(element, text, queryTerms) {
    var ranges = matchRanges(text, queryTerms);
    var start = 0;
    if (text.length > 220 && ranges.length) start = Math.max(0, ranges[0][0] - 60);
    var end = Math.min(text.length, start + 240);
    if (start > 0) element.appendChild(document.createTextNode("… "));
    var position = start;
    ranges.forEach(function (range) {
      if (range[0] < position || range[0] >= end) return;
      element.appendChild(document.createTextNode(text.slice(position, range[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(range[0], Math.min(range[1], end));
      element.appendChild(mark);
      position = Math.min(range[1], end);
    });
    element.appendChild(document.createTextNode(text.slice(position, end)));
    if (end < text.length) element.appendChild(document.createTextNode(" …"));
  }

  function resultElement(result, options) {
    var item = document.createElement("li");
    item.className = "search-result";
    var link = document.createElement("a");
    link.href = result.url;
    link.className = "result-title";
    appendHighlighted(link, result.title, result.terms);
    item.appendChild(link);
    if (result.codes.length) {
      var codes = document.createElement("span");
      codes.className = "result-codes";
      result.codes.forEach(function (code) {
        var element = document.createElement("code");
        element.textContent = code;
        if (result.matchedCodes.indexOf(code) >= 0) element.className = "matched";
        codes.appendChild(element);
      });
      item.appendChild(codes);
    }
    if (result.locale !== options.preferred) {
      var language = document.createElement("span");
      language.className = "result-language";
      language.lang = result.locale;
      language.textContent = result.language || result.locale;
      item.appendChild(language);
      item.lang = result.locale;
    }
    if (result.context) {
      var context = document.createElement("p");
      context.className = "result-context";
      context.textContent = result.context;
      item.appendChild(context);
    }
    var snippetText = result.snippet;
    // A message that opens with the title (a table row's message is often its title) shows the rest.
    if (snippetText && snippetText.lastIndexOf(result.title, 0) === 0 && snippetText.length > result.title.length + 20) {
      snippetText = snippetText.slice(result.title.length).trim();
    }
    if (snippetText && options.snippets !== false) {
      var snippet = document.createElement("p");
      snippet.className = "result-snippet";
      appendHighlighted(snippet, snippetText, result.terms);
      item.appendChild(snippet);
    }
    return item;
  }

  // Arrow keys move through a list of results, Enter opens the chosen one.
  function keyboard(input, list, onEnterWithoutChoice) {
    var active = -1;
    function options() { return list.querySelectorAll("li"); }
    function choose(index) {
      var items = options();
      Array.prototype.forEach.call(items, function (item, position) {
        item.setAttribute("aria-selected", position === index ? "true" : "false");
        if (!item.id) item.id = list.id + "-" + position;
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }
    input.addEventListener("keydown", function (event) {
      var count = options().length;
      if (event.key === "ArrowDown" && count) { event.preventDefault(); choose((active + 1) % count); }
      else if (event.key === "ArrowUp" && count) { event.preventDefault(); choose(active <= 0 ? count - 1 : active - 1); }
      else if (event.key === "Enter") {
        var item = options()[active];
        var link = item && item.querySelector("a");
        if (link) { event.preventDefault(); window.location.href = link.href; }
        else if (onEnterWithoutChoice) onEnterWithoutChoice(event);
      }
      else if (event.key === "Escape") { choose(-1); if (list.getAttribute("role") === "listbox") hide(); }
    });
    function hide() { list.hidden = true; input.setAttribute("aria-expanded", "false"); }
    return { reset: function () { active = -1; input.removeAttribute("aria-activedescendant"); }, hide: hide };
  }

  function debounce(action, delay) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(action, delay); };
  }

  // The search box in every page's header: suggestions as you type.
  var headerInput = document.getElementById("site-search-input");
  var suggestions = document.getElementById("site-search-suggestions");
  var form = headerInput && headerInput.form;
  if (headerInput && suggestions) {
    var headerKeys = keyboard(headerInput, suggestions, null);
    var latest = 0;
    // The index's table of contents loads while the cursor is on its way to the box.
    var warmUp = function () {
      if (pageLocale) load(pageLocale, "manifest");
      else allLocales().then(function (locales) { locales.forEach(function (locale) { load(locale, "manifest"); }); });
    };
    headerInput.addEventListener("focus", warmUp);
    headerInput.addEventListener("pointerenter", warmUp);
    headerInput.addEventListener("input", debounce(function () {
      var query = headerInput.value;
      var ticket = ++latest;
      if (!query.trim()) { headerKeys.hide(); return; }
      search(query, { locales: pageLocale ? [pageLocale] : null, preferred: pageLocale, limit: 8 })
        .then(function (found) {
          if (ticket !== latest) return;
          while (suggestions.firstChild) suggestions.removeChild(suggestions.firstChild);
          headerKeys.reset();
          found.results.forEach(function (result) {
            var item = resultElement(result, { preferred: pageLocale, snippets: false });
            item.setAttribute("role", "option");
            suggestions.appendChild(item);
          });
          if (!found.results.length) {
            var none = document.createElement("li");
            none.className = "search-none";
            none.textContent = (form.getAttribute("data-no-results") || "No results for") + " “" + query.trim() + "”";
            suggestions.appendChild(none);
          }
          suggestions.hidden = false;
          headerInput.setAttribute("aria-expanded", "true");
        });
    }, 80));
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) headerKeys.hide();
    });
  }

  // "/" puts the cursor in the search box, unless one is typing already.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    var box = document.getElementById("search-page-input") || headerInput;
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });

  // "1 resultaat", "3 результата", "5 результатов": the word for a count, by the plural rules of
  // the page's language (one, few, many, else the plural the status names in data-results).
  var resultsWord = function (status, count) {
    var category = "other";
    try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(count); } catch (error) { category = "other"; }
    return status.getAttribute("data-results-" + category) || status.getAttribute("data-results") || "results";
  };

  // The search page: results for the query in the address (search.html?q=…), kept up to date.
  var pageInput = document.getElementById("search-page-input");
  var resultList = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var suggestion = document.getElementById("search-suggestion");
  var similarCodes = document.getElementById("search-similar");
  var allBox = document.getElementById("search-all-languages");
  var elsewhere = document.getElementById("search-elsewhere");

  // When the page's language finds the query's words only in part (a message pasted in another
  // language), the languages whose best result has them all are offered, each its search page.
  function offerOtherLanguages(query, options, found, ticket) {
    while (elsewhere.firstChild) elsewhere.removeChild(elsewhere.firstChild);
    elsewhere.hidden = true;
    var own = found.coverage[pageLocale] || 0;
    if (!options.locales || own >= 0.999) return;
    search(query, { limit: 1 }).then(function (everywhere) {
      if (ticket !== ticketCounter) return;
      var better = Object.keys(everywhere.coverage).filter(function (locale) {
        return locale !== pageLocale && everywhere.coverage[locale] >= 0.999;
      }).sort();
      if (!better.length) return;
      elsewhere.appendChild(document.createTextNode((elsewhere.getAttribute("data-label") || "All the words are found in") + " "));
      better.forEach(function (locale, index) {
        if (index) elsewhere.appendChild(document.createTextNode(", "));
        var link = document.createElement("a");
        var switcher = document.querySelector('.language-switcher a[data-locale="' + locale + '"]');
        link.href = (switcher ? switcher.getAttribute("href").split(/[?#]/)[0] : root + locale + "/search.html") + "?q=" + encodeURIComponent(query);
        link.hreflang = locale;
        link.lang = locale;
        link.textContent = everywhere.names[locale] || locale;
        elsewhere.appendChild(link);
      });
      elsewhere.hidden = false;
    });
  }
  if (pageInput && resultList) {
    var parameters = new URLSearchParams(window.location.search);
    pageInput.value = parameters.get("q") || "";
    if (allBox) allBox.checked = parameters.get("all") === "1";
    var pageKeys = keyboard(pageInput, resultList, function (event) { event.preventDefault(); run(); });
    var ticketCounter = 0;
    var moreButton = document.getElementById("search-more");
    var PAGE = 10;
    var shown = 0;
    var show = function (query, options, ticket, append) {
      return search(query, options).then(function (found) {
        if (ticket !== ticketCounter) return;
        if (!append) {
          while (resultList.firstChild) resultList.removeChild(resultList.firstChild);
          pageKeys.reset();
          shown = 0;
        }
        found.results.forEach(function (result) { resultList.appendChild(resultElement(result, { preferred: pageLocale })); });
        shown += found.results.length;
        status.textContent = found.total
          ? found.total + " " + resultsWord(status, found.total)
          : (status.getAttribute("data-no-results") || "No results for") + " “" + query.trim() + "”";
        status.className = found.total ? "" : "search-none";
        // A code one typo away from what was typed: "Did you mean 0x80CF0437?"; beside the
        // entries of a code, the codes it begins or is a typo away from: "Similar codes: …".
        // Each a link to its own search.
        function codeLinks(element, codes, label, ending) {
          while (element.firstChild) element.removeChild(element.firstChild);
          element.hidden = !codes.length;
          if (!codes.length) return;
          element.appendChild(document.createTextNode(label + " "));
          codes.slice(0, 8).forEach(function (code, index) {
            if (index) element.appendChild(document.createTextNode(", "));
            var link = document.createElement("a");
            var address = new URL(location.href);
            address.searchParams.set("q", code);
            link.href = address.search;
            link.textContent = code;
            element.appendChild(link);
          });
          element.appendChild(document.createTextNode(ending));
        }
        if (suggestion && !append) {
          codeLinks(suggestion, found.suggestions, suggestion.getAttribute("data-label") || "Did you mean", "?");
        }
        if (similarCodes && !append) {
          codeLinks(similarCodes, found.similar, (similarCodes.getAttribute("data-label") || "Similar codes") + ":", "");
        }
        if (moreButton) moreButton.hidden = shown >= found.total;
        if (elsewhere && !append) offerOtherLanguages(query, options, found, ticket);
        document.body.setAttribute("data-search-done", String(ticket));
      });
    };
    var current = null;
    var run = function () {
      var query = pageInput.value;
      var everywhere = !pageLocale || (allBox && allBox.checked);
      var address = "?q=" + encodeURIComponent(query) + (allBox && allBox.checked ? "&all=1" : "");
      try { window.history.replaceState(null, "", address); } catch (error) { /* file:// in some browsers */ }
      // The other languages' search pages open on the same query.
      Array.prototype.forEach.call(document.querySelectorAll(".language-switcher a[data-locale]"), function (link) {
        link.setAttribute("href", link.getAttribute("href").split(/[?#]/)[0] + (query.trim() ? address : ""));
      });
      var ticket = ++ticketCounter;
      if (!query.trim()) {
        while (resultList.firstChild) resultList.removeChild(resultList.firstChild);
        status.textContent = "";
        if (moreButton) moreButton.hidden = true;
        current = null;
        return;
      }
      current = { query: query, options: { locales: everywhere ? null : [pageLocale], preferred: pageLocale, limit: PAGE } };
      show(query, current.options, ticket, false);
    };
    if (moreButton) {
      moreButton.addEventListener("click", function () {
        if (!current) return;
        var options = Object.assign({}, current.options, { offset: shown });
        show(current.query, options, ticketCounter, true);
      });
    }
    pageInput.addEventListener("input", debounce(run, 80));
    if (allBox) allBox.addEventListener("change", run);
    run();
  }

  // Forgets the loaded index, so that the next query loads what it needs again, or with
  // keepFiles only what was computed from it (bench/search measures both).
  api.reset = function (keepFiles) {
    decoded = {};
    if (keepFiles) return;
    data = {};
    waiting = {};
    requested = {};
    fileShards = {};
    loadedFiles.length = 0;
    Array.prototype.slice.call(document.querySelectorAll("script[data-kb-index]")).forEach(function (script) {
      script.parentNode.removeChild(script);
    });
  };
  api.search = search;
  api.fold = function (text) { return fold(text).text; };
  api.terms = terms;
  api.loadedFiles = loadedFiles;
})();
