// Declare expectations that a Flux test case must meet by the time it finishes, such as how
// often the query planner applies particular rules.
package expect

// Makes the current test case check that each planner rule named in `rules` fires exactly the
// mapped number of times; the test fails otherwise. Errors when run outside the test harness.
builtin planner : (rules: [string:int]) => {}
