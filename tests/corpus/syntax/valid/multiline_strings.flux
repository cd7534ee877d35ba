// Strings spanning several lines, and an annotated CSV embedded as a string.
import "csv"

note = "first line
second line
    indented third line"

inline = "
"

data = "
#datatype,string,long,dateTime:RFC3339,double,string
#group,false,false,false,false,true
#default,_result,,,,
,result,table,_time,_value,host
,,0,2023-01-01T00:00:00Z,1.5,a
,,0,2023-01-01T00:01:00Z,2.5,a
"

csv.from(csv: data)
    |> map(fn: (r) => ({r with note: note + inline}))
    |> yield(name: "from_csv")
