// A community-contributed naive Bayes classifier for time series data; it handles one field
// at a time and binary (two-valued) data sets.
package naiveBayesClassifier

// Classifies input rows with naive Bayes, training on the `myMeasurement`/`myField` data and
// predicting the `myClass` column. Returns the test rows joined with computed probabilities.
// Note: the training and test time ranges are fixed dates in early January 2020.
builtin naiveBayes : (
    <-tables: stream[{E with _time: time, _measurement: C, _field: D}],
    myClass: string,
    myField: A,
    myMeasurement: B,
) => stream[F] where A: Equatable, B: Equatable, C: Equatable, D: Equatable, F: Record
