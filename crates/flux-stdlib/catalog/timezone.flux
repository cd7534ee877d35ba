// Helpers for building location records used to set the `location` option, so that time-based
// functions follow a fixed offset or a named time zone.
package timezone

// The UTC location, with zone `UTC` and no offset; the default value of the `location` option.
builtin utc : {zone: string, offset: duration}

// Returns a location record in the UTC zone shifted by a constant `offset` duration, with no
// daylight-saving changes.
builtin fixed : (offset: A) => {zone: string, offset: A}

// Returns the location record for a named time zone such as `America/Los_Angeles`, looked up in
// the time zone database; functions using it follow that zone's rules, daylight saving included.
// Fails if the name is unknown.
builtin location : (name: string) => {offset: duration, zone: string}
