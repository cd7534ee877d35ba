// Information about the Flux runtime that is executing the script.
package runtime

// Returns the version string of the running Flux engine.
builtin version : () => string
