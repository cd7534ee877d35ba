// The results webview's pure logic (webview/model.ts, built to out/test/model.mjs by
// `node scripts/build.mjs --test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  cellText,
  chartData,
  columnWidths,
  countResults,
  csvField,
  formatElapsed,
  parseTime,
  plural,
  rowAsJson,
  rowAsTsv,
  scrollToShow,
  seriesLabel,
  toAnnotatedCsv,
  toCsv,
  toJson,
  truncationNotice,
  visibleRows,
} from "../out/test/model.mjs";

const TIME = { name: "_time", type: "dateTime:RFC3339" };
const VALUE = { name: "_value", type: "double" };
const HOST = { name: "host", type: "string" };

function table(groupKey, columns, rows) {
  return { groupKey, columns, rows };
}

/// A table of the cpu measurement for `host`, from [time, value] pairs.
const cpu = (host, rows) =>
  table(
    { _measurement: "cpu", host },
    [TIME, VALUE, { name: "_measurement", type: "string" }, HOST],
    rows.map(([t, v]) => [t, v, "cpu", host]),
  );

// ---- CSV ------------------------------------------------------------------------------

test("csvField quotes commas, quotes and line breaks, and nothing else", () => {
  assert.equal(csvField("plain"), "plain");
  assert.equal(csvField(""), "");
  assert.equal(csvField(" spaced "), " spaced ");
  assert.equal(csvField("a,b"), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("cr\rhere"), '"cr\rhere"');
});

test("toCsv writes a header and the rows, quoted, CRLF-ended, nulls empty", () => {
  const results = [
    {
      name: "_result",
      tables: [
        table({}, [{ name: "text", type: "string" }, { name: "n", type: "long" }, { name: "ok", type: "boolean" }], [
          ["a, b", 1, true],
          ['"quoted"', null, false],
          ["line\nbreak", -2, null],
        ]),
      ],
    },
  ];
  assert.equal(toCsv(results), 'text,n,ok\r\n"a, b",1,true\r\n"""quoted""",,false\r\n"line\nbreak",-2,\r\n');
});

test("toCsv shares a header among tables of the same columns and starts a block when they change", () => {
  const results = [
    {
      name: "_result",
      tables: [
        cpu("a", [["2024-01-01T00:00:00Z", 1]]),
        cpu("b", [["2024-01-01T00:00:00Z", 2]]),
        table({}, [{ name: "count", type: "long" }], [[3]]),
      ],
    },
    { name: "other", tables: [table({}, [{ name: "count", type: "long" }], [[4]])] },
  ];
  assert.equal(
    toCsv(results),
    [
      "_time,_value,_measurement,host",
      "2024-01-01T00:00:00Z,1,cpu,a",
      "2024-01-01T00:00:00Z,2,cpu,b",
      "",
      "count",
      "3",
      "",
      "count",
      "4",
      "",
    ].join("\r\n"),
  );
});

test("the CSV exports of no results are empty", () => {
  assert.equal(toCsv([]), "");
  assert.equal(toAnnotatedCsv([]), "");
  assert.equal(toCsv([{ name: "_result", tables: [] }]), "");
});

// ---- Annotated CSV --------------------------------------------------------------------

test("toAnnotatedCsv writes the annotations, the group flags and each row's result and table", () => {
  const results = [{ name: "_result", tables: [cpu("a", [["2024-01-01T00:00:00Z", 0.5], ["2024-01-01T00:00:10Z", 1.5]])] }];
  assert.equal(
    toAnnotatedCsv(results),
    [
      "#datatype,string,long,dateTime:RFC3339,double,string,string",
      "#group,false,false,false,false,true,true",
      "#default,_result,,,,,",
      ",result,table,_time,_value,_measurement,host",
      ",_result,0,2024-01-01T00:00:00Z,0.5,cpu,a",
      ",_result,0,2024-01-01T00:00:10Z,1.5,cpu,a",
      "",
      "",
    ].join("\r\n"),
  );
});

