// Internal tools for debugging and testing the Flux engine, such as pass-through and sink
// transformations and access to options and feature flags.
package debug

// Passes the input tables through unchanged. Useful as a barrier that stops planner rules from
// matching across it.
builtin pass : (<-tables: stream[A]) => stream[A] where A: Record

// Passes the input tables through unchanged, like `pass`, but its type hides that the output has
// the same type as the input.
builtin opaque : (<-tables: stream[A]) => stream[B] where A: Record, B: Record

// Reads each input table completely and merges its buffers into one in-memory table per group key.
// Useful for comparing the performance of many buffers against one.
builtin slurp : (<-tables: stream[A]) => stream[A] where A: Record

// Consumes and discards every input table, producing no data.
builtin sink : (<-tables: stream[A]) => stream[A] where A: Record

// Returns the current value of the option `name` in the package at path `pkg`.
builtin getOption : (name: string, pkg: string) => A

// Returns the value of the feature flag named `key`, or null if no such flag exists.
builtin feature : (key: string) => A

// Returns a null value of the basic type named by `type` ("string", "int", "float", "bool", "time",
// etc.). Without `type` it returns an untyped null; an unknown name is an error.
builtin null : (?type: string) => A where A: Basic

// A flag letting the compiler turn Flux functions into vectorized (column-at-a-time) code.
// Defaults to `false`; enable it with `option debug.vectorize = true`.
@option()
builtin vectorize : bool
