// InfluxDB 1.x names of the schema functions.
package v1

import "influxdata/influxdb/schema"

fieldsAsCols = schema.fieldsAsCols
tagValues = schema.tagValues
measurementTagValues = schema.measurementTagValues
tagKeys = schema.tagKeys
measurementTagKeys = schema.measurementTagKeys
fieldKeys = schema.fieldKeys
measurementFieldKeys = schema.measurementFieldKeys
measurements = schema.measurements