test("toAnnotatedCsv numbers tables, shares a block for one schema and splits where it changes", () => {
  const results = [
    {
      name: "_result",
      tables: [
        cpu("a", [["2024-01-01T00:00:00Z", 1]]),
        cpu("b", [["2024-01-01T00:00:00Z", 2]]),
        table({ region: "west" }, [{ name: "region", type: "string" }, { name: "n", type: "long" }], [["west", 7]]),
      ],
    },
    {
      name: "max",
      tables: [table({}, [{ name: "flag", type: "boolean" }, { name: "note", type: "string" }], [[true, 'a "b", c']])],
    },
  ];
  assert.equal(
    toAnnotatedCsv(results),
    [
      "#datatype,string,long,dateTime:RFC3339,double,string,string",
      "#group,false,false,false,false,true,true",
      "#default,_result,,,,,",
      ",result,table,_time,_value,_measurement,host",
      ",_result,0,2024-01-01T00:00:00Z,1,cpu,a",
      ",_result,1,2024-01-01T00:00:00Z,2,cpu,b",
      "",
      "#datatype,string,long,string,long",
      "#group,false,false,true,false",
      "#default,_result,,,",
      ",result,table,region,n",
      ",_result,2,west,7",
      "",
      "#datatype,string,long,boolean,string",
      "#group,false,false,false,false",
      "#default,max,,,",
      ",result,table,flag,note",
      ',max,0,true,"a ""b"", c"',
      "",
      "",
    ].join("\r\n"),
  );
});

test("toAnnotatedCsv gives an empty table a block whose #default row carries its table and group key", () => {
  const region = [{ name: "region", type: "string" }, { name: "n", type: "long" }];
  const results = [
    {
      name: "_result",
      tables: [
        table({ region: "east" }, region, [["east", 1]]),
        table({ region: "west" }, region, []),
        table({ region: "north" }, region, [["north", null]]),
      ],
    },
  ];
  assert.equal(
    toAnnotatedCsv(results),
    [
      "#datatype,string,long,string,long",
      "#group,false,false,true,false",
      "#default,_result,,,",
      ",result,table,region,n",
      ",_result,0,east,1",
      "",
      "#datatype,string,long,string,long",
      "#group,false,false,true,false",
      "#default,_result,1,west,",
      ",result,table,region,n",
      "",
      "#datatype,string,long,string,long",
      "#group,false,false,true,false",
      "#default,_result,,,",
      ",result,table,region,n",
      ",_result,2,north,",
      "",
      "",
    ].join("\r\n"),
  );
});

