import "csv"

raw =
    "#datatype,string,long,dateTime:RFC3339,double
#group,false,false,false,false
#default,_result,,,
,result,table,_time,_value
,,0,2024-01-01T00:00:00Z,1.5
"

csv.from(csv: raw) |> yield(name: "parsed")
