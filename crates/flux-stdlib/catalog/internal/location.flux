// Internal package that defines the `location` option loaded into the prelude; not meant to be
// imported directly.
package location

// The default time zone for time-based functions such as `window` and `date` calculations, as a
// `zone` name plus fixed `offset`; UTC unless set with `option location = ...` (see `timezone`).
@option()
builtin location : {zone: string, offset: duration}
