// InfluxDB's official JavaScript client (@influxdata/influxdb-client) against `flx serve`: it
// writes points, reads them back as rows and checks they are what it wrote.
//
// Usage: node js_client.cjs URL TOKEN BUCKET (the client found through NODE_PATH); prints
// "ok" when everything matches.
const {InfluxDB, Point} = require('@influxdata/influxdb-client')

async function main() {
  const [url, token, bucket] = process.argv.slice(2)
  const influx = new InfluxDB({url, token})
  const writeApi = influx.getWriteApi('flx', bucket, 's')
  const written = []
  for (let i = 0; i < 50; i++) {
    const host = i % 2 ? 'a' : 'b'
    const seconds = 1704067200 + i * 10
    const value = i * 0.25
    written.push([host, seconds, value])
    writeApi.writePoint(new Point('cpu').tag('host', host).floatField('usage', value).timestamp(seconds))
  }
  await writeApi.close()

  const queryApi = influx.getQueryApi('flx')
  const rows = await queryApi.collectRows(
    `from(bucket: "${bucket}") |> range(start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)`,
  )
  const read = rows.map((r) => [r.host, Date.parse(r._time) / 1000, r._value])
  const key = (row) => row.join('|')
  const sorted = (list) => list.map(key).sort()
  if (JSON.stringify(sorted(read)) !== JSON.stringify(sorted(written))) {
    throw new Error(`read ${read.length} rows, wrote ${written.length}: ${JSON.stringify(read.slice(0, 3))}`)
  }
  if (!rows.every((r) => r._measurement === 'cpu' && r._field === 'usage')) {
    throw new Error('a row of another measurement or field')
  }
  // A Flux error comes back as InfluxDB's error.
  try {
    await queryApi.collectRows('from(bucket: 1)')
    throw new Error('a query with a type error succeeded')
  } catch (e) {
    if (!String(e.message).includes('compilation failed')) throw e
  }
  console.log('ok')
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
