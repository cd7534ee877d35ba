// Small sample series for examples: two tables (tags t1 and t2) of six rows, ten seconds
// apart, over the minute from `start` to `stop`; with `includeNull`, some values are null.
package sampledata

import "csv"

start = 2021-01-01T00:00:00Z
stop = 2021-01-01T00:01:00Z

// The annotated CSV of the two series; `values` holds t1's six values then t2's, and the
// positions in `nulls` are left empty when `includeNull`.
_csv = (datatype, values, includeNull) => {
    cell = (i) => if includeNull and (i == 1 or i == 3 or i == 4 or i == 6 or i == 10) then "" else values[i]
    row = (i) => {
        table = if i < 6 then "0" else "1"
        tag = if i < 6 then "t1" else "t2"
        second = if i < 6 then i else i - 6

        return ",,${table},2021-01-01T00:00:${second}0Z,${tag},${cell(i: i)}\n"
    }

    return
        "#group,false,false,false,true,false\n#datatype,string,long,dateTime:RFC3339,string,${datatype}\n"
            +
            "#default,_result,,,,\n,result,table,_time,tag,_value\n"
            +
            row(i: 0) + row(i: 1) + row(i: 2) + row(i: 3) + row(i: 4) + row(i: 5) + row(i: 6) + row(i: 7)
            +
            row(i: 8) + row(i: 9) + row(i: 10) + row(i: 11)
}

_numbers = [
    "-2.18",
    "10.92",
    "7.35",
    "17.53",
    "15.23",
    "4.43",
    "19.85",
    "4.97",
    "-3.75",
    "19.77",
    "13.86",
    "1.86",
]
_strings = [
    "smpl_g9qczs",
    "smpl_0mgv9n",
    "smpl_phw664",
    "smpl_guvzy4",
    "smpl_5v3cce",
    "smpl_s9fmgy",
    "smpl_b5eida",
    "smpl_eu4oxp",
    "smpl_5g7tz4",
    "smpl_sox1ut",
    "smpl_wfm757",
    "smpl_dtn2bv",
]
_bools = ["true", "true", "false", "true", "false", "false", "false", "true", "false", "true", "true", "false"]

float = (includeNull=false) => csv.from(csv: _csv(datatype: "double", values: _numbers, includeNull: includeNull))
int = (includeNull=false) => float(includeNull: includeNull) |> toInt()
uint = (includeNull=false) => float(includeNull: includeNull) |> toUInt()
string = (includeNull=false) => csv.from(csv: _csv(datatype: "string", values: _strings, includeNull: includeNull))
bool = (includeNull=false) => csv.from(csv: _csv(datatype: "boolean", values: _bools, includeNull: includeNull))
numericBool = (includeNull=false) => bool(includeNull: includeNull) |> toInt()
