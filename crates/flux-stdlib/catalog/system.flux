// Functions for reading information from the host system.
package system

// Returns the current time of the system clock in UTC, read at the moment it is called. Unlike
// `now()`, it is not fixed for the whole query.
builtin time : () => time
