// Business-hours filtering and calendar-month windows with the date package.
import "date"
import "timezone"

option location = timezone.location(name: "Europe/Paris")

isWeekday = (t) => {
    day = date.weekDay(t: t)

    return day != date.Saturday and day != date.Sunday
}

from(bucket: "support")
    |> range(start: date.truncate(t: -3mo, unit: 1mo), stop: date.truncate(t: now(), unit: 1mo))
    |> filter(fn: (r) => r._measurement == "tickets")
    |> filter(fn: (r) => isWeekday(t: r._time) and date.hour(t: r._time) >= 9 and date.hour(t: r._time) < 18)
    |> aggregateWindow(every: 1mo, fn: count)
    |> map(fn: (r) => ({r with month: date.month(t: r._time), shifted: date.add(d: 1w, to: r._time)}))