test("toAnnotatedCsv splits blocks when only the group key's columns change", () => {
  const columns = [HOST, VALUE];
  const results = [{ name: "_result", tables: [table({ host: "a" }, columns, [["a", 1]]), table({}, columns, [["b", 2]])] }];
  const blocks = toAnnotatedCsv(results).split("\r\n\r\n");
  assert.equal(blocks.length, 3); // two blocks, then the blank line that ends the result
  assert.match(blocks[0], /^#group,false,false,true,false\r\n/m);
  assert.match(blocks[1], /#group,false,false,false,false\r\n/);
});

// ---- JSON -----------------------------------------------------------------------------

test("toJson gives back the results as they are, one row a line", () => {
  const results = [
    {
      name: "_result",
      tables: [cpu("a", [["2024-01-01T00:00:00Z", 0.5], ["2024-01-01T00:00:10Z", null]]), table({}, [HOST], [])],
    },
    { name: "empty", tables: [] },
  ];
  const json = toJson(results);
  assert.deepEqual(JSON.parse(json), results);
  assert.ok(json.includes('\n          ["2024-01-01T00:00:10Z",null,"cpu","a"]\n'), json);
  assert.equal(json.split("\n").length, 25);
  assert.deepEqual(JSON.parse(toJson([])), []);
});

// ---- Copy -----------------------------------------------------------------------------

test("cellText writes null as nothing and the rest as sent", () => {
  assert.deepEqual([null, 0, 1.5, true, false, "NaN", "x"].map(cellText), ["", "0", "1.5", "true", "false", "NaN", "x"]);
});

test("rowAsTsv separates by tabs and quotes cells that would break the row", () => {
  assert.equal(rowAsTsv(["a", 1, null, true]), "a\t1\t\ttrue");
  assert.equal(rowAsTsv(["tab\there", 'q"', "line\nbreak"]), '"tab\there"\t"q"""\t"line\nbreak"');
});

test("rowAsJson keys values by column, keeping their types", () => {
  assert.equal(
    rowAsJson([TIME, VALUE, HOST], ["2024-01-01T00:00:00Z", 2, null]),
    '{"_time":"2024-01-01T00:00:00Z","_value":2,"host":null}',
  );
});

// ---- Header ---------------------------------------------------------------------------

test("counts and the truncation notice", () => {
  const results = [
    { name: "_result", tables: [cpu("a", [["2024-01-01T00:00:00Z", 1]]), cpu("b", [])] },
    { name: "x", tables: [] },
  ];
  assert.deepEqual(countResults(results), { rows: 1, tables: 2 });
  assert.equal(truncationNotice({ results, truncated: false, rowCount: 1 }), undefined);
  assert.equal(truncationNotice({ results, truncated: true, rowCount: 12345 }), "truncated: showing 1 of 12,345 rows");
  assert.equal(plural(1, "row"), "1 row");
  assert.equal(plural(10000, "table"), "10,000 tables");
  assert.equal(formatElapsed(3.24), "3.2 ms");
  assert.equal(formatElapsed(250.4), "250 ms");
  assert.equal(formatElapsed(1234), "1.23 s");
});

// ---- Chart ----------------------------------------------------------------------------

test("parseTime reads RFC 3339 in seconds, below the millisecond too", () => {
  assert.equal(parseTime("1970-01-01T00:00:10Z"), 10);
  assert.equal(parseTime("2024-01-01T00:00:00Z"), 1704067200);
  assert.ok(Math.abs(parseTime("1970-01-01T00:00:01.000000500Z") - 1.0000005) < 1e-12);
  assert.equal(parseTime("1970-01-01T01:00:00+01:00"), 0);
  assert.equal(parseTime("yesterday"), undefined);
});

test("seriesLabel names a series as line protocol does, without _start and _stop", () => {
  // Flux sorts a group key's columns; the label puts the measurement first and the tags before _field.
  const key = { _field: "usage", _measurement: "cpu", _start: "2024-01-01T00:00:00Z", _stop: "2024-01-02T00:00:00Z" };
  assert.equal(seriesLabel({ ...key, dc: "eu", host: "a" }), "cpu,dc=eu,host=a,_field=usage");
  assert.equal(seriesLabel({ _measurement: "cpu", _field: "usage", _value: null }), "cpu,_field=usage,_value=");
  assert.equal(seriesLabel({ host: "a" }), "host=a");
  assert.equal(seriesLabel({ _start: "x", _stop: "y" }), "_value");
});

test("chartData aligns every series on the sorted union of their times", () => {
  const result = {
    name: "_result",
    tables: [
      cpu("a", [["1970-01-01T00:00:10Z", 1], ["1970-01-01T00:00:30Z", 3]]),
      cpu("b", [["1970-01-01T00:00:20Z", 20], ["1970-01-01T00:00:10Z", 10]]),
    ],
  };
  const data = chartData(result);
  assert.deepEqual(data.times, [10, 20, 30]);
  assert.deepEqual(
    data.series.map((s) => [s.label, s.values]),
    [
      ["cpu,host=a", [1, null, 3]],
      ["cpu,host=b", [10, 20, null]],
    ],
  );
  assert.equal(data.tablesLeftOut, 0);
  assert.equal(data.seriesDropped, 0);
});

test("chartData leaves out non-numeric values, NaN and infinities, and tables it cannot draw", () => {
  const strings = table({ host: "s" }, [TIME, { name: "_value", type: "string" }], [["1970-01-01T00:00:01Z", "x"]]);
  const noTime = table({ host: "t" }, [VALUE], [[1]]);
  const longs = table({ host: "l" }, [TIME, { name: "_value", type: "long" }], [
    ["1970-01-01T00:00:01Z", 5],
    ["1970-01-01T00:00:02Z", null],
    ["1970-01-01T00:00:03Z", 7],
  ]);
  const specials = table({ host: "d" }, [TIME, VALUE], [
    ["1970-01-01T00:00:01Z", "NaN"],
    ["1970-01-01T00:00:02Z", "+Inf"],
    ["1970-01-01T00:00:04Z", 1.5],
  ]);
  const data = chartData({ name: "_result", tables: [strings, noTime, longs, specials] });
  assert.deepEqual(data.times, [1, 3, 4]);
  assert.deepEqual(
    data.series.map((s) => [s.label, s.values]),
    [
      ["host=l", [5, 7, null]],
      ["host=d", [null, null, 1.5]],
    ],
  );
  assert.equal(data.tablesLeftOut, 2);
});

test("chartData numbers repeated labels and stops at maxSeries", () => {
  const window = (start, value) =>
    table({ _start: start, _stop: "z", host: "a" }, [TIME, VALUE], [["1970-01-01T00:00:01Z", value]]);
  const data = chartData({ name: "_result", tables: [window("p", 1), window("q", 2), window("r", 3)] }, 2);
  assert.deepEqual(data.series.map((s) => s.label), ["host=a", "host=a (2)"]);
  assert.equal(data.seriesDropped, 1);
  assert.deepEqual(chartData({ name: "_result", tables: [] }), { times: [], series: [], tablesLeftOut: 0, seriesDropped: 0 });
});

// ---- Virtual window -------------------------------------------------------------------

test("visibleRows renders the rows in view and the overscan, within the table", () => {
  // 20px rows, a 100px viewport: rows 0-4 are in view at the top.
  assert.deepEqual(visibleRows(0, 100, 20, 1000, 3), { first: 0, end: 8 });
  // Scrolled by 210px: rows 10 (partly) to 15 (partly) are in view.
  assert.deepEqual(visibleRows(210, 100, 20, 1000, 3), { first: 7, end: 19 });
  // At the bottom the window stops at the last row.
  assert.deepEqual(visibleRows(19900, 100, 20, 1000, 3), { first: 992, end: 1000 });
  // Past the end (a scroll bar dragged as the table shrinks) nothing breaks.
  assert.deepEqual(visibleRows(50000, 100, 20, 1000, 3), { first: 1000, end: 1000 });
  assert.deepEqual(visibleRows(0, 100, 20, 0, 3), { first: 0, end: 0 });
  assert.deepEqual(visibleRows(0, 100, 20, 2, 3), { first: 0, end: 2 });
});

test("scrollToShow moves as little as it can to bring a row into view", () => {
  assert.equal(scrollToShow(10, 0, 100, 20), 120); // below: its bottom at the viewport's bottom
  assert.equal(scrollToShow(2, 100, 100, 20), 40); // above: at the top
  assert.equal(scrollToShow(6, 100, 100, 20), 100); // in view: no move
});

test("columnWidths fit the header and the widest sampled cell, within bounds", () => {
  const t = table({}, [{ name: "n", type: "long" }, { name: "text", type: "string" }], [
    [1, "short"],
    [2, "x".repeat(100)],
    [333333333, null],
  ]);
  const [n, text] = columnWidths(t);
  assert.equal(n, 9); // "333333333" beats "n long"
  assert.equal(text, 48); // capped
  assert.deepEqual(columnWidths(table({}, [{ name: "b", type: "boolean" }], [])), [8]); // "b boolean", the type narrower
});
