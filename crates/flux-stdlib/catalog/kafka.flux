// Functions for sending data to Apache Kafka.
package kafka

// Sends each input row as a line protocol message to `topic` on the Kafka `brokers` and passes the
// rows on. The measurement comes from `name` or `nameColumn`; `balancer` picks the partitioning:
// "hash" (default), "round-robin" or "least-bytes".
@sideEffect()
@default("balancer", "\"hash\"")
@default("nameColumn", "\"_measurement\"")
@default("timeColumn", "\"_time\"")
@default("valueColumns", "[\"_value\"]")
builtin to : (
    <-tables: stream[A],
    brokers: [string],
    topic: string,
    ?balancer: string,
    ?name: string,
    ?nameColumn: string,
    ?tagColumns: [string],
    ?timeColumn: string,
    ?valueColumns: [string],
) => stream[A] where A: Record
