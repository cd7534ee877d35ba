// Access to secrets stored in InfluxDB, so credentials need not appear in query text.
package secrets

// Returns the value stored under `key` in the InfluxDB secret store; errors if it can't be loaded.
builtin get : (key: string) => string
