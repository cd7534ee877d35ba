//! Locations: an IANA time zone (from the database bundled by jiff) plus a fixed offset, as
//! Flux's `location` records hold them (`{zone: "Europe/Paris", offset: 0h}`), and the
//! conversions between instants and local clock readings that windows and `date` use.
//!
//! A clock reading is written as nanoseconds too: the instant the same reading would be in
//! UTC. Converting a reading back to an instant follows upstream: in a gap (clocks moved
//! forward) a reading maps to the transition itself, in a fold (clocks moved back) to the
//! earlier of its two instants.

use std::sync::Arc;

use jiff::Timestamp;
use jiff::tz::{AmbiguousOffset, TimeZone};

use crate::value::{Duration, Record, Value};

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// A location: a zone (none for UTC) and an offset added to it.
#[derive(Clone, Debug, Default)]
pub struct Location {
    zone: Option<TimeZone>,
    name: Option<Arc<str>>,
    /// Nanoseconds east of the zone.
    offset: i64,
}

impl Location {
    pub fn utc() -> Location {
        Location::default()
    }

    /// The zone named as the IANA database names it (`UTC` is UTC).
    pub fn named(name: &str) -> Result<Location, String> {
        if name == "UTC" {
            return Ok(Location::utc());
        }
        let zone = TimeZone::get(name).map_err(|_| format!("unknown time zone \"{name}\""))?;
        Ok(Location { zone: Some(zone), name: Some(Arc::from(name)), offset: 0 })
    }

    /// The location a `{zone, offset}` record describes.
    pub fn from_value(value: &Value) -> Result<Location, String> {
        let Value::Record(record) = value else {
            return Err(format!("a location must be a record {{zone, offset}}, not a {}", value.type_name()));
        };
        let mut location = match record.get("zone") {
            Some(Value::String(name)) => Location::named(name)?,
            Some(other) => return Err(format!("the zone of a location must be a string, not a {}", other.type_name())),
            None => return Err("the location has no `zone`".to_owned()),
        };
        match record.get("offset") {
            None | Some(Value::Null) => {}
            Some(Value::Duration(d)) if d.months == 0 => location.offset = d.signed_nanos(),
            Some(Value::Duration(_)) => return Err("the offset of a location cannot hold months or years".to_owned()),
            Some(other) => {
                return Err(format!("the offset of a location must be a duration, not a {}", other.type_name()));
            }
        }
        Ok(location)
    }

    /// The record Flux code sees: `{zone, offset}`.
    pub fn to_value(&self) -> Value {
        let zone = self.name.as_deref().unwrap_or("UTC");
        let offset = Duration::from_nanos(self.offset);
        Value::Record(Arc::new(Record {
            fields: vec![("zone".into(), Value::string(zone)), ("offset".into(), Value::Duration(offset))],
        }))
    }

    pub fn is_utc(&self) -> bool {
        self.zone.is_none() && self.offset == 0
    }

    /// Whether the location has a zone other than UTC.
    pub fn has_zone(&self) -> bool {
        self.zone.is_some()
    }

    /// The fixed offset added to the zone, in nanoseconds.
    pub fn extra_offset(&self) -> i64 {
        self.offset
    }

    /// The zone's offset from UTC at instant `t`, in nanoseconds (the extra offset left out).
    pub fn zone_offset_at(&self, t: i64) -> i64 {
        match &self.zone {
            None => 0,
            Some(zone) => i64::from(zone.to_offset(timestamp(t)).seconds()) * NANOS_PER_SECOND,
        }
    }

    /// The zone's clock reading at instant `t`.
    pub fn to_clock(&self, t: i64) -> i64 {
        t.saturating_add(self.zone_offset_at(t))
    }

    /// The instant of the zone's clock reading `clock`.
    pub fn from_clock(&self, clock: i64) -> i64 {
        let Some(zone) = &self.zone else { return clock };
        let nanos = clock.rem_euclid(NANOS_PER_SECOND);
        let civil = timestamp(clock - nanos).to_zoned(TimeZone::UTC).datetime();
        let seconds = |offset: jiff::tz::Offset| i64::from(offset.seconds()) * NANOS_PER_SECOND;
        match zone.to_ambiguous_timestamp(civil).offset() {
            AmbiguousOffset::Unambiguous { offset } => clock - seconds(offset),
            AmbiguousOffset::Fold { before, .. } => clock - seconds(before),
            AmbiguousOffset::Gap { after, .. } => {
                // The reading read with the later offset lies before the transition, which is
                // the next one after it.
                let probe = clock - seconds(after);
                zone.following(timestamp(probe))
                    .next()
                    .map_or(probe, |transition| transition.timestamp().as_nanosecond() as i64)
            }
        }
    }
}

fn timestamp(t: i64) -> Timestamp {
    Timestamp::from_nanosecond(i128::from(t)).unwrap_or(if t < 0 { Timestamp::MIN } else { Timestamp::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{format_rfc3339_nano, parse_rfc3339};

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).unwrap()
    }

    #[test]
    fn clock_readings_round_trip_outside_transitions() {
        let paris = Location::named("Europe/Paris").unwrap();
        let t = at("2021-07-01T12:00:00Z");
        assert_eq!(format_rfc3339_nano(paris.to_clock(t)), "2021-07-01T14:00:00Z");
        assert_eq!(paris.from_clock(paris.to_clock(t)), t);
    }

    #[test]
    fn a_reading_in_a_gap_is_the_transition_and_in_a_fold_the_earlier_instant() {
        let la = Location::named("America/Los_Angeles").unwrap();
        // 2021-03-14 02:30 does not exist in Los Angeles: clocks went from 02:00 to 03:00.
        assert_eq!(format_rfc3339_nano(la.from_clock(at("2021-03-14T02:30:00Z"))), "2021-03-14T10:00:00Z");
        // 2021-11-07 01:30 happened twice: first at 08:30 UTC.
        assert_eq!(format_rfc3339_nano(la.from_clock(at("2021-11-07T01:30:00Z"))), "2021-11-07T08:30:00Z");
    }

    #[test]
    fn locations_read_from_records() {
        assert!(Location::from_value(&Location::utc().to_value()).unwrap().is_utc());
        assert!(Location::named("Mars/Olympus").unwrap_err().contains("unknown time zone"));
    }
}
