// Attributes before the package clause, on imports and on statements.
@registry("modules", "http://localhost/modules")
@edition("2022.1")
package main

@deprecated("use strings directly")
import "strings"

@description("a helper with an attribute")
shout = (v) => strings.toUpper(v: v) + "!"

@trace(true, "verbose",)
result = shout(v: "ready")
