// Functions that publish data to an MQTT broker, either as single messages or as line protocol
// built from tables.
package mqtt

// Writes each input table as line protocol in one MQTT message to `broker` and passes the rows on.
// `valueColumns` become fields and `tagColumns` tags; without a `topic`, one is derived from the
// measurement and tags.
@sideEffect()
@default("qos", "0")
@default("retain", "false")
@default("timeout", "1s")
@default("timeColumn", "\"_time\"")
@default("tagColumns", "[]")
@default("valueColumns", "[\"_value\"]")
builtin to : (
    <-tables: stream[A],
    broker: string,
    ?clientid: string,
    ?name: string,
    ?password: string,
    ?qos: int,
    ?retain: bool,
    ?tagColumns: [string],
    ?timeColumn: string,
    ?timeout: duration,
    ?topic: string,
    ?username: string,
    ?valueColumns: [string],
) => stream[B] where A: Record, B: Record

// Publishes the string `message` to `topic` on the MQTT broker at `broker` and returns `true` once
// it is sent. `qos` (0 to 2, default 0), `retain` and `timeout` (default 1s) tune the delivery.
@sideEffect()
@default("qos", "0")
@default("retain", "false")
@default("timeout", "1s")
builtin publish : (
    broker: string,
    message: string,
    topic: string,
    ?clientid: string,
    ?password: string,
    ?qos: int,
    ?retain: bool,
    ?timeout: duration,
    ?username: string,
) => bool
