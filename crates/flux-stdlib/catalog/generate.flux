// Functions that generate synthetic data, useful for testing and examples.
package generate

// Generates a table of `count` rows with times evenly spaced from `start` towards `stop`. Row `n`
// (counting from 0) gets `_value` from `fn(n: n)`; `_start` and `_stop` hold the range bounds.
builtin from : (
    count: int,
    fn: (n: int) => int,
    start: A,
    stop: A,
) => stream[{_value: int, _time: time, _stop: time, _start: time}] where A: Timeable
