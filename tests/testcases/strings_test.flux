package strings_test


import "testing"
import "strings"
import "regexp"
import "http"
import "internal/debug"

testcase case_maps_unicode {
    got = display(v: [strings.toUpper(v: "héllo ünï"), strings.toLower(v: "ÀÉÎ Go")])

    testing.assertEqualValues(got: got, want: "[HÉLLO ÜNÏ, àéî go]")
}

testcase title_starts_words {
    testing.assertEqualValues(got: strings.title(v: "hello wide-world, élan"), want: "Hello Wide-World, Élan")
}

testcase to_title_maps_digraphs {
    testing.assertEqualValues(got: strings.toTitle(v: "ǆemal"), want: "ǅEMAL")
}

testcase trims {
    got =
        display(
            v: [
                strings.trim(v: "..abc..", cutset: "."),
                strings.trimLeft(v: "xxabcxx", cutset: "x"),
                strings.trimRight(v: "xxabcxx", cutset: "x"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[abc, abcxx, xxabc]")
}

testcase trim_prefix_suffix_space {
    got =
        display(
            v: [
                strings.trimPrefix(v: "¡hola!", prefix: "¡"),
                strings.trimSuffix(v: "¡hola!", suffix: "!"),
                strings.trimSpace(v: " \t héllo \n"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[hola!, ¡hola, héllo]")
}

testcase trim_null_fails {
    testing.shouldError(
        fn: () => strings.trimSpace(v: debug.null()),
        want: /expected argument "v" to be of type string/,
    )
}

testcase prefix_suffix_contains {
    got =
        display(
            v: [
                strings.hasPrefix(v: "日本語", prefix: "日本"),
                strings.hasSuffix(v: "日本語", suffix: "本"),
                strings.containsStr(v: "seafood", substr: "foo"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, true]")
}

testcase contains_any_and_equal_fold {
    got =
        display(
            v: [
                strings.containsAny(v: "failure", chars: "ui"),
                strings.containsAny(v: "failure", chars: ""),
                strings.equalFold(v: "Gö", t: "GÖ"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, true]")
}

testcase compare_and_count {
    got =
        display(
            v: [
                strings.compare(v: "a", t: "b"),
                strings.countStr(v: "cheese", substr: "e"),
                strings.countStr(v: "fïve", substr: ""),
            ],
        )

    testing.assertEqualValues(got: got, want: "[-1, 3, 5]")
}

testcase indexes_count_bytes {
    got =
        display(
            v: [
                strings.index(v: "héllo", substr: "l"),
                strings.lastIndex(v: "go gopher", substr: "go"),
                strings.index(v: "chicken", substr: "dmr"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[3, 3, -1]")
}

testcase index_any {
    got =
        display(
            v: [
                strings.indexAny(v: "golang", chars: "ny"),
                strings.lastIndexAny(v: "go gopher", chars: "go"),
                strings.indexAny(v: "abc", chars: "xyz"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[4, 4, -1]")
}

testcase character_classes {
    got =
        display(
            v: [
                strings.isDigit(v: "7"),
                strings.isLetter(v: "7"),
                strings.isUpper(v: "A"),
            ],
        )

    testing.assertEqualValues(got: got, want: "[true, false, true]")
}

testcase character_class_needs_one_byte {
    testing.shouldError(fn: () => strings.isLower(v: "é"), want: /argument length is not equal to 1/)
}

testcase repeat_and_replace {
    got =
        display(
            v: [
                strings.repeat(v: "ab", i: 3),
                strings.replace(v: "oink oink oink", t: "k", u: "ky", i: 2),
                strings.replace(v: "oink oink", t: "oink", u: "moo", i: -1),
            ],
        )

    testing.assertEqualValues(got: got, want: "[ababab, oinky oinky oink, moo moo]")
}

testcase replace_all_empty_pattern {
    testing.assertEqualValues(got: strings.replaceAll(v: "añb", t: "", u: "-"), want: "-a-ñ-b-")
}

testcase repeat_negative_fails {
    testing.shouldError(fn: () => strings.repeat(v: "a", i: -1), want: /negative repeat count/)
}

testcase split_forms {
    got =
        display(
            v: [
                strings.split(v: "a,b,c", t: ","),
                strings.split(v: "日本語", t: ""),
                strings.splitAfter(v: "a,b,", t: ","),
            ],
        )

    testing.assertEqualValues(got: got, want: "[[a, b, c], [日, 本, 語], [a,, b,, ]]")
}

testcase split_n_forms {
    got =
        display(
            v: [
                strings.splitN(v: "a,b,c,d", t: ",", i: 2),
                strings.splitAfterN(v: "a,b,c", t: ",", i: 2),
                strings.splitN(v: "a,b", t: ",", i: 0),
            ],
        )

    testing.assertEqualValues(got: got, want: "[[a, b,c,d], [a,, b,c], []]")
}

testcase join_str {
    testing.assertEqualValues(got: strings.joinStr(arr: ["a", "ü", "c"], v: " – "), want: "a – ü – c")
}

testcase strlen_counts_characters {
    testing.assertEqualValues(got: strings.strlen(v: "héllo✓"), want: 6)
}

testcase substring_counts_characters {
    got =
        display(
            v: [
                strings.substring(v: "héllo", start: 1, end: 3),
                strings.substring(v: "héllo", start: -5, end: 100),
                strings.substring(v: "héllo", start: 4, end: 2),
            ],
        )

    testing.assertEqualValues(got: got, want: "[él, héllo, ]")
}

testcase regexp_compile_and_match {
    r = regexp.compile(v: "^h.llo$")

    testing.assertEqualValues(got: regexp.matchRegexpString(r: r, v: "héllo"), want: true)
}

testcase regexp_compile_fails {
    testing.shouldError(fn: () => regexp.compile(v: "a("), want: /invalid regular expression/)
}

testcase regexp_find {
    got =
        display(
            v: {
                s: regexp.findString(r: /b+/, v: "abbbc"),
                i: regexp.findStringIndex(r: /b+/, v: "abbbc"),
                none: regexp.findStringIndex(r: /z/, v: "abc"),
            },
        )

    testing.assertEqualValues(got: got, want: "{i: [1, 4], none: [], s: bbb}")
}

testcase regexp_replace_with_groups {
    got = regexp.replaceAllString(r: /(\w+)@(\w+)/, v: "ana@home bo@work", t: "$2:$1")

    testing.assertEqualValues(got: got, want: "home:ana work:bo")
}

testcase regexp_split {
    got =
        display(
            v: [
                regexp.splitRegexp(r: /a+/, v: "baaac", i: -1),
                regexp.splitRegexp(r: /,/, v: "x,y,z", i: 2),
                regexp.splitRegexp(r: /,/, v: "", i: -1),
            ],
        )

    testing.assertEqualValues(got: got, want: "[[b, c], [x, y,z], []]")
}

testcase regexp_quote_and_get_string {
    got = display(v: [regexp.quoteMeta(v: "1+1=2?"), regexp.getString(r: /a+b/)])

    testing.assertEqualValues(got: got, want: "[1\\+1=2\\?, a+b]")
}

testcase http_path_escape {
    testing.assertEqualValues(got: http.pathEscape(inputString: "a b/c?d=é&$"), want: "a%20b%2Fc%3Fd=%C3%A9&$")
}
