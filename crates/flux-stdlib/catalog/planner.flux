// Options for steering the Flux query planner, mainly to switch off optimization rules when testing
// or debugging a query.
package planner

// The names of logical planner rules to skip for this query; none by default. Set it with
// `option planner.disableLogicalRules = ["RuleName"]`.
@option()
builtin disableLogicalRules : [string]

// The names of physical planner rules to skip for this query; none by default. Set it with
// `option planner.disablePhysicalRules = ["RuleName"]`.
@option()
builtin disablePhysicalRules : [string]
